"""Measure one seeded database: `python -m bench.measure --out FILE [options]`.

Runs with DJANGO_SETTINGS_MODULE=bench.settings and DATABASE_URL of a database that
`seed_scale` filled. Writes one JSON file with everything `run.py` tabulates: pages (server time
through gunicorn), queries per page (test client), indicators (engine vs hand-written SQL),
export (subprocess: time and peak memory against COPY), daily reminders per kind, and
optionally the import and the load test.
"""

import argparse
import contextlib
import datetime
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path


def database_facts() -> dict:
    from django.conf import settings
    from django.db import connection

    from participants.models import Contact, Participant

    facts = {
        "pg_options": getattr(settings, "PG_OPTIONS", ""),
        "participants": Participant.objects.count(),
        "case_notes": Contact.objects.count(),
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            facts["db_mb"] = round(cursor.fetchone()[0] / 1024 / 1024)
            cursor.execute("SELECT coalesce(sum(n_live_tup), 0) FROM pg_stat_user_tables")
            facts["rows_estimate"] = int(cursor.fetchone()[0])
    return facts


def measure_indicators(repeats: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from jump.reports.periods import PROGRAMME_START

    from . import indicators_sql

    start, end = PROGRAMME_START, timezone.localdate()
    with CaptureQueriesContext(connection) as queries:
        engine = indicators_sql.engine_figures(start, end)
    reference = indicators_sql.figures(start, end)
    engine_runs, sql_runs = [], []
    for _n in range(repeats):
        started = time.perf_counter()
        indicators_sql.engine_figures(start, end)
        engine_runs.append(time.perf_counter() - started)
        started = time.perf_counter()
        indicators_sql.figures(start, end)
        sql_runs.append(time.perf_counter() - started)
    engine_ms = statistics.median(engine_runs) * 1000
    sql_ms = statistics.median(sql_runs) * 1000
    return {
        "period": [start.isoformat(), end.isoformat()],
        "indicators": len(engine),
        "engine_queries": len(queries.captured_queries),
        "engine_ms": round(engine_ms, 1),
        "sql_ms": round(sql_ms, 1),
        "ratio": round(engine_ms / sql_ms, 2) if sql_ms else None,
        "differences": indicators_sql.differences(engine, reference),
        "values": {code: _plain(value) for code, (value, _parts) in sorted(engine.items())},
    }


def _plain(value):
    return str(value) if value is not None and not isinstance(value, int) else value


def measure_reminders(day: datetime.date) -> dict:
    """Each kind of daily reminder created for `day`, in a transaction that is rolled back."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from jump.notifications.reminders import DAILY_REMINDERS
    from jump.notifications.services import _create_reminders

    kinds = {}
    for reminder in DAILY_REMINDERS:
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                due = _create_reminders(reminder, day)
                elapsed = time.perf_counter() - started
            transaction.set_rollback(True)
        statements = [q["sql"] for q in queries.captured_queries]
        inserts = sum(1 for sql in statements if sql.startswith("INSERT"))
        kinds[str(reminder.kind)] = {
            "due": due,
            "ms": round(elapsed * 1000, 1),
            "queries": len(statements) - inserts,
            "insert_batches": inserts,
        }
    return {
        "day": day.isoformat(),
        "kinds": kinds,
        "total_ms": round(sum(k["ms"] for k in kinds.values()), 1),
        "total_due": sum(k["due"] for k in kinds.values()),
    }


def measure_export(repeats: int) -> dict:
    output = subprocess.run(  # noqa: S603 (fixed argv: this interpreter and its tools)
        [sys.executable, "-m", "bench.export", str(repeats)],
        check=True,
        capture_output=True,
        text=True,
        timeout=1800,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure_dashboard_miss(cast, repeats: int = 3) -> dict:
    """The manager's dashboard when its cache has nothing for the data (the first view after a
    write): the data version raised, then one GET through the test client; wall time and the
    CPU of this process and of its backend, median of `repeats`; a hit after each for contrast."""
    from django.db import connection
    from django.test import Client

    from jump.reports.cache import bump_data_version

    from .cpu import InProcessMeter, Usage

    browser = Client(HTTP_HOST="127.0.0.1")
    browser.cookies.load(cast["manager"].cookie)
    meter = InProcessMeter(connection) if connection.vendor == "postgresql" else None
    path = "/en/reports/dashboard/"
    runs: dict[str, list] = {"miss_ms": [], "miss_cpu_ms": [], "hit_ms": [], "hit_cpu_ms": []}
    for _n in range(repeats):
        bump_data_version()
        for kind in ("miss", "hit"):
            before = meter.snapshot() if meter else None
            started = time.perf_counter()
            response = browser.get(path)
            runs[f"{kind}_ms"].append((time.perf_counter() - started) * 1000)
            if meter:
                runs[f"{kind}_cpu_ms"].append(Usage.between(before, meter.snapshot()).total_ms)
            if response.status_code != 200:
                raise RuntimeError(f"dashboard: HTTP {response.status_code}")
    return {
        name: round(statistics.median(values), 1) if values else None
        for name, values in runs.items()
    }


@contextlib.contextmanager
def server_meter(port: int, pid: int):
    """bench.cpu.ServerMeter of the gunicorn on `port` (pid of its arbiter), or None where the
    CPU cannot be read (no /proc, or not PostgreSQL)."""
    from django.db import connection

    from . import cpu

    if connection.vendor != "postgresql" or not cpu.PROC.is_dir():
        yield None
        return
    with connection.cursor() as cursor:
        yield cpu.ServerMeter(pid, cpu.app_name(port), cursor)


def measure_load(work: Path, durations: float, users: list[int], workers: int) -> dict:
    from django.conf import settings

    from . import load, personas, server

    redis_url = settings.REDIS_URL or "redis://127.0.0.1:6379/10"
    people = personas.crowd(coaches=30, contacts=15, managers=3)
    by_role = {}
    for person in people:
        by_role.setdefault(person.role, []).append(person)
    paths = {person.session_key: load.role_paths(person) for person in people}
    runs = {}
    with server.celery(work / "celery.log", REDIS_URL=redis_url) as celery_pids:
        for count in users:
            # A fresh gunicorn per run: requests a timed-out client left in the queue of the
            # previous run must not be served to the next one.
            with (
                server.gunicorn_process(
                    workers, work / "gunicorn-load.log", REDIS_URL=redis_url
                ) as (port, pid),
                server_meter(port, pid) as meter,
            ):
                if meter:
                    meter.settle(workers)
                chosen = load.choose(by_role, count)
                runs[str(count)] = load.run(
                    port, chosen, paths, duration=durations, max_requests=count * 200, meter=meter
                )
    return {
        "workers": workers,
        "celery": bool(celery_pids),
        "think_s": list(load.THINK_SECONDS),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--load", action="store_true")
    parser.add_argument("--load-seconds", type=float, default=60)
    parser.add_argument("--load-users", default="20,50")
    parser.add_argument("--load-workers", type=int, default=4)
    parser.add_argument("--import-rows", type=int, default=0)
    parser.add_argument("--only", default="", help="comma-separated parts to run (debugging)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.utils import timezone, translation

    from . import pages as page_bench
    from . import personas, server

    translation.activate("en")
    out = Path(args.out)
    work = out.parent
    work.mkdir(parents=True, exist_ok=True)
    only = set(filter(None, args.only.split(",")))

    def wanted(part: str) -> bool:
        return not only or part in only

    result: dict = {"measured_at": timezone.now().isoformat(), "facts": database_facts()}
    timings = {}

    def timed(part: str, function, *a, **k):
        started = time.perf_counter()
        value = function(*a, **k)
        timings[part] = round(time.perf_counter() - started, 1)
        print(f"  {part}: {timings[part]} s", flush=True)
        return value

    cast = personas.cast()
    page_list = page_bench.build_pages(cast)
    if wanted("queries"):
        result["client_cpu"] = {}
        result["queries"] = timed(
            "queries", page_bench.count_queries, page_list, cast, cpu=result["client_cpu"]
        )
    if wanted("pages"):

        def pages_through_gunicorn():
            with (
                server.gunicorn_process(args.workers, work / "gunicorn.log") as (port, pid),
                server_meter(port, pid) as meter,
            ):
                if meter:
                    meter.settle(args.workers)
                return page_bench.measure_pages(
                    port, page_list, cast, repeats=args.repeats, warmup=args.warmup, meter=meter
                )

        result["pages"] = timed("pages", pages_through_gunicorn)
    # Three export runs for the median; one at the largest sizes, where one run takes a minute.
    export_runs = 3 if result["facts"]["participants"] <= 20_000 else 1
    for part, function, *extra in (
        ("dashboard_miss", measure_dashboard_miss, cast),
        ("indicators", measure_indicators, 5),
        ("export", measure_export, export_runs),
        ("reminders", measure_reminders, timezone.localdate()),
    ):
        if wanted(part):
            result[part] = timed(part, function, *extra)
    if args.import_rows and wanted("import"):
        from bench.imports import bench_import

        result["import"] = timed("import", bench_import, args.import_rows)
    if args.load and wanted("load"):
        users = [int(n) for n in args.load_users.split(",") if n]
        result["load"] = timed(
            "load", measure_load, work, args.load_seconds, users, args.load_workers
        )
    result["seconds"] = timings
    out.write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()

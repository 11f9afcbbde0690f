"""`make soak`: the benchmark's load scenario for a long time (default 10 minutes, 20 users)
against gunicorn on 127.0.0.1 with a Celery worker and beat running; checks that no request
fails and that the memory (RSS) of the web and the worker processes stays flat.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jump_soak REDIS_URL=redis://127.0.0.1:6379/13 \
        SOAK_SECONDS=600 SOAK_USERS=20 python -m bench.soak

The database is created if missing, migrated and seeded once (`seed_scale`, SOAK_PARTICIPANTS,
default 1,000; reused afterwards). Memory is sampled every SOAK_SAMPLE_SECONDS (10) from /proc:
the sum over each process tree (gunicorn master and workers; Celery worker and its pool; beat).
Growth is measured from minute 2 (after warm-up: imports, caches, connection pools) to the end,
and must stay under SOAK_MAX_GROWTH percent (15). Exit status 1 on any error or larger growth.
Loopback only; every process started here is stopped by its own id; bounded in time and count.
"""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from .run import ROOT, SETTINGS, create_database, database_exists, database_name, manage

WARMUP_SECONDS = 120


def tree_pids(pid: int) -> list[int]:
    """`pid` and all its descendants (from /proc/<pid>/task/*/children)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo.extend(int(c) for c in (task / "children").read_text().split())
            except OSError:
                continue
    return found


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mib(pid: int) -> float:
    return round(sum(rss_kib(p) for p in tree_pids(pid)) / 1024, 1)


class Sampler(threading.Thread):
    """Every `interval` s: (seconds since start, {name: RSS MiB of the process tree})."""

    def __init__(self, pids: dict[str, int], interval: float):
        super().__init__(daemon=True)
        self.pids, self.interval = pids, interval
        self.samples: list[tuple[float, dict[str, float]]] = []
        self.stopped = threading.Event()
        self.started_at = time.monotonic()

    def sample(self) -> None:
        elapsed = round(time.monotonic() - self.started_at, 1)
        self.samples.append((elapsed, {n: tree_rss_mib(p) for n, p in self.pids.items()}))

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.sample()


def growth(samples, name: str, since: float) -> dict:
    """RSS of `name` at the first sample from `since` s on and at the last, and the growth."""
    later = [(t, values[name]) for t, values in samples if t >= since] or [
        (t, values[name]) for t, values in samples
    ]
    (t0, start), (t1, end) = later[0], later[-1]
    percent = round(100 * (end - start) / start, 1) if start else 0.0
    peak = max(value for _t, value in later)
    return {"from_s": t0, "to_s": t1, "start_mib": start, "end_mib": end, "peak_mib": peak,
            "growth_pct": percent}  # fmt: skip


def prepare(url: str, participants: int) -> None:
    name = database_name(url)
    if not database_exists(url, name):
        print(f"creating database {name}", flush=True)
        create_database(url, name)
    manage(url, "migrate", "--no-input", "-v0")
    print(manage(url, "seed_scale", "--participants", str(participants), "--reuse").strip())


def soak(seconds: float, users: int, interval: float, work: Path) -> dict:
    """Runs in a process with DJANGO_SETTINGS_MODULE=bench.settings (see main)."""
    import django

    django.setup()
    from django.conf import settings
    from django.utils import translation

    from . import load, personas, server

    translation.activate("en")
    redis_url = settings.REDIS_URL or "redis://127.0.0.1:6379/13"
    people = personas.crowd(coaches=30, contacts=15, managers=3)
    by_role: dict = {}
    for person in people:
        by_role.setdefault(person.role, []).append(person)
    paths = {person.session_key: load.role_paths(person) for person in people}
    port = server.free_port()
    log = (work / "soak-gunicorn.log").open("ab")
    web = subprocess.Popen(  # noqa: S603 (fixed argv: this interpreter's gunicorn)
        [
            server._bin("gunicorn"),
            "jump.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            os.environ.get("SOAK_WEB_WORKERS", "2"),
            "--timeout",
            "120",
            "--control-socket",
            str(work / f"gunicorn-{port}.ctl"),
        ],
        cwd=ROOT,
        env=server.bench_environment(REDIS_URL=redis_url),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        server.wait_until_up(port)
        with server.celery(work / "soak-celery.log", REDIS_URL=redis_url) as celery_pids:
            if len(celery_pids) != 2:
                raise RuntimeError(f"worker and beat did not start: see {work}/soak-celery.log")
            worker_pid, beat_pid = celery_pids
            sampler = Sampler({"web": web.pid, "worker": worker_pid, "beat": beat_pid}, interval)
            sampler.sample()
            sampler.start()
            chosen = load.choose(by_role, users)
            result = load.run(
                port, chosen, paths, duration=seconds, max_requests=int(users * seconds * 2)
            )
            sampler.stopped.set()
            sampler.join(timeout=interval + 5)
            sampler.sample()
            alive = {"web": web.poll() is None, "worker_and_beat": all(
                Path(f"/proc/{pid}").exists() for pid in celery_pids)}  # fmt: skip
    finally:
        server._stop(web)
        log.close()
    since = min(WARMUP_SECONDS, seconds / 5)
    memory = {name: growth(sampler.samples, name, since) for name in ("web", "worker", "beat")}
    return {"load": result, "memory": memory, "alive": alive, "samples": sampler.samples}


def verdict(data: dict, max_growth: float) -> list[str]:
    problems = []
    if data["load"]["errors"]:
        problems.append(f"{data['load']['errors']} failed requests: {data['load']['error_kinds']}")
    if not data["load"]["requests"]:
        problems.append("no request succeeded")
    for name in ("web", "worker"):
        if data["memory"][name]["growth_pct"] >= max_growth:
            problems.append(f"{name} memory grew {data['memory'][name]['growth_pct']} %")
    problems += [f"{name} died during the soak" for name, ok in data["alive"].items() if not ok]
    return problems


def print_figures(data: dict, seconds: float, users: int) -> None:
    load = data["load"]
    print(f"\nsoak: {users} users for {seconds:.0f} s (worker and beat running)")
    print(f"  requests {load['requests']}, errors {load['errors']}, {load['rps']} req/s")
    print(f"  {'page':<20} {'n':>6} {'median ms':>10} {'p95 ms':>8}")
    for key, page in load["pages"].items():
        print(f"  {key:<20} {page['n']:>6} {page['median_ms']:>10} {page['p95_ms']:>8}")
    print(f"  {'RSS (MiB)':<20} {'from':>8} {'to':>8} {'peak':>8} {'growth':>8}")
    for name, m in data["memory"].items():
        window = f"{m['from_s']:.0f}–{m['to_s']:.0f} s"
        print(
            f"  {name:<20} {m['start_mib']:>8} {m['end_mib']:>8} {m['peak_mib']:>8} "
            f"{m['growth_pct']:>7} %  ({window})"
        )


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("make soak needs DATABASE_URL of a PostgreSQL database.")
    seconds = float(os.environ.get("SOAK_SECONDS", 600))
    users = int(os.environ.get("SOAK_USERS", 20))
    interval = float(os.environ.get("SOAK_SAMPLE_SECONDS", 10))
    max_growth = float(os.environ.get("SOAK_MAX_GROWTH", 15))
    work = Path(os.environ.get("SOAK_WORK", ROOT / "var" / "soak"))
    work.mkdir(parents=True, exist_ok=True)
    if "--inner" in sys.argv:
        data = soak(seconds, users, interval, work)
        (work / "soak.json").write_text(json.dumps(data, indent=2))
        return
    prepare(url, int(os.environ.get("SOAK_PARTICIPANTS", 1000)))
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=SETTINGS)
    subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
        [sys.executable, "-m", "bench.soak", "--inner"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=seconds + 900,
    )
    data = json.loads((work / "soak.json").read_text())
    print_figures(data, seconds, users)
    problems = verdict(data, max_growth)
    if problems:
        print("SOAK FAILED: " + "; ".join(problems))
        sys.exit(1)
    print(f"soak passed (figures in {work / 'soak.json'})")


if __name__ == "__main__":
    main()

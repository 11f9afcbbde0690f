"""`make bench`: seed (or reuse) one database per size, measure each, print the table and write
the generated part of docs/performance.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jump_bench python -m bench.run \
        --sizes 1000,10000,100000

Databases: DATABASE_URL names the base (migrated once); each size gets `<base>_<N>`, created
from the base as a template the first time and reused afterwards when `seed_scale` finds it
holds exactly N participants. Every step runs in its own process with
DJANGO_SETTINGS_MODULE=bench.settings. The import runs at the largest size, the load test at
every size from 10,000 on.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from . import report

ROOT = Path(__file__).resolve().parent.parent  # the project folder (bench/ sits in it)
SETTINGS = "bench.settings"


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def maintenance(url: str):
    import psycopg

    return psycopg.connect(with_database(url, "postgres"), autocommit=True)


def database_exists(url: str, name: str) -> bool:
    with maintenance(url) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            is not None
        )


def create_database(url: str, name: str, template: str | None = None) -> None:
    from psycopg import sql

    with maintenance(url) as conn:
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        conn.execute(statement)


def manage(url: str, *args: str, timeout: float = 3600) -> str:
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE=SETTINGS)
    completed = subprocess.run(  # noqa: S603 (fixed argv: this interpreter and its tools)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return completed.stdout


def prepare(url: str, size: int, log) -> tuple[str, dict]:
    """The database of one size: created from the migrated base, migrated, seeded or reused."""
    base = database_name(url)
    name = f"{base}_{size}"
    size_url = with_database(url, name)
    if not database_exists(url, name):
        log(f"creating {name} from {base}")
        create_database(url, name, template=base)
    manage(size_url, "migrate", "--no-input", "-v0")
    started = time.perf_counter()
    output = manage(size_url, "seed_scale", "--participants", str(size), "--reuse")
    seconds = time.perf_counter() - started
    reused = "reused" in output
    log(output.strip())
    return size_url, {"reused": reused, "seconds": round(seconds, 1), "output": output.strip()}


def measure(size_url: str, out: Path, args, size: int, largest: bool) -> dict:
    command = [
        sys.executable,
        "-m",
        "bench.measure",
        "--out",
        str(out),
        "--repeats",
        str(args.repeats),
    ]
    if args.load and (largest or size >= 10_000):
        command += ["--load", "--load-seconds", str(args.load_seconds)]
    if largest and args.import_rows:
        command += ["--import-rows", str(args.import_rows)]
    env = dict(os.environ, DATABASE_URL=size_url, DJANGO_SETTINGS_MODULE=SETTINGS)
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=3600)  # noqa: S603
    return json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,10000,100000"))
    parser.add_argument("--repeats", type=int, default=int(os.environ.get("BENCH_REPEATS", 20)))
    parser.add_argument("--load", type=int, default=int(os.environ.get("BENCH_LOAD", 1)))
    parser.add_argument(
        "--load-seconds", type=float, default=float(os.environ.get("BENCH_LOAD_SECONDS", 60))
    )
    parser.add_argument(
        "--import-rows", type=int, default=int(os.environ.get("BENCH_IMPORT_ROWS", 10000))
    )
    parser.add_argument("--work", default=os.environ.get("BENCH_WORK", str(ROOT / "var" / "bench")))
    parser.add_argument("--doc", default=str(ROOT / "docs" / "performance.md"))
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("make bench needs DATABASE_URL of a PostgreSQL database (the base name).")
    sizes = sorted({int(s) for s in args.sizes.replace(" ", ",").split(",") if s})
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)

    def log(line: str) -> None:
        print(line, flush=True)

    started = time.perf_counter()
    base = database_name(url)
    if not database_exists(url, base):
        log(f"creating {base}")
        create_database(url, base)
    log(f"migrating {base}")
    manage(url, "migrate", "--no-input", "-v0")
    results = {}
    for size in sizes:
        log(f"== {size:,} participants")
        size_url, seeding = prepare(url, size, log)
        data = measure(size_url, work / f"bench-{size}.json", args, size, largest=size == sizes[-1])
        data["seeding"] = seeding
        results[size] = data
    elapsed = time.perf_counter() - started
    run = {"sizes": sizes, "results": results, "seconds": round(elapsed), "args": vars(args)}
    (work / "bench-latest.json").write_text(json.dumps(run, indent=2, default=str))
    text = report.render(run)
    print(text)
    if not args.no_doc:
        report.write_doc(Path(args.doc), text)
        log(f"wrote {args.doc}")


if __name__ == "__main__":
    main()

"""Backup and restore drill (SECURITY 28): `make backup` and `make restore-drill`.

    python scripts/backup_restore.py backup [--dest var/backups]
    python scripts/backup_restore.py drill [--dest var/backups] [--backup DIR] [--keep]

backup — into `<dest>/<UTC timestamp>/`:
  db.dump        pg_dump -Fc of the database of DATABASE_URL (the settings' default database)
  private.tar.gz the private files directory (PRIVATE_ROOT: documents, reports, the ledger file)
  manifest.json  row count of every table and the indicator figures, taken in the SAME database
                 snapshot as the dump (pg_export_snapshot + pg_dump --snapshot), so a drill can
                 compare exactly even while the application keeps writing.

drill — restores the newest backup (or --backup) into a scratch database `<db>_restore_drill`,
runs `migrate`, compares the row count of every table with the manifest, unpacks the private
files into a scratch folder and counts them, runs `manage.py erasure_reapply` against the
scratch database (erasures made after the backup are applied again; the ledger file is the
live one), compares the indicator figures (erasure keeps them), prints a result table, drops
the scratch database and exits 1 on any difference.

Needs pg_dump/pg_restore (postgresql-client) not older than the server.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEST = ROOT / "var" / "backups"
ALL_TIME = (datetime.date(2000, 1, 1), datetime.date(2099, 12, 31))


class DrillError(Exception):
    """A problem that stops a backup or a drill, with a message for the operator."""


# --- Django and the database ----------------------------------------------------------------


def setup_django() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jump.settings.dev")
    import django

    django.setup()


def database_url() -> str:
    """The URL of the settings' default database (PostgreSQL only)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        raise DrillError("Backups need PostgreSQL: DATABASE_URL is not a PostgreSQL database.")
    db = connection.settings_dict
    user = quote(db["USER"] or "postgres", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def maintenance(url: str):
    import psycopg

    return psycopg.connect(with_database(url, "postgres"), autocommit=True)


def check_client_version(url: str) -> str:
    """pg_dump must not be older than the server (a newer one is fine)."""
    for tool in ("pg_dump", "pg_restore"):
        if not shutil.which(tool):
            raise DrillError(f"{tool} is missing: install postgresql-client.")
    output = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=True)
    client = int(re.search(r"(\d+)(?:\.\d+)?", output.stdout).group(1))
    with maintenance(url) as conn:
        server = int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000
    if client < server:
        raise DrillError(
            f"pg_dump {client} is older than the PostgreSQL server {server}: install "
            f"postgresql-client {server} or newer."
        )
    return f"pg_dump {client}, server {server}"


def table_counts(connection) -> dict[str, int]:
    """Row count of every table of the database (the public schema)."""
    from psycopg import sql

    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            counts[table] = cursor.fetchone()[0]
    return counts


def indicator_figures() -> dict[str, list]:
    """Every indicator over all time: its value and its breakdown parts."""
    from jump.reports.indicators import INDICATORS
    from jump.reports.periods import Scope

    scope = Scope(*ALL_TIME)
    figures = {}
    for code, indicator in INDICATORS.items():
        figure = indicator.compute(scope)
        parts = sorted([str(part.key), str(part.value)] for part in figure.parts)
        figures[code] = [str(figure.value), parts]
    return figures


def figures(snapshot: str | None = None) -> dict:
    """Row counts and indicator figures of the default database, in `snapshot` if given."""
    from django.db import connection, transaction

    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SET TRANSACTION SNAPSHOT %s", [snapshot])
        return {"tables": table_counts(connection), "indicators": indicator_figures()}


def count_files(root: Path) -> int:
    return sum(1 for path in root.rglob("*") if path.is_file()) if root.exists() else 0


# --- backup ---------------------------------------------------------------------------------


def backup(dest: Path = DEFAULT_DEST, now: datetime.datetime | None = None) -> Path:
    """Dump the database, pack the private files, write the manifest; returns the folder."""
    from django.conf import settings

    url = database_url()
    versions = check_client_version(url)
    now = now or datetime.datetime.now(datetime.UTC)
    folder = Path(dest) / now.strftime("%Y%m%dT%H%M%SZ")
    folder.mkdir(parents=True, exist_ok=False)
    import psycopg

    # One snapshot for the dump and the manifest: the counts are exactly those of the dump.
    with psycopg.connect(url) as holder:
        holder.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        snapshot = holder.execute("SELECT pg_export_snapshot()").fetchone()[0]
        data = figures(snapshot)
        subprocess.run(
            ["pg_dump", "-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", folder / "db.dump"]
            + [url],
            check=True,
            timeout=3600,
        )
        holder.rollback()
    private = Path(settings.PRIVATE_ROOT)
    with tarfile.open(folder / "private.tar.gz", "w:gz") as tar:
        if private.exists():
            tar.add(private, arcname="private")
    manifest = {
        "created_at": now.isoformat(),
        "database": database_name(url),
        "versions": versions,
        "private_files": count_files(private),
        **data,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return folder


# --- the drill ------------------------------------------------------------------------------


def newest_backup(dest: Path) -> Path:
    folders = sorted(p for p in Path(dest).glob("*") if (p / "manifest.json").exists())
    if not folders:
        raise DrillError(f"No backup in {dest}: run `make backup` first.")
    return folders[-1]


def manage(url: str, *args: str, private_root: Path | None = None) -> str:
    """manage.py against another database (same settings module), its output returned."""
    env = dict(os.environ, DATABASE_URL=url)
    if private_root is not None:
        env["PRIVATE_ROOT"] = str(private_root)
    completed = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if completed.returncode:
        raise DrillError(f"manage.py {' '.join(args)} failed:\n{completed.stderr[-3000:]}")
    return completed.stdout


def scratch_figures(url: str, private_root: Path) -> dict:
    env = dict(os.environ, DATABASE_URL=url, PRIVATE_ROOT=str(private_root))
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "figures"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if completed.returncode:
        raise DrillError(f"Counting the restored database failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def erasure_command_exists() -> bool:
    from django.core.management import get_commands

    return "erasure_reapply" in get_commands()


def ledger_file() -> Path | None:
    try:
        from jump.audit.erasure import ledger_file as live_ledger
    except ImportError:
        return None
    return Path(live_ledger())


def compare(lines: list, name: str, expected, actual) -> None:
    lines.append((name, expected, actual, expected == actual))


def drill(dest: Path = DEFAULT_DEST, backup_dir: Path | None = None, keep: bool = False) -> int:
    """Restore a backup into a scratch database and compare; returns the exit status."""
    url = database_url()
    check_client_version(url)
    folder = Path(backup_dir) if backup_dir else newest_backup(dest)
    manifest = json.loads((folder / "manifest.json").read_text())
    scratch = f"{database_name(url)}_restore_drill"
    scratch_url = with_database(url, scratch)
    files_dir = Path(tempfile.mkdtemp(prefix="restore-drill-"))
    lines: list = []
    notes: list[str] = []
    print(f"Restore drill of {folder} into the scratch database {scratch}", flush=True)
    from psycopg import sql

    with maintenance(url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    try:
        restored = subprocess.run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "-d"]
            + [scratch_url, folder / "db.dump"],
            capture_output=True,
            text=True,
            timeout=3600,
        )
        if restored.returncode:
            raise DrillError(f"pg_restore failed:\n{restored.stderr[-3000:]}")
        with tarfile.open(folder / "private.tar.gz") as tar:
            tar.extractall(files_dir, filter="data")
        private_root = files_dir / "private"
        private_root.mkdir(exist_ok=True)
        manage(scratch_url, "migrate", "--no-input", "-v0", private_root=private_root)
        after_restore = scratch_figures(scratch_url, private_root)
        tables = sorted(set(manifest["tables"]) | set(after_restore["tables"]))
        for table in tables:
            compare(
                lines,
                f"rows {table}",
                manifest["tables"].get(table),
                after_restore["tables"].get(table),
            )
        compare(lines, "private files", manifest["private_files"], count_files(private_root))
        if erasure_command_exists():
            args = ["erasure_reapply"]
            ledger = ledger_file()
            if ledger is not None and ledger.exists():
                args += ["--ledger-file", str(ledger)]
            output = manage(scratch_url, *args, private_root=private_root)
            notes += [f"erasure_reapply: {line}" for line in output.strip().splitlines()]
        else:
            notes.append(
                "!!! erasure_reapply NOT RUN: this version has no `manage.py erasure_reapply` — "
                "erasures made after the backup are NOT applied to the restored data !!!"
            )
        after_erasure = scratch_figures(scratch_url, private_root)
        for code in sorted(set(manifest["indicators"]) | set(after_erasure["indicators"])):
            compare(
                lines,
                f"indicator {code}",
                manifest["indicators"].get(code),
                after_erasure["indicators"].get(code),
            )
    except DrillError as exc:
        lines.append(("restore", "ok", str(exc), False))
    finally:
        shutil.rmtree(files_dir, ignore_errors=True)
        if not keep:
            with maintenance(url) as conn:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(scratch)
                    )
                )
    return report(lines, notes, folder, manifest)


def _short(value) -> str:
    if isinstance(value, list):  # an indicator: its value (parts compared, not printed)
        return str(value[0])
    return str(value)


def report(lines: list, notes: list[str], folder: Path, manifest: dict) -> int:
    differences = [line for line in lines if not line[3]]
    width = max([len(line[0]) for line in lines] + [10])
    print(f"{'check':<{width}}  {'backup':>12}  {'restored':>12}  result")
    for name, expected, actual, ok in lines:
        flag = "ok" if ok else "DIFFERENT"
        print(f"{name:<{width}}  {_short(expected):>12}  {_short(actual):>12}  {flag}")
    for note in notes:
        print(note)
    print(
        f"Backup {folder.name} ({manifest['created_at']}): {len(lines)} checks, "
        f"{len(differences)} differences."
    )
    if differences:
        print("RESTORE DRILL FAILED")
        return 1
    print("Restore drill passed.")
    return 0


# --- command line ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["backup", "drill", "figures"])
    parser.add_argument("--dest", default=os.environ.get("BACKUP_DIR", str(DEFAULT_DEST)))
    parser.add_argument("--backup", help="the backup folder to restore (default: the newest)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args(argv)
    setup_django()
    try:
        if args.action == "figures":
            print(json.dumps(figures()))
            return 0
        if args.action == "backup":
            folder = backup(Path(args.dest))
            manifest = json.loads((folder / "manifest.json").read_text())
            print(
                f"Backup written to {folder}: {len(manifest['tables'])} tables, "
                f"{sum(manifest['tables'].values())} rows, {manifest['private_files']} files."
            )
            return 0
        return drill(Path(args.dest), Path(args.backup) if args.backup else None, args.keep)
    except DrillError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

"""SECURITY 28 — backup and restore drill: `make backup` and `make restore-drill` (the logic
in scripts/backup_restore.py), run for real against the test PostgreSQL database with
pg_dump / pg_restore: a backup, an erasure made after it, a drill that restores into a scratch
database, migrates, compares every table's row count and the indicator figures, applies the
erasure again from the ledger and drops the scratch database."""

import datetime
import importlib.util
import json
from pathlib import Path

import pytest
from django.conf import settings

from jump.audit.erasure import participant_erase
from tests.reports import builders as rb

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "backup_restore.py"

pytestmark = pytest.mark.services


def _script():
    spec = importlib.util.spec_from_file_location("backup_restore", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scratch_exists(connection, name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def test_rel_28_backup_and_restore_drill(postgres, personas, partner_a, tmp_path, capsys):
    script = _script()
    first = rb.participant(partner_a, entry=datetime.date(2026, 3, 10))
    rb.participant(partner_a, entry=datetime.date(2026, 4, 2))
    document = Path(settings.PRIVATE_ROOT) / "documents" / "letter.txt"
    document.parent.mkdir(parents=True, exist_ok=True)
    document.write_text("a private letter")
    dest = tmp_path / "backups"

    folder = script.backup(dest)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert (folder / "db.dump").stat().st_size > 0
    assert manifest["tables"]["participants_participant"] == 2
    assert manifest["private_files"] == 1
    assert manifest["indicators"]["P-TOTAL"][0] == "2"

    # Erased after the backup: the restored data still has the person; the drill erases again.
    participant_erase(participant=first, actor=personas.admin, reason="asked to be forgotten")
    capsys.readouterr()
    assert script.drill(dest) == 0
    output = capsys.readouterr().out
    assert "Restore drill passed." in output
    assert "rows participants_participant" in output
    assert "erasure_reapply: Reapplied: 1" in output
    assert "DIFFERENT" not in output
    scratch = f"{postgres.settings_dict['NAME']}_restore_drill"
    assert not _scratch_exists(postgres, scratch)

    # A backup whose figures do not match what is restored fails the drill.
    manifest["tables"]["participants_participant"] = 3
    (folder / "manifest.json").write_text(json.dumps(manifest))
    assert script.drill(dest) == 1
    output = capsys.readouterr().out
    assert "RESTORE DRILL FAILED" in output
    assert [line for line in output.splitlines() if "DIFFERENT" in line] == [
        line for line in output.splitlines() if line.startswith("rows participants_participant ")
    ]
    assert not _scratch_exists(postgres, scratch)


def test_rel_28_pg_dump_older_than_the_server_is_refused(postgres, monkeypatch):
    script = _script()

    class Old:
        stdout = "pg_dump (PostgreSQL) 11.22"

    monkeypatch.setattr(script.subprocess, "run", lambda *a, **k: Old())
    with pytest.raises(script.DrillError, match="older than the PostgreSQL server"):
        script.check_client_version(script.database_url())

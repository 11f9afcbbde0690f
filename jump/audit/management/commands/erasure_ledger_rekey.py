import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jump.audit import erasure


class Command(BaseCommand):
    help = (
        "Rotate the erasure ledger's key: rehash every entry from the old key to the current "
        "ERASURE_LEDGER_KEY, in the database and in the ledger file. The old key is read from "
        "--old-key-file or the environment variable ERASURE_LEDGER_OLD_KEY (never from the "
        "command line, which other users of the server can see)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--old-key-file", help="A file holding the old key.")
        parser.add_argument("--ledger-file", help="The ledger file (default: the live one).")

    def handle(self, *args, old_key_file=None, ledger_file=None, **options):
        if old_key_file:
            try:
                old_key = Path(old_key_file).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise CommandError(f"Cannot read the old key: {exc}") from exc
        else:
            old_key = os.environ.get("ERASURE_LEDGER_OLD_KEY", "").strip()
        if not old_key:
            raise CommandError("Give the old key: --old-key-file or ERASURE_LEDGER_OLD_KEY.")
        path = Path(ledger_file) if ledger_file else erasure.ledger_file()
        result = erasure.erasure_ledger_rekey(old_key=old_key, file_path=path)
        self.stdout.write(f"Ledger entries: {result.entries} (file: {path})")
        self.stdout.write(f"Rehashed: {result.rehashed}")
        self.stdout.write(f"Not in this database (left as they were): {result.not_found}")
        self.stdout.write(self.style.SUCCESS("Done."))

from pathlib import Path

from django.core.management.base import BaseCommand

from jump.audit import erasure


class Command(BaseCommand):
    help = (
        "Apply every erasure of the erasure ledger again — after restoring a backup older than "
        "some erasures. Reads the database's ledger and the ledger file (default: "
        "PRIVATE_ROOT/audit/erasure-ledger.jsonl). Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ledger-file",
            help="A ledger file (JSON lines) to read besides the database's ledger.",
        )

    def handle(self, *args, ledger_file=None, **options):
        path = Path(ledger_file) if ledger_file else erasure.ledger_file()
        result = erasure.erasure_reapply(file_path=path)
        self.stdout.write(f"Ledger entries: {result.entries} (file: {path})")
        self.stdout.write(f"Reapplied: {result.reapplied}")
        self.stdout.write(f"Already erased: {result.already_erased}")
        self.stdout.write(f"Not in this database: {result.not_found}")
        for public_id, message in result.errors:
            self.stderr.write(f"Not erased {public_id}: {message}")
        self.stdout.write(self.style.SUCCESS("Done."))

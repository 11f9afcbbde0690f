import datetime

from django.core.management.base import BaseCommand, CommandError

from jump.audit import erasure


class Command(BaseCommand):
    help = (
        "Erase every participant whose retention end has passed and who is not under a legal "
        "hold (the nightly beat task does the same). Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be erased; change nothing."
        )
        parser.add_argument("--date", help="Treat this day as today, YYYY-MM-DD.")

    def handle(self, *args, dry_run=False, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}.") from exc
        result = erasure.retention_apply(dry_run=dry_run, today=today)
        if dry_run:
            self.stdout.write(f"Dry run: {len(result.due)} participant(s) would be erased.")
            for public_id in result.due:
                self.stdout.write(f"  {public_id}")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Retention ended for {len(result.due)} participant(s); erased {result.erased}."
            )
        )

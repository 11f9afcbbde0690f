import datetime

from django.core.management.base import BaseCommand, CommandError

from jump.notifications import services


class Command(BaseCommand):
    help = (
        "Create the reminders due on a day and queue their e-mails (the daily beat task does "
        "the same). Safe to repeat: nothing is created or sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day, YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--requeue-after",
            type=int,
            default=int(services.REQUEUE_AFTER.total_seconds() // 60),
            help="Queue again pending e-mails queued more than this many minutes ago.",
        )

    def handle(self, *args, date=None, requeue_after, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}.") from exc
        if requeue_after < 0:
            raise CommandError("--requeue-after cannot be negative.")
        result = services.reminders_run(
            day, requeue_after=datetime.timedelta(minutes=requeue_after)
        )
        self.stdout.write(f"Reminders for {result.day.isoformat()}:")
        for kind, count in result.due.items():
            self.stdout.write(f"  {kind:30} {count} due")
        self.stdout.write(
            self.style.SUCCESS(f"{result.queued} e-mails queued, {result.muted} muted.")
        )

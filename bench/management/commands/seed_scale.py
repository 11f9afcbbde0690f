"""`manage.py seed_scale --participants N`: the benchmark data set (issue 12, bench/seed)."""

from django.core.management.base import BaseCommand, CommandError

from bench import seed as scale


class Command(BaseCommand):
    help = (
        "Fill an empty benchmark database with N participants and everything around them "
        "(case notes, attendances, companies, placements, staff training). "
        "--reset empties a database whose name contains 'bench' or 'test' first; --reuse does "
        "nothing when the database already holds exactly N."
    )

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, required=True)
        parser.add_argument("--seed", type=int, default=12)
        parser.add_argument("--reset", action="store_true")
        parser.add_argument("--reuse", action="store_true")

    def handle(self, *args, participants: int, seed: int, reset: bool, reuse: bool, **options):
        if reuse and scale.seeded_size() == participants:
            self.stdout.write(f"Already seeded with {participants:,} participants: reused.")
            return
        try:
            result = scale.seed_scale(
                participants,
                seed=seed,
                reset=reset or (reuse and not scale.database_is_empty()),
                log=lambda line: self.stdout.write(line) if options["verbosity"] > 1 else None,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(scale.describe(result))

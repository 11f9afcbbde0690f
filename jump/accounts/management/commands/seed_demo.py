import logging
from contextlib import contextmanager
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

# Each app contributes a `demo.seed(world)`; later apps build on what earlier ones created.
DEMO_MODULES = [
    "jump.accounts.demo",
    "participants.demo",
    "companies.demo",
    "training_modules.demo",
    "jump.reports.demo",
    "jump.audit.demo",
    "young_people.demo",
    # Last: it replays reminders about everything the others created.
    "jump.notifications.demo",
]


class Command(BaseCommand):
    help = "Fill the database with demo data and demo users (DEBUG only; passwords are public)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo runs only with DEBUG on: its passwords are public.")
        world: dict = {}
        with quiet_demo(), transaction.atomic():
            for module_name in DEMO_MODULES:
                import_module(module_name).seed(world)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Users and passwords: README.md"))


@contextmanager
def quiet_demo():
    """Seeding sends a few real e-mails (a waiting-list promotion …) through the same eager
    tasks as the site: keep them in memory instead of printing whole MIME messages on the
    console, and Celery's line per task out of the output. Nothing else changes."""
    trace = logging.getLogger("celery.app.trace")
    level = trace.level
    trace.setLevel(logging.WARNING)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            yield
    finally:
        trace.setLevel(level)

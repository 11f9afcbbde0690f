from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

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
        with transaction.atomic():
            for module_name in DEMO_MODULES:
                try:
                    module = import_module(module_name)
                except ModuleNotFoundError as exc:
                    if not module_name.startswith(str(exc.name)):
                        raise
                    continue
                module.seed(world)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Users and passwords: README.md"))

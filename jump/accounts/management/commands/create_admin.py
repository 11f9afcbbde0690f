"""The first administrator of a new installation (README "Running in production")."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from jump.accounts.models import User
from jump.accounts.roles import Role
from jump.accounts.services import administrator_create


class Command(BaseCommand):
    help = (
        "Create an administrator (role admin, e-mail verified). Prints a random password once, "
        "or takes it from --password-file. TOTP is set up at the first login."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="the administrator's e-mail address")
        languages = [code for code, _name in settings.LANGUAGES]
        parser.add_argument(
            "--language",
            default="en",
            help=f"preferred language: {', '.join(languages)} (default en)",
        )
        parser.add_argument(
            "--password-file",
            help="read the password from this file (first line) instead of generating one",
        )
        parser.add_argument(
            "--another",
            action="store_true",
            help="create an administrator even though one exists already",
        )

    def handle(self, *args, **options):
        email = options["email"].strip().lower()
        language = options["language"]
        languages = [code for code, _name in settings.LANGUAGES]
        if language not in languages:
            raise CommandError(
                f"Unknown language {language!r}: choose one of {', '.join(languages)}."
            )
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{options['email']!r} is not a valid e-mail address.") from None
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"A user with the e-mail address {email} exists already.")
        if User.objects.with_role(Role.ADMIN).exists() and not options["another"]:
            raise CommandError("An administrator exists already. Add --another to create one more.")
        generated = not options["password_file"]
        password = secrets.token_urlsafe(18) if generated else self._read(options["password_file"])
        try:
            validate_password(password, User(email=email))
        except ValidationError as exc:
            raise CommandError("The password is refused: " + " ".join(exc.messages)) from None

        administrator_create(email=email, password=password, language=language)

        self.stdout.write(self.style.SUCCESS(f"Administrator {email} created."))
        if generated:
            self.stdout.write(f"Password (shown only this once): {password}")
        self.stdout.write(
            "At the first login the administrator sets up a TOTP authenticator app "
            "before anything else."
        )

    @staticmethod
    def _read(path: str) -> str:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise CommandError(f"Cannot read the password file {path}: {exc.strerror}.") from None
        if not lines or not lines[0]:
            raise CommandError(f"The password file {path} is empty.")
        return lines[0]

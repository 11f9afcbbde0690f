"""`manage.py create_admin`: the first administrator of a new installation (issue 15)."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from jump.accounts.models import User
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "lanterns-across-the-fjord-7"


def create_admin(*args) -> str:
    out = io.StringIO()
    call_command("create_admin", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def printed_password(output: str) -> str:
    match = re.search(r"Password \(shown only this once\): (\S+)", output)
    assert match, output
    return match.group(1)


def test_creates_an_admin_with_a_verified_address_and_prints_a_random_password(client):
    output = create_admin("--email", "First.Admin@Example.org", "--language", "da")
    password = printed_password(output)
    assert len(password) >= 20

    user = User.objects.get(email="first.admin@example.org")
    assert user.role_names == {"admin"}
    assert user.is_staff and user.is_active
    assert user.preferred_language == "da"
    assert user.check_password(password)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == (user.email, True, True)
    assert not Authenticator.objects.filter(user=user).exists()


def test_two_runs_print_different_passwords():
    first = printed_password(create_admin("--email", "a1@example.org"))
    second = printed_password(create_admin("--email", "a2@example.org", "--another"))
    assert first != second


def test_the_new_admin_logs_in_and_must_set_up_totp_first(client):
    password = printed_password(create_admin("--email", "root@example.org"))
    response = client.post(
        reverse("account_login"), {"login": "root@example.org", "password": password}
    )
    assert response.status_code == 302
    # Logged in (no e-mail confirmation asked), but every page leads to the TOTP set-up.
    assert client.get(reverse("admin:index")).url == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_password_from_a_file_is_used_and_not_printed(tmp_path):
    secret = tmp_path / "password"
    secret.write_text(GOOD_PASSWORD + "\n")
    output = create_admin("--email", "file@example.org", "--password-file", str(secret))
    assert GOOD_PASSWORD not in output
    assert "shown only this once" not in output
    assert User.objects.get(email="file@example.org").check_password(GOOD_PASSWORD)


def test_refuses_a_second_admin_unless_another_is_given():
    UserFactory(email="existing@example.org", roles=["admin"])
    with pytest.raises(CommandError, match="An administrator exists already"):
        create_admin("--email", "second@example.org")
    assert not User.objects.filter(email="second@example.org").exists()
    create_admin("--email", "second@example.org", "--another")
    assert User.objects.get(email="second@example.org").role_names == {"admin"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--email", "not-an-address"], "is not a valid e-mail address"),
        (["--email", "x@example.org", "--language", "fr"], "Unknown language 'fr'"),
        (["--email", "x@example.org", "--password-file", "SHORT"], "at least 12 characters"),
        (["--email", "x@example.org", "--password-file", "COMMON"], "too common"),
        (["--email", "x@example.org", "--password-file", "/nonexistent/pw"], "Cannot read"),
        (["--email", "taken@example.org"], "exists already"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(tmp_path, args, message):
    UserFactory(email="taken@example.org")
    files = {"SHORT": "short-pw", "COMMON": "password1234"}
    for name, content in files.items():
        (tmp_path / name).write_text(content)
    args = [str(tmp_path / a) if a in files else a for a in args]
    users_before = User.objects.count()
    with pytest.raises(CommandError, match=re.escape(message)):
        create_admin(*args)
    assert User.objects.count() == users_before
    assert not EmailAddress.objects.filter(email="x@example.org").exists()

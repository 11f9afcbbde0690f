import pyotp
import pytest
from django.core.management import CommandError, call_command

from jump.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from jump.accounts.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_seed_demo_creates_one_user_per_role_and_can_run_twice(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    for role in [
        "coach",
        "company_contact",
        "programme_manager",
        "trainer",
        "staff_learner",
        "admin",
    ]:
        assert User.objects.with_role(role).exists(), role
    coach = User.objects.get(email="coach.dk@jump.test")
    assert coach.check_password(DEMO_PASSWORD)
    assert coach.emailaddress_set.get().verified


def test_demo_mfa_code_prints_the_current_code_of_the_demo_secret(settings, capsys):
    settings.DEBUG = True
    call_command("demo_mfa_code")
    printed = capsys.readouterr().out.strip()
    assert pyotp.TOTP(DEMO_TOTP_SECRET).verify(printed, valid_window=1)


def test_demo_mfa_code_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_mfa_code")

"""SECURITY 1 — MFA by role: coaches, managers and admins set up TOTP before any page with
participant data; codes are single use (a shared cache, not LocMem)."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories.accounts import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory
from tests.test_settings import run_django

pytestmark = pytest.mark.django_db


def login_url():
    return reverse("account_login")


def test_sec_01_the_cache_that_remembers_used_codes_is_shared_in_production():
    result = run_django(
        {
            "DJANGO_SETTINGS_MODULE": "jump.settings.production",
            "SECRET_KEY": "x" * 60,
            "ERASURE_LEDGER_KEY": "y" * 60,
            "ALLOWED_HOSTS": "jump.example.org",
        },
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'])",
    )
    assert result.returncode == 0, result.stderr
    backend = result.stdout.strip()
    assert "locmem" not in backend.lower() and "dummy" not in backend.lower(), backend


@pytest.mark.parametrize("role", ["company_contact", "trainer", "staff_learner"])
def test_sec_01_other_roles_may_use_the_site_without_mfa(client, role):
    user = UserFactory(email="x@example.org", roles=[role])
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] != reverse("mfa_activate_totp")


def test_sec_01_mfa_setup_activates_totp_and_opens_the_pages(client, partner_a):
    user = UserFactory(email="nomfa@example.org", roles=["coach"], partner=partner_a)
    client.post(login_url(), {"login": user.email, "password": TEST_PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert client.get(reverse("participants:caseload")).status_code == 200


@pytest.mark.parametrize("role", ["coach", "programme_manager", "admin"])
def test_sec_01_roles_that_see_personal_data_are_sent_to_mfa_setup(client, partner_a, role):
    user = UserFactory(email="nomfa@example.org", roles=[role], partner=partner_a)
    client.force_login(user)
    for url in [reverse("home"), reverse("participants:caseload"), reverse("accounts:profile")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp")


def test_sec_01_totp_code_is_single_use(client, partner_a):
    user = UserFactory(email="c@example.org", roles=["coach"], partner=partner_a, mfa=True)
    code = pyotp.TOTP(TEST_TOTP_SECRET).now()
    client.post(login_url(), {"login": user.email, "password": TEST_PASSWORD})
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    client.post(reverse("account_logout"))
    client.post(login_url(), {"login": user.email, "password": TEST_PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_sec_01_coach_logs_in_with_totp_and_lands_on_the_caseload(client, partner_a):
    user = UserFactory(email="c@example.org", roles=["coach"], partner=partner_a, mfa=True)
    response = client.post(login_url(), {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    code = pyotp.TOTP(TEST_TOTP_SECRET).now()
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:caseload")

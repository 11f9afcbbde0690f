"""Passkeys (WebAuthn) as an optional second factor: reachable for everyone, young people
included; never a way round the staff's TOTP; insecure origins never in production."""

import re

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.test import RequestFactory
from django.urls import resolve, reverse

from jump.accounts.middleware import YoungPersonScopeMiddleware
from tests.factories.accounts import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory
from tests.test_settings import run_django

pytestmark = pytest.mark.django_db

WEBAUTHN_URLS = [
    ("mfa_list_webauthn", {}),
    ("mfa_add_webauthn", {}),
    ("mfa_reauthenticate_webauthn", {}),
    ("mfa_edit_webauthn", {"pk": 1}),
    ("mfa_remove_webauthn", {"pk": 1}),
    ("mfa_login_webauthn", {}),
]


def log_in(client, user, *, totp=False):
    """A real login (not force_login): allauth then counts it as a recent authentication."""
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    if totp:
        assert response["Location"] == reverse("mfa_authenticate")
        code = pyotp.TOTP(TEST_TOTP_SECRET).now()
        assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302


def a_webauthn_authenticator(user):
    """A stored passkey row (its credential is never checked by these tests)."""
    return Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "Phone", "credential": {}, "passwordless": True},
    )


def assert_no_inline_script(html: str):
    """Every <script> either loads a file (script-src 'self') or is a JSON data block the
    browser never runs: no inline code that our CSP would block."""
    for attrs in re.findall(r"<script\b([^>]*)>", html):
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs


def test_the_webauthn_add_page_answers_a_young_person_in_our_layout(client, languages):
    youth = UserFactory(email="youth@example.org", roles=["young_person"])
    log_in(client, youth)
    response = client.get(reverse("mfa_add_webauthn"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/static/' in html and "navbar" in html  # our base template
    assert "/static/mfa/js/webauthn.js" in html
    assert "/static/account/js/onload.js" in html
    assert_no_inline_script(html)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_the_webauthn_add_page_answers_a_coach(client, partner_a):
    coach = UserFactory(email="c@example.org", roles=["coach"], partner=partner_a, mfa=True)
    log_in(client, coach, totp=True)
    # Who has a second factor already confirms their password again before adding one.
    response = client.get(reverse("mfa_add_webauthn"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": TEST_PASSWORD})
    assert response["Location"] == reverse("mfa_add_webauthn")
    response = client.get(reverse("mfa_add_webauthn"))
    assert response.status_code == 200
    assert_no_inline_script(response.content.decode())


def test_the_static_scripts_the_webauthn_pages_load_are_served(client):
    for path in ("mfa/js/webauthn.js", "mfa/js/webauthn-json.js", "account/js/onload.js"):
        response = client.get(f"/static/{path}")
        assert response.status_code == 200, path


@pytest.mark.parametrize(("name", "kwargs"), WEBAUTHN_URLS)
def test_the_young_person_scope_lets_every_webauthn_url_through(name, kwargs):
    request = RequestFactory().get(reverse(name, kwargs=kwargs))
    request.path_info = request.path
    assert resolve(request.path_info).url_name == name
    assert YoungPersonScopeMiddleware._allowed(request)


def test_a_young_person_may_open_the_passkey_list(client):
    youth = UserFactory(email="youth@example.org", roles=["young_person"])
    a_webauthn_authenticator(youth)
    client.force_login(youth)
    response = client.get(reverse("mfa_list_webauthn"))
    assert response.status_code == 200
    assert "Phone" in response.content.decode()


def test_the_young_persons_profile_links_to_adding_a_passkey(client, languages):
    youth = UserFactory(email="youth@example.org", roles=["young_person"])
    client.force_login(youth)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("mfa_add_webauthn")}"' in html


def test_a_staff_profile_has_no_passkey_section(client, partner_a):
    coach = UserFactory(email="c@example.org", roles=["coach"], partner=partner_a, mfa=True)
    client.force_login(coach)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert 'id="passkey-heading"' not in html


def test_a_passkey_does_not_replace_the_staff_totp(client, partner_a):
    coach = UserFactory(email="nototp@example.org", roles=["coach"], partner=partner_a)
    a_webauthn_authenticator(coach)
    client.force_login(coach)
    for name in ("home", "participants:caseload", "accounts:profile", "mfa_add_webauthn"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"] == reverse("mfa_activate_totp"), name


def test_a_young_person_needs_no_second_factor(client):
    youth = UserFactory(email="youth@example.org", roles=["young_person"])
    log_in(client, youth)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] != reverse("mfa_activate_totp")


def test_someone_elses_passkey_cannot_be_renamed_or_removed(client, partner_a):
    youth = UserFactory(email="youth@example.org", roles=["young_person"])
    key = a_webauthn_authenticator(youth)
    other = UserFactory(email="other@example.org", roles=["young_person"])
    log_in(client, other)
    assert client.get(reverse("mfa_edit_webauthn", kwargs={"pk": key.pk})).status_code == 404
    assert client.post(reverse("mfa_remove_webauthn", kwargs={"pk": key.pk})).status_code == 404
    assert Authenticator.objects.filter(pk=key.pk).exists()


def test_a_young_person_with_a_passkey_confirms_the_password_before_adding_another(client):
    youth = UserFactory(email="youth@example.org", roles=["young_person"])
    log_in(client, youth)
    a_webauthn_authenticator(youth)  # added in this session, a minute ago
    response = client.get(reverse("mfa_add_webauthn"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_the_login_page_offers_a_passkey_login(client):
    html = client.get(reverse("account_login")).content.decode()
    assert 'id="passkey_login"' in html
    assert f'action="{reverse("mfa_login_webauthn")}"' in html
    assert_no_inline_script(html)


def test_production_never_allows_an_insecure_webauthn_origin():
    result = run_django(
        {
            "DJANGO_SETTINGS_MODULE": "jump.settings.production",
            "SECRET_KEY": "x" * 60,
            "ERASURE_LEDGER_KEY": "y" * 60,
            "ALLOWED_HOSTS": "jump.example.org",
            "DJANGO_DEBUG": "true",
            "MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN": "true",
        },
        "import django; django.setup(); from django.conf import settings; "
        "from allauth.mfa import app_settings; "
        "print(settings.DEBUG, app_settings.WEBAUTHN_ALLOW_INSECURE_ORIGIN, "
        "'webauthn' in app_settings.SUPPORTED_TYPES)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False False True"


def test_dev_allows_an_insecure_webauthn_origin_only_while_debug_is_on():
    code = (
        "import django; django.setup(); from allauth.mfa import app_settings; "
        "print(app_settings.WEBAUTHN_ALLOW_INSECURE_ORIGIN)"
    )
    on = run_django({"DJANGO_SETTINGS_MODULE": "jump.settings.dev"}, code)
    off = run_django({"DJANGO_SETTINGS_MODULE": "jump.settings.dev", "DJANGO_DEBUG": "false"}, code)
    assert on.returncode == 0 and off.returncode == 0, on.stderr + off.stderr
    assert on.stdout.strip().splitlines()[-1] == "True"
    assert off.stdout.strip().splitlines()[-1] == "False"


def test_the_company_portal_stops_suggesting_a_second_factor_once_a_passkey_is_added(
    client_for, personas
):
    client = client_for("contact_x")
    assert "Protect your account" in client.get(reverse("companies:portal")).content.decode()
    a_webauthn_authenticator(personas.contact_x)
    assert "Protect your account" not in client.get(reverse("companies:portal")).content.decode()

import pyotp
import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import translation

from jump.accounts.models import User
from tests.factories.accounts import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory

pytestmark = pytest.mark.django_db


def login_url(language="en"):
    with translation.override(language):
        return reverse("account_login")


def test_root_redirects_to_the_visitors_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_login_page_is_served_in_the_visitors_language(client):
    response = client.get(login_url("da"))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "da"
    assert b'<html lang="da">' in response.content


def test_unknown_language_prefix_is_404(client):
    assert client.get("/xx/accounts/login/").status_code == 404
    assert client.get("/fr/accounts/login/").status_code == 404


def test_wrong_password_shows_the_form_again_with_a_translated_error(client):
    UserFactory(email="someone@example.org")
    response = client.post(login_url("de"), {"login": "someone@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
    text = response.content.decode()
    assert "E-Mail-Adresse und/oder das Passwort sind leider falsch" in text


def test_sixth_failed_login_for_one_account_gets_429_and_works_after_the_window(client):
    UserFactory(email="target@example.org")
    url = login_url()
    with time_machine.travel("2026-03-02 10:00:00+00:00", tick=False) as traveller:
        for _attempt in range(5):
            response = client.post(url, {"login": "target@example.org", "password": "nope"})
            assert response.status_code == 200
        response = client.post(url, {"login": "target@example.org", "password": "nope"})
        assert response.status_code == 429
        traveller.shift(5 * 60 + 1)
        response = client.post(url, {"login": "target@example.org", "password": TEST_PASSWORD})
        assert response.status_code == 302


def test_coach_logs_in_with_totp_and_lands_on_the_caseload(client, partner_a):
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


def test_totp_code_is_single_use(client, partner_a):
    user = UserFactory(email="c@example.org", roles=["coach"], partner=partner_a, mfa=True)
    code = pyotp.TOTP(TEST_TOTP_SECRET).now()
    client.post(login_url(), {"login": user.email, "password": TEST_PASSWORD})
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    client.post(reverse("account_logout"))
    client.post(login_url(), {"login": user.email, "password": TEST_PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_login_redirects_to_home_in_the_users_preferred_language(client):
    user = UserFactory(email="d@example.org", preferred_language="de")
    response = client.post(login_url("da"), {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_login_sets_the_language_cookie_to_the_preference(client):
    user = UserFactory(email="d@example.org", preferred_language="da")
    client.force_login(user)
    response = client.get(reverse("accounts:profile"))
    assert response.cookies["django_language"].value == "da"


@pytest.mark.parametrize("role", ["coach", "programme_manager", "admin"])
def test_roles_that_see_personal_data_are_sent_to_mfa_setup(client, partner_a, role):
    user = UserFactory(email="nomfa@example.org", roles=[role], partner=partner_a)
    client.force_login(user)
    for url in [reverse("home"), reverse("participants:caseload"), reverse("accounts:profile")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp")


def test_mfa_setup_activates_totp_and_opens_the_pages(client, partner_a):
    user = UserFactory(email="nomfa@example.org", roles=["coach"], partner=partner_a)
    client.post(login_url(), {"login": user.email, "password": TEST_PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert client.get(reverse("participants:caseload")).status_code == 200


@pytest.mark.parametrize("role", ["company_contact", "trainer", "staff_learner"])
def test_other_roles_may_use_the_site_without_mfa(client, role):
    user = UserFactory(email="x@example.org", roles=[role])
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] != reverse("mfa_activate_totp")


def test_signup_is_closed(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "a long pass phrase",
            "password2": "a long pass phrase",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="new@example.org").exists()


def test_password_reset_does_not_reveal_whether_an_email_exists(client, mailoutbox):
    UserFactory(email="known@example.org")
    known = client.post(reverse("account_reset_password"), {"email": "known@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "unknown@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_unverified_email_cannot_log_in(client):
    user = UserFactory(email="unverified@example.org")
    user.emailaddress_set.update(verified=False)
    response = client.post(login_url(), {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")

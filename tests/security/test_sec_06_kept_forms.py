"""SECURITY 6 (docs/security.md) with WCAG 2.2.1: the idle timeout never loses a form, and
never leaks one.

A POST arriving after the session ended idle is kept (server-side, for that user only, for
KEPT_FORM_SECONDS), offered again after logging in, and written only when sent again from the new
session with a new CSRF token. CSRF is still checked first; after a logout nothing is kept; any
other user logging in on the same browser never sees it."""

import datetime
import re

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jump.accounts import kept_forms
from tests.factories.accounts import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def browser() -> Client:
    return Client(enforce_csrf_checks=True)


def csrf(client) -> str:
    if "csrftoken" not in client.cookies:
        client.get(reverse("account_login"))
    return client.cookies["csrftoken"].value


def log_in(client, user):
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": TEST_PASSWORD, "csrfmiddlewaretoken": csrf(client)},
    )
    assert response.status_code == 302, response.content[:500]


def end_session_idle(client):
    key = client.cookies["sessionid"].value
    updated = Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert updated == 1


def post_profile(client, first_name: str, **extra):
    return client.post(
        reverse("accounts:profile"),
        {
            "first_name": first_name,
            "last_name": "Lund",
            "preferred_language": "da",
            "csrfmiddlewaretoken": csrf(client),
            **extra,
        },
    )


@pytest.fixture
def user():
    return UserFactory(
        email="camilla@example.org", first_name="Camilla", last_name="Lund", roles=["trainer"]
    )


def kept_fields(html: str) -> dict:
    section = re.search(r'<section id="kept-form".*?</section>', html, re.S)
    if section is None:
        return {}
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', section[0]))


def test_sec_06_a_post_after_the_idle_timeout_is_kept_offered_after_login_and_written_only_then(
    user,
):
    client = browser()
    log_in(client, user)
    assert client.get(reverse("accounts:profile")).status_code == 200
    end_session_idle(client)

    response = post_profile(client, "Kept after timeout")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]
    cookie = response.cookies[kept_forms.COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    user.refresh_from_db()
    assert user.first_name == "Camilla"  # nothing written without a login

    # The login page says what happened; the kept data is not on it.
    login_page = client.get(response["Location"]).content.decode()
    assert "Kept after timeout" not in login_page
    assert "session had ended" in login_page

    log_in(client, user)
    user.refresh_from_db()
    assert user.first_name == "Camilla"  # logging in alone writes nothing
    page = client.get(reverse("accounts:profile")).content.decode()
    fields = kept_fields(page)
    assert fields["first_name"] == "Kept after timeout"
    assert "csrfmiddlewaretoken" in fields  # the new session's token, not the old one
    assert fields[kept_forms.FIELD] == client.cookies[kept_forms.COOKIE].value

    resent = client.post(reverse("accounts:profile"), fields)
    assert resent.status_code == 302
    user.refresh_from_db()
    assert user.first_name == "Kept after timeout"
    # Used once: gone from the server and the browser.
    assert client.cookies[kept_forms.COOKIE].value == ""
    assert kept_fields(client.get(reverse("accounts:profile")).content.decode()) == {}


def test_sec_06_the_kept_form_is_never_offered_to_another_user(user):
    other = UserFactory(email="other.trainer@example.org", roles=["trainer"])
    client = browser()
    log_in(client, user)
    end_session_idle(client)
    token_response = post_profile(client, "Private words")
    token = token_response.cookies[kept_forms.COOKIE].value
    assert token

    log_in(client, other)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Private words" not in page
    assert kept_fields(page) == {}
    # Deleted at the first look by someone else: the right user logging in later gets nothing.
    log_in(client, user)
    assert "Private words" not in client.get(reverse("accounts:profile")).content.decode()
    # Sending the token by hand writes nothing beyond an ordinary form post.
    assert (
        kept_forms.kept_for(type("R", (), {"COOKIES": {kept_forms.COOKIE: token}, "user": user}))
        is None
    )


def test_sec_06_a_post_after_the_timeout_with_a_bad_csrf_token_is_refused_and_not_kept(user):
    client = browser()
    log_in(client, user)
    end_session_idle(client)
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Forged",
            "last_name": "X",
            "preferred_language": "da",
            "csrfmiddlewaretoken": "x" * 32,
        },
    )
    assert response.status_code == 403
    assert kept_forms.COOKIE not in response.cookies
    missing = client.post(reverse("accounts:profile"), {"first_name": "Forged"})
    assert missing.status_code == 403
    assert kept_forms.COOKIE not in missing.cookies


def test_sec_06_nothing_is_kept_after_logging_out_or_without_any_session(user):
    client = browser()
    log_in(client, user)
    client.post(reverse("account_logout"), {"csrfmiddlewaretoken": csrf(client)})
    response = post_profile(client, "After logout")
    assert response.status_code == 302
    assert kept_forms.COOKIE not in response.cookies

    stranger = browser()
    response = post_profile(stranger, "No session at all")
    assert response.status_code == 302
    assert kept_forms.COOKIE not in response.cookies


def test_sec_06_nothing_is_kept_for_a_deactivated_user_or_after_the_twelve_hours(user):
    client = browser()
    log_in(client, user)
    end_session_idle(client)
    user.is_active = False
    user.save()
    assert kept_forms.COOKIE not in post_profile(client, "Deactivated").cookies

    user.is_active = True
    user.save()
    client = browser()
    log_in(client, user)
    end_session_idle(client)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=12, seconds=5)):
        assert kept_forms.COOKIE not in post_profile(client, "Too late").cookies


def test_sec_06_the_kept_form_lasts_only_a_short_time(user, settings):
    settings.KEPT_FORM_SECONDS = 60
    client = browser()
    log_in(client, user)
    end_session_idle(client)
    assert post_profile(client, "Short-lived").cookies[kept_forms.COOKIE].value
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=61)):
        log_in(client, user)
        assert "Short-lived" not in client.get(reverse("accounts:profile")).content.decode()


def test_sec_06_the_kept_form_can_be_discarded(user):
    client = browser()
    log_in(client, user)
    end_session_idle(client)
    post_profile(client, "Throw away")
    log_in(client, user)
    response = client.post(
        reverse("accounts:kept_form_discard"),
        {"csrfmiddlewaretoken": csrf(client), "next": reverse("accounts:profile")},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert "Throw away" not in client.get(reverse("accounts:profile")).content.decode()


def test_sec_06_keep_alive_renews_the_idle_timeout_and_needs_csrf(user):
    client = browser()
    log_in(client, user)
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + datetime.timedelta(seconds=30)
    )
    url = reverse("accounts:keep_alive")
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403  # no CSRF token
    response = client.post(url, HTTP_X_CSRFTOKEN=csrf(client))
    assert response.status_code == 204
    expires = Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date
    assert expires > timezone.now() + datetime.timedelta(minutes=29)
    end_session_idle(client)
    assert client.post(url, HTTP_X_CSRFTOKEN=csrf(client)).status_code == 401

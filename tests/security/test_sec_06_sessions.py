"""SECURITY 6 — sessions: 30 minutes idle, 12 hours absolute; a new key at login; logout,
password change and deactivation end the user's sessions; Secure, HttpOnly, SameSite=Lax cookies.
"""

import time

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from jump.accounts.middleware import SESSION_STARTED_KEY
from tests.factories.accounts import TEST_PASSWORD, UserFactory
from tests.test_settings import run_django

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new ferry timetable"


def logged_in_client(user) -> Client:
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302, response
    return client


def is_logged_out(client) -> bool:
    response = client.get(reverse("accounts:profile"))
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_sec_06_sessions_end_after_twelve_hours_whatever_the_activity(client):
    user = UserFactory(email="s@example.org", roles=["trainer"])
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert client.get(reverse("accounts:profile")).status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - 12 * 60 * 60 - 1
    session.save()
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_sec_06_session_idle_timeout_is_thirty_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_TOUCH_SECONDS == 60


def _session_writes(captured) -> int:
    return sum(
        1
        for query in captured
        if query["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
        and "django_session" in query["sql"]
    )


def test_sec_06_idle_expiry_is_renewed_at_most_once_a_minute_and_holds_to_the_minute():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = UserFactory(email="idle@example.org", roles=["trainer"])
    with time_machine.travel("2026-09-15 09:00:00 +0000", tick=False) as clock:
        client = logged_in_client(user)
        # The first page keeps the roles and the unread count in the session (one write).
        assert client.get(reverse("accounts:profile")).status_code == 200
        clock.shift(30)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("accounts:profile")).status_code == 200
        assert _session_writes(captured) == 0  # written 30 s ago: not again
        clock.shift(40)  # 70 s after the last write: renewed
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("accounts:profile")).status_code == 200
        assert _session_writes(captured) == 1
        # Requests every 50 s for an hour keep the session alive (each minute renews it) …
        for _ in range(72):
            clock.shift(50)
            assert client.get(reverse("accounts:profile")).status_code == 200
        # … and idleness ends it in the thirtieth minute after the last request.
        idle = Session.objects.get().expire_date.timestamp() - time.time()
        assert 29 * 60 <= idle <= 30 * 60
        clock.shift(30 * 60)
        assert is_logged_out(client)


def test_sec_06_stay_logged_in_renews_at_once():
    user = UserFactory(email="stay@example.org", roles=["trainer"])
    with time_machine.travel("2026-09-15 09:00:00 +0000", tick=False) as clock:
        client = logged_in_client(user)
        clock.shift(20)
        before = Session.objects.get().expire_date
        assert client.post(reverse("accounts:keep_alive")).status_code == 204
        assert (Session.objects.get().expire_date - before).total_seconds() == 20


def test_sec_06_login_rotates_the_session_key(client):
    user = UserFactory(email="r@example.org", roles=["trainer"])
    client.get(reverse("account_login"))
    client.session.save()
    before = client.session.session_key
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert client.session.session_key != before


def test_sec_06_deactivated_user_loses_access_on_the_next_request(client):
    user = UserFactory(email="gone@example.org", roles=["trainer"])
    client.force_login(user)
    assert client.get(reverse("accounts:profile")).status_code == 200
    user.is_active = False
    user.save()
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_sec_06_logout_ends_the_users_sessions_on_every_device():
    user = UserFactory(email="two.devices@example.org", roles=["trainer"])
    other = UserFactory(email="someone.else@example.org", roles=["trainer"])
    laptop, phone, bystander = (
        logged_in_client(user),
        logged_in_client(user),
        logged_in_client(other),
    )
    assert not is_logged_out(phone)
    laptop.post(reverse("account_logout"))
    assert is_logged_out(laptop)
    assert is_logged_out(phone)
    assert not is_logged_out(bystander)  # only the user's own sessions end


def test_sec_06_password_change_ends_every_session_of_the_user():
    user = UserFactory(email="changer@example.org", roles=["trainer"])
    laptop, phone = logged_in_client(user), logged_in_client(user)
    response = laptop.post(
        reverse("account_change_password"),
        {"oldpassword": TEST_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert is_logged_out(laptop)
    assert is_logged_out(phone)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert all(s.get_decoded().get(SESSION_KEY) != str(user.pk) for s in Session.objects.all())


def test_sec_06_a_failed_password_change_keeps_the_sessions():
    user = UserFactory(email="typo@example.org", roles=["trainer"])
    laptop, phone = logged_in_client(user), logged_in_client(user)
    response = laptop.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not is_logged_out(laptop)
    assert not is_logged_out(phone)


def test_sec_06_deactivation_ends_the_session_on_every_device():
    user = UserFactory(email="leaver@example.org", roles=["trainer"])
    laptop, phone = logged_in_client(user), logged_in_client(user)
    user.is_active = False
    user.save()
    assert is_logged_out(laptop)
    assert is_logged_out(phone)


def test_sec_06_production_cookies_are_secure_httponly_and_samesite_lax():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
        "s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.CSRF_COOKIE_SAMESITE, "
        "s.SESSION_COOKIE_AGE, s.SESSION_ABSOLUTE_LIFETIME, s.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    result = run_django(
        {
            "DJANGO_SETTINGS_MODULE": "jump.settings.production",
            "SECRET_KEY": "x" * 60,
            "ERASURE_LEDGER_KEY": "y" * 60,
            "ALLOWED_HOSTS": "jump.example.org",
        },
        code,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "Lax",
        "True",
        "True",
        "Lax",
        str(30 * 60),
        str(12 * 60 * 60),
        "True",
    ]


def test_sec_06_the_session_cookie_a_login_sets_carries_the_flags(client, settings):
    settings.SESSION_COOKIE_SECURE = True  # as in production
    user = UserFactory(email="flags@example.org", roles=["trainer"])
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD}, secure=True
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_sec_06_an_idle_session_ends_after_thirty_minutes_and_activity_keeps_it():
    user = UserFactory(email="idle@example.org", roles=["trainer"])
    with time_machine.travel("2026-03-02 10:00:00+00:00", tick=False) as traveller:
        client = logged_in_client(user)
        traveller.shift(29 * 60)
        assert not is_logged_out(client)  # a request within 30 minutes renews the session
        traveller.shift(29 * 60)
        assert not is_logged_out(client)
        traveller.shift(30 * 60 + 1)
        assert is_logged_out(client)

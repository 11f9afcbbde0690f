import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from jump.accounts.middleware import SESSION_STARTED_KEY
from tests.factories.accounts import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    ["short pass", "password1234", "Produktionsskole2026!", "jumpjumpjump99", "x" * 129],
)
def test_weak_passwords_are_rejected(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize(
    "password",
    ["blue kettle over the fjord", "x7Gq!mZ2pL0w", "a" * 12 + "ferry timetable" * 4 + "zz"],
)
def test_long_passphrases_without_composition_rules_are_accepted(password):
    validate_password(password[:128])


def test_sessions_end_after_twelve_hours_whatever_the_activity(client):
    user = UserFactory(email="s@example.org", roles=["trainer"])
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert client.get(reverse("accounts:profile")).status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - 12 * 60 * 60 - 1
    session.save()
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_session_idle_timeout_is_thirty_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_login_rotates_the_session_key(client):
    user = UserFactory(email="r@example.org", roles=["trainer"])
    client.get(reverse("account_login"))
    client.session.save()
    before = client.session.session_key
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert client.session.session_key != before


def test_deactivated_user_loses_access_on_the_next_request(client):
    user = UserFactory(email="gone@example.org", roles=["trainer"])
    client.force_login(user)
    assert client.get(reverse("accounts:profile")).status_code == 200
    user.is_active = False
    user.save()
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_admin_site_is_only_for_administrators(client_for):
    assert client_for("admin").get(reverse("admin:index")).status_code == 200
    assert client_for("manager").get(reverse("admin:index")).status_code == 403


def test_admin_login_goes_through_the_rate_limited_login(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))

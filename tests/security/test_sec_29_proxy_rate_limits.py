"""SECURITY 29 — behind the TLS proxy, failed logins are counted per client, never per proxy."""

import pytest
import time_machine
from django.urls import reverse

from tests.factories.accounts import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
CLIENT_A = "198.51.100.7"
CLIENT_B = "203.0.113.9"


def through_proxy(client_ip, forged=""):
    """POST arguments of a request the proxy forwards: it appends the address it saw."""
    chain = f"{forged}, {client_ip}" if forged else client_ip
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


def fail_ten_logins(client, client_ip, forge=False):
    url = reverse("account_login")
    # Ten different accounts, so only the per-address limit can be what stops a login.
    for attempt in range(10):
        forged = f"192.0.2.{attempt + 1}" if forge else ""
        client.post(
            url,
            {"login": f"nobody{attempt}@example.org", "password": "wrong-password-here"},
            **through_proxy(client_ip, forged),
        )


@pytest.fixture
def one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_sec_29_ten_failed_logins_of_one_client_leave_another_clients_login_working(
    client, one_proxy
):
    UserFactory(email="other@example.org")
    with time_machine.travel("2026-03-02 10:00:00+00:00", tick=False):
        fail_ten_logins(client, CLIENT_A)
        blocked = client.post(
            reverse("account_login"),
            {"login": "other@example.org", "password": TEST_PASSWORD},
            **through_proxy(CLIENT_A),
        )
        assert blocked.status_code == 429
        response = client.post(
            reverse("account_login"),
            {"login": "other@example.org", "password": TEST_PASSWORD},
            **through_proxy(CLIENT_B),
        )
    assert response.status_code == 302


def test_sec_29_a_forged_forwarded_for_beyond_the_trusted_count_changes_nothing(client, one_proxy):
    UserFactory(email="other@example.org")
    with time_machine.travel("2026-03-02 10:00:00+00:00", tick=False):
        # Each attempt claims another address on the left; the proxy's entry stays the same.
        fail_ten_logins(client, CLIENT_A, forge=True)
        still_blocked = client.post(
            reverse("account_login"),
            {"login": "other@example.org", "password": TEST_PASSWORD},
            **through_proxy(CLIENT_A, forged="192.0.2.200"),
        )
        assert still_blocked.status_code == 429
        response = client.post(
            reverse("account_login"),
            {"login": "other@example.org", "password": TEST_PASSWORD},
            **through_proxy(CLIENT_B, forged=CLIENT_A),
        )
    assert response.status_code == 302


def test_sec_29_the_trusted_proxy_count_comes_from_the_environment(monkeypatch):
    import importlib

    from jump.settings import base

    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "2")
    try:
        assert importlib.reload(base).ALLAUTH_TRUSTED_PROXY_COUNT == 2
    finally:
        monkeypatch.delenv("TRUSTED_PROXY_COUNT")
        importlib.reload(base)

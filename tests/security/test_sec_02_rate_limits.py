"""SECURITY 2 — rate limits on every login path, the admin's included."""

import pytest
import time_machine
from django.urls import reverse

from tests.factories.accounts import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def login_url():
    return reverse("account_login")


def test_sec_02_sixth_failed_login_for_one_account_gets_429_and_works_after_the_window(client):
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


def test_sec_02_admin_login_goes_through_the_rate_limited_login(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))

"""What a newcomer meets first (issue 15): a /favicon.ico, a 403 in one log line, a quiet
seed_demo."""

import logging

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_is_served_at_the_root_to_anyone(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_a_403_is_logged_once_in_one_line_without_traceback(client_for, caplog):
    client = client_for("contact_x")
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 403
    forbidden = [record for record in caplog.records if getattr(record, "status_code", 0) == 403]
    assert len(forbidden) == 1
    assert forbidden[0].getMessage().startswith("Forbidden (Permission denied): ")
    assert forbidden[0].exc_info is None and forbidden[0].exc_text is None
    # Only the root's handler prints django.* lines (Django's own console handler would print
    # every line a second time when DEBUG is on).
    assert logging.getLogger("django").handlers == []
    assert logging.getLogger("django.request").handlers == []

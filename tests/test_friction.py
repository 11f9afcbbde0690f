"""What a newcomer meets first (issue 15): a /favicon.ico, a 403 in one log line, a quiet
seed_demo."""

import logging

import pytest
from django.core import mail
from django.core.management import call_command
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


@pytest.mark.django_db(transaction=True)  # the e-mails go after seed_demo's commit
def test_seed_demo_prints_no_mime_mail_and_no_celery_line(settings, capfd):
    # `make run`'s settings: DEBUG, e-mail to the console, tasks eager.
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    call_command("seed_demo")
    out, err = capfd.readouterr()
    printed = out + err
    assert "MIME-Version" not in printed
    assert "succeeded in" not in printed
    assert "No hostname was supplied" not in printed
    assert out.strip() == "Demo data ready. Users and passwords: README.md"
    # The e-mails seeding sends are still sent (to memory), as on the site.
    assert mail.outbox
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"

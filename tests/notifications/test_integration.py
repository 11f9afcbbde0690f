"""A real Celery worker on Redis sends a reminder's e-mail to a real SMTP server (aiosmtpd on
loopback), against the test database. Needs REDIS_URL and PostgreSQL (see
tests/integration/conftest.py); skipped loudly without them."""

import datetime
import email
import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group

from jump.accounts.roles import Role
from jump.notifications import services
from jump.notifications.models import EmailStatus, Notification
from tests.integration.conftest import (  # noqa: F401 (fixtures)
    celery_app_live,
    celery_worker_process,
    wait_for,
)

from . import builders
from .conftest import DAY

pytestmark = [
    pytest.mark.usefixtures("every_kind_at_once"),
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
]


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def worker_extra_env(smtp_server):
    """The worker sends through Django's SMTP backend to the server above."""
    controller, _inbox = smtp_server
    return {
        "DJANGO_SETTINGS_MODULE": "tests.integration.settings_smtp",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(controller.port),
    }


@pytest.fixture(autouse=True)
def _role_groups(transactional_db):
    # A transactional test before this one may have flushed the groups the roles migration
    # created; the personas need them.
    for role in Role.values:
        Group.objects.get_or_create(name=role)


def test_a_real_worker_sends_the_reminder_email_over_smtp(
    personas,
    smtp_server,
    celery_worker_process,  # noqa: F811 (the fixture imported above)
):
    _controller, inbox = smtp_server
    person = builders.participant(personas.coach_a)
    builders.case_note(personas.coach_a, person, follow_up_on=DAY)

    result = services.reminders_run(DAY)  # queued on Redis after commit
    assert result.queued == 1

    wait_for(
        lambda: Notification.objects.get().email_status == EmailStatus.SENT,
        worker=celery_worker_process,
    )
    assert len(inbox.envelopes) == 1
    envelope = inbox.envelopes[0]
    assert envelope.rcpt_tos == [personas.coach_a.email]
    message = email.message_from_bytes(envelope.original_content)
    notification = Notification.objects.get()
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_payload()[0].get_payload(decode=True).decode()
    assert f"/en/notifications/{notification.public_id}/" in text

    # The same day again: nothing new is created, queued or sent.
    assert services.reminders_run(DAY, requeue_after=datetime.timedelta(0)).queued == 0
    time.sleep(2)
    assert Notification.objects.count() == 1
    assert len(inbox.envelopes) == 1

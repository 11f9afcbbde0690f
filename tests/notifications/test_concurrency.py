"""Two workers handed the same e-mail at once (a redelivered task, the sweeper): one sends it,
the other finds it locked and leaves it. Row locks: PostgreSQL only."""

import threading

import pytest
from django.db import connection, connections

from jump.notifications import services
from jump.notifications.models import EmailStatus, Kind, Notification

from . import builders
from .conftest import DAY

pytestmark = [
    pytest.mark.usefixtures("every_kind_at_once"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (SKIP LOCKED)"
    ),
]


@pytest.fixture(autouse=True)
def _role_groups(transactional_db):
    from django.contrib.auth.models import Group

    from jump.accounts.roles import Role

    for role in Role.values:
        Group.objects.get_or_create(name=role)


def test_two_senders_at_once_send_one_email(personas, scripted_smtp):
    person = builders.participant(personas.coach_a)
    builders.case_note(personas.coach_a, person, follow_up_on=DAY)
    services.reminders_create(DAY)
    notification = Notification.objects.get(kind=Kind.CONTACT_FOLLOW_UP)
    scripted_smtp.reset(delay=1.0)
    outcomes = []
    start = threading.Barrier(2)

    def send():
        try:
            start.wait()
            outcomes.append(services.notification_email_send(notification_id=notification.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == sorted(
        [services.EmailOutcome.SENT, services.EmailOutcome.NOTHING_TO_DO]
    )
    assert len(scripted_smtp.delivered) == 1
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SENT
    assert notification.email_attempts == 1

import datetime
from types import SimpleNamespace

import pytest

from jump.notifications import services
from jump.notifications.models import Kind, Notification

from . import builders
from .mailbackends import ScriptedSMTP

# A Tuesday; reminders in these tests are due on it unless a test says otherwise.
DAY = datetime.date(2026, 9, 15)


@pytest.fixture
def day():
    return DAY


@pytest.fixture
def p1(personas):
    """P1: a participant of partner A, coached by coach_a."""
    return builders.participant(personas.coach_a, first_name="Pia")


@pytest.fixture
def follow_up_notification(personas, p1):
    """coach_a's reminder about a case-note follow-up due on DAY (e-mail not sent yet)."""
    note = builders.case_note(personas.coach_a, p1, follow_up_on=DAY)
    services.reminders_run(DAY)
    return Notification.objects.get(kind=Kind.CONTACT_FOLLOW_UP, object_id=note.pk)


@pytest.fixture
def world(personas, p1, follow_up_notification):
    """What the access matrix needs: the personas and coach_a's notification about P1."""
    return SimpleNamespace(**vars(personas), p1=p1, notification=follow_up_notification)


@pytest.fixture
def scripted_smtp(settings):
    """Django's SMTP backend against a scripted server (see mailbackends.py)."""
    settings.EMAIL_BACKEND = "tests.notifications.mailbackends.EmailBackend"
    ScriptedSMTP.reset()
    yield ScriptedSMTP
    ScriptedSMTP.reset()


@pytest.fixture
def eager_retries():
    """Eager tasks retry in place, as a worker would later (CELERY_TASK_EAGER_PROPAGATES would
    otherwise raise celery's Retry out of the first attempt)."""
    from jump.celery import app

    before = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = before


@pytest.fixture
def every_kind_at_once(monkeypatch):
    """Every kind e-mailed at once by default. For the tests of the at-once e-mail path
    (sending, retries, muting, the daily run's queueing); the defaults themselves — answers at
    once, the rest in the digest — are tested in test_loop_delivery.py."""
    from jump.notifications import kinds
    from jump.notifications import services as notification_services

    every = tuple(Kind.values)
    monkeypatch.setattr(kinds, "IMMEDIATE_BY_DEFAULT", every)
    monkeypatch.setattr(notification_services, "IMMEDIATE_BY_DEFAULT", every)

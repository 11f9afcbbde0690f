"""SECURITY 24 — atomic writes, tasks after commit: a failure injected in any step of a
multi-step service leaves no row behind and queues nothing; tasks are queued after commit and
take ids, never objects.

The multi-step services (read from */services): a report request (run + access-log entry +
build task), a finished report (done + "report ready" notification + its e-mail), a cancelled
enrolment (cancellation + promotion from the waiting list + notification + its e-mail), a
daily reminder (notification + its e-mail). A participant's intake and a consent are one row
each (nothing to split); an import commit claims the job and queues its task in one
transaction (tested in tests/imports).
"""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from jump.notifications import services as notification_services
from jump.notifications.models import Notification
from jump.reports import services as report_services
from jump.reports import tasks as report_tasks
from jump.reports.models import ReportRun
from tests.notifications import builders as nb
from training_modules.models import Enrolment
from training_modules.services import sessions as session_services

pytestmark = pytest.mark.django_db

PERIOD = {"period_start": datetime.date(2026, 1, 1), "period_end": datetime.date(2026, 3, 31)}


class Injected(Exception):
    pass


def fail(*args, **kwargs):
    raise Injected


def _request_report(manager):
    return report_services.report_run_request(actor=manager, format="xlsx", **PERIOD)


def test_rel_24_report_request_failing_at_the_access_log_leaves_nothing(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(report_services, "access_log_record", fail)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(Injected):
        _request_report(personas.manager)
    assert ReportRun.objects.count() == 0
    assert callbacks == []  # no build task queued


def test_rel_24_report_request_queues_its_task_after_commit_with_the_id(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(report_tasks.build_report_run, "delay", lambda *a: sent.append(a))
    with django_capture_on_commit_callbacks() as callbacks:
        run = _request_report(personas.manager)
        assert sent == []  # not before commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert sent == [(run.pk,)]
    assert isinstance(sent[0][0], int)


def test_rel_24_report_finishing_fails_at_the_notification_nothing_half_done(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        monkeypatch.setattr(report_tasks.build_report_run, "delay", lambda *a: None)
        run = _request_report(personas.manager)
    monkeypatch.setattr("jump.notifications.services.notify_event", fail)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(Injected):
        report_services.report_run_build(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == ReportRun.Status.RUNNING  # not "done" without its notification
    assert run.file.name == ""
    assert Notification.objects.count() == 0
    assert callbacks == []
    # The sweeper takes the run over later and finishes it with its notification.
    monkeypatch.undo()
    ReportRun.objects.filter(pk=run.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert report_services.report_run_build(run_id=run.pk) is True
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE
    assert Notification.objects.filter(object_id=run.pk).count() == 1
    assert len(mail.outbox) == 1
    run.file.delete(save=False)


@pytest.fixture
def full_session(personas):
    """A session with one place: the staff learner holds it, the coach waits."""
    session = nb.session(starts_on=timezone.localdate() + datetime.timedelta(days=20), capacity=1)
    holder = nb.enrolment(session, personas.staff_learner)
    waiting = nb.enrolment(session, personas.coach_a, status=Enrolment.Status.WAITLISTED)
    return holder, waiting


@pytest.mark.parametrize("step", ["promotion", "notification", "after_notification"])
def test_rel_24_enrolment_cancel_failing_in_any_step_leaves_nothing(
    personas, full_session, monkeypatch, step, django_capture_on_commit_callbacks
):
    holder, waiting = full_session
    if step == "promotion":
        monkeypatch.setattr(session_services, "_on_promoted", fail)
    elif step == "notification":
        monkeypatch.setattr("jump.notifications.services.notify_event", fail)
    else:
        original = session_services._on_promoted

        def notify_then_fail(enrolment):
            original(enrolment)
            raise Injected

        monkeypatch.setattr(session_services, "_on_promoted", notify_then_fail)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Injected):
        session_services.enrolment_cancel(actor=personas.staff_learner, enrolment=holder)
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert (holder.status, holder.cancelled_at) == (Enrolment.Status.ENROLLED, None)
    assert waiting.status == Enrolment.Status.WAITLISTED
    assert Notification.objects.count() == 0
    assert callbacks == []
    assert mail.outbox == []


def test_rel_24_enrolment_cancel_succeeds_with_one_notification_after_commit(
    personas, full_session, django_capture_on_commit_callbacks
):
    holder, waiting = full_session
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        session_services.enrolment_cancel(actor=personas.staff_learner, enrolment=holder)
        assert mail.outbox == []  # the e-mail waits for the commit
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.ENROLLED
    assert Notification.objects.get().recipient == personas.coach_a
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1


def test_rel_24_reminder_email_is_queued_after_commit_with_the_id(
    coach_a_emailed_at_once, personas, monkeypatch, django_capture_on_commit_callbacks
):
    from jump.notifications import tasks as notification_tasks

    day = datetime.date(2026, 9, 15)
    nb.case_note(personas.coach_a, nb.participant(personas.coach_a), follow_up_on=day)
    sent = []
    monkeypatch.setattr(
        notification_tasks.send_notification_email, "delay", lambda *a: sent.append(a)
    )
    with django_capture_on_commit_callbacks() as callbacks:
        notification_services.reminders_run(day)
        assert sent == []
    for callback in callbacks:
        callback()
    assert sent == [(Notification.objects.get().pk,)]


def test_rel_24_reminder_queueing_failing_leaves_no_email_queued(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    """The daily run fails while marking e-mails queued: nothing goes to the broker, and the
    notifications stay pending for the next run."""
    day = datetime.date(2026, 9, 15)
    nb.case_note(personas.coach_a, nb.participant(personas.coach_a), follow_up_on=day)
    notification_services.reminders_create(day)
    monkeypatch.setattr(notification_services, "_queue_emails", fail)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Injected):
        notification_services.email_queue_pending()
    assert callbacks == []
    notification = Notification.objects.get()
    assert (notification.email_status, notification.email_queued_at) == ("pending", None)
    assert mail.outbox == []

"""SECURITY 25 — crash-safe tasks: a worker killed (SIGKILL) in the middle of a report or of
the daily reminders' e-mails; a new worker and the sweeper finish the work exactly once.

Real Celery workers on Redis, the test PostgreSQL database and an SMTP sink on loopback.
"""

import datetime
import email
import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from jump.notifications import services as notification_services
from jump.notifications.models import EmailStatus, Kind, Notification
from jump.reports import services as report_services
from jump.reports.models import ReportRun
from jump.settings import test as test_settings
from tests.notifications import builders as nb
from tests.reports import builders as rb

from .conftest import wait_for

DAY = datetime.date(2026, 9, 15)


def _private_roots() -> set[Path]:
    # The worker writes under the private root of its own settings.
    return {Path(settings.PRIVATE_ROOT), Path(test_settings.PRIVATE_ROOT)}


def _body(envelope) -> str:
    message = email.message_from_bytes(envelope.original_content)
    return message.get_payload()[0].get_payload(decode=True).decode()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_rel_25_worker_killed_mid_report_finishes_once(
    role_groups, personas, partner_a, workers, smtp_sink, monkeypatch
):
    rb.participant(partner_a, entry=datetime.date(2026, 3, 10))
    slow = workers(module="tests.reliability.slow_worker", SLOW_BUILD_SECONDS="90")
    run = report_services.report_run_request(
        actor=personas.manager,
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 31),
        format=ReportRun.Format.CSV,
    )
    final_name = f"reports/{run.public_id.hex}.zip"
    roots = _private_roots()

    def half_file():
        return [p for root in roots for p in (root / "reports").glob(f".{run.public_id.hex}*.part")]

    wait_for(
        lambda: ReportRun.objects.get(pk=run.pk).status == ReportRun.Status.RUNNING and half_file(),
        timeout=90,
        worker=slow,
    )
    slow.kill()  # SIGKILL to the worker's process group while it is building
    run.refresh_from_db()
    assert (run.status, run.attempts, run.file.name) == (ReportRun.Status.RUNNING, 1, "")

    # The sweeper (beat, every 2 minutes) sees a run without a sign of life and queues it again.
    monkeypatch.setattr(report_services, "STALE_AFTER", datetime.timedelta(seconds=2))
    time.sleep(2.5)
    assert report_services.report_runs_sweep() == {"requeued": 1, "gave_up": 0}
    fresh = workers()
    wait_for(lambda: ReportRun.objects.get(pk=run.pk).is_finished, timeout=120, worker=fresh)
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE, run.error
    assert (run.attempts, run.progress, run.file.name) == (2, 100, final_name)

    files = [p for root in roots for p in (root / "reports").glob(f"*{run.public_id.hex}*")]
    try:
        assert [p.name for p in files] == [Path(final_name).name]  # no half file left behind
        ready = Notification.objects.filter(kind=Kind.REPORT_READY)
        assert ready.count() == 1
        assert ready.get().recipient == personas.manager
        wait_for(lambda: ready.get().email_status == EmailStatus.SENT, worker=fresh)
        # A sweep now, and a late redelivery of the first message, change nothing.
        report_services.report_runs_sweep()
        from jump.reports.tasks import build_report_run

        build_report_run.delay(run.pk)
        time.sleep(3)
        assert ReportRun.objects.get(pk=run.pk).attempts == 2
        assert ready.count() == 1
        assert len(smtp_sink.envelopes) == 1
        assert smtp_sink.envelopes[0].rcpt_tos == [personas.manager.email]
    finally:
        for path in files:
            path.unlink(missing_ok=True)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_rel_25_worker_killed_mid_reminders_sends_the_rest_once(
    coach_a_emailed_at_once, role_groups, personas, workers, smtp_sink
):
    for n in range(5):
        person = nb.participant(personas.coach_a, first_name=f"P{n}")
        nb.case_note(personas.coach_a, person, follow_up_on=DAY)
    smtp_sink.hold_at = 3  # the third e-mail is on the wire when the worker dies
    first = workers()
    assert notification_services.reminders_run(DAY).queued == 5
    wait_for(smtp_sink.holding.is_set, timeout=90, worker=first)
    first.kill()
    smtp_sink.release.set()
    assert len(smtp_sink.envelopes) == 2
    assert Notification.objects.filter(email_status=EmailStatus.SENT).count() == 2

    # Rerun: a new worker takes the messages still queued, and the run queues again what is
    # pending (here at once instead of after REQUEUE_AFTER): the rest is sent, nothing twice.
    second = workers()
    rerun = notification_services.reminders_run(DAY, requeue_after=datetime.timedelta(0))
    assert rerun.total_due == 5
    assert Notification.objects.count() == 5
    wait_for(
        lambda: Notification.objects.filter(email_status=EmailStatus.SENT).count() == 5,
        timeout=90,
        worker=second,
    )
    time.sleep(3)  # duplicates still queued would arrive now
    link = re.compile(r"/notifications/([0-9a-f-]+)/")
    sent = [link.search(_body(envelope)).group(1) for envelope in smtp_sink.envelopes]
    assert len(sent) == 5
    assert sorted(sent) == sorted(str(n.public_id) for n in Notification.objects.all())


@pytest.mark.django_db
def test_rel_25_reminder_run_crashing_halfway_is_completed_by_a_rerun(
    coach_a_emailed_at_once, personas, monkeypatch, django_capture_on_commit_callbacks
):
    """The daily run dies after some kinds (any exception in the middle); the rerun creates
    the missing reminders and sends every e-mail once."""
    person = nb.participant(personas.coach_a)
    nb.case_note(personas.coach_a, person, follow_up_on=DAY)
    nb.step(person, due_on=DAY - datetime.timedelta(days=1))
    nb.exited(personas.coach_a, exit_date=DAY - datetime.timedelta(days=182))
    kinds = notification_services.DAILY_REMINDERS
    crash_at = [r.kind for r in kinds].index(Kind.SIX_MONTH_FOLLOW_UP)

    def crash(day, due):
        raise RuntimeError("worker lost")

    broken = list(kinds)
    broken[crash_at] = type(kinds[crash_at])(
        kinds[crash_at].kind, kinds[crash_at].model, kinds[crash_at].due, crash
    )
    monkeypatch.setattr(notification_services, "DAILY_REMINDERS", tuple(broken))
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        notification_services.reminders_run(DAY)
    assert set(Notification.objects.values_list("kind", flat=True)) == {
        Kind.CONTACT_FOLLOW_UP,
        Kind.STEP_OVERDUE,
    }
    assert mail.outbox == []  # the run died before queueing e-mails

    monkeypatch.setattr(notification_services, "DAILY_REMINDERS", kinds)
    with django_capture_on_commit_callbacks(execute=True):
        notification_services.reminders_run(DAY)
    with django_capture_on_commit_callbacks(execute=True):
        notification_services.reminders_run(DAY, requeue_after=datetime.timedelta(0))
    assert Notification.objects.count() == 3
    assert len(mail.outbox) == 3
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}


def test_rel_25_every_task_is_acked_late_with_time_limits_below_the_visibility_timeout():
    """A message is handed to another worker only after the visibility timeout: every task
    must be stopped (hard time limit) before that, and is given back when its worker dies."""
    from jump.celery import app

    app.loader.import_default_modules()
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    ours = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}
    assert "jump.reports.tasks.build_report_run" in ours
    for name, task in ours.items():
        hard = task.time_limit or settings.CELERY_TASK_TIME_LIMIT
        soft = task.soft_time_limit or settings.CELERY_TASK_SOFT_TIME_LIMIT
        assert soft < hard < visibility, name
        assert task.acks_late, name
        assert task.reject_on_worker_lost or settings.CELERY_TASK_REJECT_ON_WORKER_LOST, name

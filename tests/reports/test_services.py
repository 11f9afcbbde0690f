"""Report runs as a state machine: stored first, claimed once, fenced, finished once, retried,
swept; targets; the monthly reports (SECURITY 24–26)."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jump.audit.models import AccessLog
from jump.notifications.models import Kind, Notification
from jump.reports import services
from jump.reports.models import IndicatorTarget, ReportRun, report_file_name
from jump.reports.tasks import build_report_run

from . import builders as b

D = datetime.date
pytestmark = pytest.mark.django_db


def request(actor, **kw) -> ReportRun:
    data = {"period_start": D(2026, 3, 1), "period_end": D(2026, 3, 31), "format": "csv"}
    data.update(kw)
    return services.report_run_request(actor=actor, **data)


def builds(callbacks) -> int:
    """How many of the captured after-commit callbacks queue a report build."""
    return sum(1 for c in callbacks if getattr(c, "__qualname__", "").startswith("_queue_build"))


def report_files() -> list[Path]:
    folder = Path(settings.PRIVATE_ROOT) / "reports"
    return sorted(folder.iterdir()) if folder.exists() else []


# --- requesting -----------------------------------------------------------------------------


def test_a_request_is_stored_first_and_its_task_queued_only_after_commit(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = request(personas.manager)
        assert ReportRun.objects.get(pk=run.pk).status == ReportRun.Status.QUEUED
    assert builds(callbacks) == len(callbacks) == 1
    assert run.queued_at is not None
    assert run.language == personas.manager.preferred_language
    callbacks[0]()
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE


def test_a_pseudonymised_request_is_written_to_the_access_log_as_an_export(personas):
    run = request(personas.manager)
    log = AccessLog.objects.get()
    assert log.action == AccessLog.Action.EXPORT
    assert str(run.public_id) in log.what
    assert log.participant is None


def test_a_request_must_not_end_before_it_starts(personas):
    with pytest.raises(ValidationError) as error:
        request(personas.manager, period_start=D(2026, 3, 2), period_end=D(2026, 3, 1))
    assert "period_end" in error.value.message_dict
    assert not ReportRun.objects.exists()
    assert not AccessLog.objects.exists()


def test_names_need_a_reason(personas):
    with pytest.raises(ValidationError) as error:
        request(personas.manager, with_names=True, reason="because")
    assert "reason" in error.value.message_dict


@pytest.mark.parametrize("persona", ["coach_a", "trainer", "contact_x", "outsider"])
def test_only_managers_and_admins_request_reports(personas, persona):
    with pytest.raises(PermissionDenied):
        request(getattr(personas, persona))


# --- building -------------------------------------------------------------------------------


def test_a_built_run_is_done_with_exactly_one_file_and_one_notification(personas):
    run = request(personas.manager)
    assert services.report_run_build(run_id=run.pk) is True
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE
    assert run.progress == 100
    assert run.attempts == 1
    assert run.file.name == report_file_name(run)
    assert report_files() == [Path(settings.PRIVATE_ROOT) / run.file.name]
    assert run.started_at <= run.finished_at
    notification = Notification.objects.get()
    assert notification.recipient == personas.manager
    assert notification.kind == Kind.REPORT_READY
    assert notification.object_id == run.pk


def test_running_a_done_run_again_does_nothing(personas):
    run = request(personas.manager)
    services.report_run_build(run_id=run.pk)
    first = report_files()[0].read_bytes()
    assert services.report_run_build(run_id=run.pk) is False
    build_report_run.delay(run.pk)  # a redelivered message
    run.refresh_from_db()
    assert run.attempts == 1
    assert [path.read_bytes() for path in report_files()] == [first]
    assert Notification.objects.count() == 1


def test_a_run_held_by_a_live_attempt_is_not_claimed_twice(personas):
    run = request(personas.manager)
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportRun.Status.RUNNING, attempts=1, heartbeat_at=timezone.now()
    )
    assert services.report_run_build(run_id=run.pk) is False
    run.refresh_from_db()
    assert (run.status, run.attempts) == (ReportRun.Status.RUNNING, 1)
    assert report_files() == []


def test_a_run_whose_worker_died_is_taken_over_and_finished_once(personas):
    run = request(personas.manager)
    silent_since = timezone.now() - services.STALE_AFTER - datetime.timedelta(seconds=1)
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportRun.Status.RUNNING, attempts=1, progress=40, heartbeat_at=silent_since
    )
    assert services.report_run_build(run_id=run.pk) is True
    run.refresh_from_db()
    assert (run.status, run.attempts) == (ReportRun.Status.DONE, 2)
    assert len(report_files()) == 1
    assert Notification.objects.count() == 1


def test_a_superseded_attempt_writes_nothing_and_does_not_finish_the_run(personas, monkeypatch):
    run = request(personas.manager)
    real = services.write_report

    def overtaken(**kwargs):
        real(**kwargs)
        # Meanwhile another worker took the run over (attempt 2).
        ReportRun.objects.filter(pk=run.pk).update(attempts=2)

    monkeypatch.setattr(services, "write_report", overtaken)
    assert services.report_run_build(run_id=run.pk) is False
    run.refresh_from_db()
    assert run.status == ReportRun.Status.RUNNING
    assert report_files() == []  # the temporary file is gone, nothing was moved in place
    assert not Notification.objects.exists()


def test_a_failing_build_marks_the_run_failed_with_its_reason_and_leaves_no_file(
    personas, monkeypatch
):
    def broken(**kwargs):
        Path(kwargs["path"]).write_bytes(b"half a file")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "write_report", broken)
    run = request(personas.manager)
    assert services.report_run_build(run_id=run.pk) is False
    run.refresh_from_db()
    assert run.status == ReportRun.Status.FAILED
    assert run.error == ReportRun.Error.BUILD_FAILED
    assert run.error_message == "The report could not be built because of an error."
    assert run.finished_at is not None
    assert report_files() == []


def test_a_build_stopped_by_the_time_limit_fails_with_that_reason(personas, monkeypatch):
    def slow(**kwargs):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(services, "write_report", slow)
    run = request(personas.manager)
    services.report_run_build(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.error) == (ReportRun.Status.FAILED, ReportRun.Error.TIME_LIMIT)


def test_retrying_a_failed_run_queues_it_and_it_is_built(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    run = request(personas.manager)
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportRun.Status.FAILED, error=ReportRun.Error.BUILD_FAILED, attempts=1
    )
    run.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.report_run_retry(actor=personas.manager, run=run)
    assert builds(callbacks) == 1
    run.refresh_from_db()
    assert (run.status, run.error, run.attempts) == (ReportRun.Status.DONE, "", 1)


def test_only_a_failed_run_can_be_retried(personas):
    run = request(personas.manager)
    services.report_run_build(run_id=run.pk)
    run.refresh_from_db()
    with pytest.raises(ValidationError):
        services.report_run_retry(actor=personas.manager, run=run)


# --- the sweeper ----------------------------------------------------------------------------


def test_the_sweeper_queues_runs_stuck_in_queued_and_leaves_fresh_ones(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        stuck = request(personas.manager)
        fresh = request(personas.manager)
    long_ago = timezone.now() - services.QUEUED_GRACE - datetime.timedelta(seconds=1)
    ReportRun.objects.filter(pk=stuck.pk).update(queued_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.report_runs_sweep() == {"requeued": 1, "gave_up": 0}
    assert builds(callbacks) == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == ReportRun.Status.DONE
    assert fresh.status == ReportRun.Status.QUEUED


def test_the_sweeper_requeues_a_silent_running_run_and_gives_up_after_max_attempts(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        silent = request(personas.manager)
        hopeless = request(personas.manager)
    long_ago = timezone.now() - services.STALE_AFTER - datetime.timedelta(seconds=5)
    ReportRun.objects.filter(pk=silent.pk).update(
        status=ReportRun.Status.RUNNING, attempts=1, heartbeat_at=long_ago
    )
    ReportRun.objects.filter(pk=hopeless.pk).update(
        status=ReportRun.Status.RUNNING, attempts=services.MAX_ATTEMPTS, heartbeat_at=long_ago
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_runs_sweep() == {"requeued": 1, "gave_up": 1}
    silent.refresh_from_db()
    hopeless.refresh_from_db()
    assert (silent.status, silent.attempts) == (ReportRun.Status.DONE, 2)
    assert (hopeless.status, hopeless.error) == (ReportRun.Status.FAILED, ReportRun.Error.GAVE_UP)


def test_a_broker_that_is_down_does_not_lose_the_request(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(build_report_run, "delay", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        run = request(personas.manager)
    run.refresh_from_db()
    assert run.status == ReportRun.Status.QUEUED  # stored; the sweeper will queue it


# --- monthly --------------------------------------------------------------------------------


def test_the_monthly_report_is_requested_once_per_manager_for_the_previous_month(
    personas, django_capture_on_commit_callbacks
):
    second = b.staff_user(roles=["programme_manager"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = services.monthly_reports_request(today=D(2026, 4, 1))
        again = services.monthly_reports_request(today=D(2026, 4, 1))
        later = services.monthly_reports_request(today=D(2026, 4, 17))
    assert {run.requested_by for run in created} == {personas.manager, second}
    assert again == [] and later == []
    assert builds(callbacks) == 2
    run = created[0]
    assert (run.kind, run.period_start, run.period_end) == (
        ReportRun.Kind.MONTHLY,
        D(2026, 3, 1),
        D(2026, 3, 31),
    )
    assert not run.with_names
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT, actor=None).count() == 2


def test_the_monthly_report_is_built_and_announced(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (run,) = services.monthly_reports_request(today=D(2026, 4, 1))
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE
    assert Notification.objects.get().recipient == personas.manager


# --- targets --------------------------------------------------------------------------------


def test_a_manager_sets_and_changes_a_target(personas):
    services.indicator_target_set(actor=personas.manager, code="RCO81", target_value=Decimal("200"))
    target = services.indicator_target_set(
        actor=personas.admin,
        code="RCO81",
        target_value=Decimal("250"),
        milestone_value=Decimal("100"),
        milestone_date=D(2027, 6, 30),
    )
    assert IndicatorTarget.objects.get() == target
    assert (target.target_value, target.updated_by) == (Decimal("250"), personas.admin)


def test_a_target_needs_a_known_indicator_and_a_whole_milestone(personas):
    with pytest.raises(ValidationError) as error:
        services.indicator_target_set(actor=personas.manager, code="X-1", target_value=Decimal(1))
    assert "code" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.indicator_target_set(
            actor=personas.manager,
            code="RCO81",
            target_value=Decimal(1),
            milestone_value=Decimal(1),
        )
    assert "milestone_date" in error.value.message_dict
    assert not IndicatorTarget.objects.exists()


def test_coaches_cannot_set_targets(personas):
    with pytest.raises(PermissionDenied):
        services.indicator_target_set(actor=personas.coach_a, code="RCO81", target_value=Decimal(1))

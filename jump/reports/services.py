"""Writes of the reports app: targets, report requests, building a run, retries, the sweeper and
the monthly reports.

A report run is a state machine in the database (queued → running → done | failed), so that a
request survives a broker outage and a worker crash:
- a request is stored first, then its task is queued after commit, with only the run's id;
- the task claims the run with a conditional UPDATE (queued → running, or running whose last
  sign of life is older than STALE_AFTER) that also increments `attempts` — the attempt number
  is a fencing token: progress and "done" are written only while the run still belongs to that
  attempt, so a run is finished exactly once and a superseded attempt gives up at its next step;
- the file is written under a temporary name and moved into its one final place
  (`report_file_name`), so there is never a half file and never two files for one run;
- a periodic sweeper queues again what is stuck (queued too long, or running without a sign of
  life) and gives up after MAX_ATTEMPTS.
"""

import logging
import os
import uuid
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jump.accounts.models import Partner, User
from jump.accounts.roles import Role
from jump.audit.models import AccessLog
from jump.audit.services import access_log_record

from . import access
from .exports import write_report
from .models import IndicatorTarget, ReportRun, ReportSubmission, report_file_name
from .periods import Scope, previous_month

logger = logging.getLogger(__name__)

# A running report shows a sign of life at least every few seconds while it writes rows; one
# silent for this long has lost its worker (or is superseded safely by the fencing token).
STALE_AFTER = timedelta(seconds=getattr(settings, "REPORTS_STALE_AFTER_SECONDS", 120))
# A queued report whose task has not started after this long is queued again (lost message).
QUEUED_GRACE = timedelta(seconds=getattr(settings, "REPORTS_QUEUED_GRACE_SECONDS", 300))
MAX_ATTEMPTS = 3
SWEEP_BATCH = 100


class LostClaim(Exception):
    """Another attempt has taken the run over (or it was finished): stop writing."""


# --- targets --------------------------------------------------------------------------------


@transaction.atomic
def indicator_target_set(
    *,
    actor: User,
    code: str,
    target_value: Decimal,
    milestone_value: Decimal | None = None,
    milestone_date: date | None = None,
) -> IndicatorTarget:
    """Set the target (and milestone) of one indicator; managers and admins only."""
    if not access.is_report_manager(actor):
        raise PermissionDenied
    target = IndicatorTarget.objects.select_for_update().filter(code=code).first()
    target = target or IndicatorTarget(code=code)
    target.target_value = target_value
    target.milestone_value = milestone_value
    target.milestone_date = milestone_date
    target.updated_by = actor
    target.full_clean()
    target.save()
    return target


# --- submitted reports ----------------------------------------------------------------------


@transaction.atomic
def report_submission_create(
    *,
    actor: User,
    period_start: date,
    period_end: date,
    submitted_on: date,
    reference: str,
) -> ReportSubmission:
    """Mark a period's report as submitted to the funder and freeze its figures (managers and
    admins). A period that overlaps one already submitted (the same one included) is refused
    and nothing is written."""
    from .submissions import freeze_values

    if not access.is_report_manager(actor):
        raise PermissionDenied
    submission = ReportSubmission(
        period_start=period_start,
        period_end=period_end,
        submitted_on=submitted_on,
        reference=(reference or "").strip(),
        submitted_by=actor,
    )
    # The overlap check below says more than the unique constraint's own message.
    submission.full_clean(validate_constraints=False)
    # Serialise submissions: two managers submitting overlapping periods at once must not
    # both pass the check below (the table lock is the first existing row, or nothing).
    list(ReportSubmission.objects.select_for_update().order_by("pk")[:1])
    clash = (
        ReportSubmission.objects.filter(period_start__lte=period_end, period_end__gte=period_start)
        .order_by("period_start")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "period_start": _(
                    "This period overlaps the report already submitted for %(start)s to "
                    "%(end)s (reference %(reference)s)."
                )
                % {
                    "start": clash.period_start.isoformat(),
                    "end": clash.period_end.isoformat(),
                    "reference": clash.reference,
                }
            }
        )
    submission.save()
    from .models import SubmissionValue

    SubmissionValue.objects.bulk_create(freeze_values(submission), batch_size=1000)
    return submission


def submission_for_period(period_start: date, period_end: date) -> ReportSubmission | None:
    return ReportSubmission.objects.filter(period_start=period_start, period_end=period_end).first()


# --- requesting a report --------------------------------------------------------------------


def _queue_build(run_id: int) -> None:
    """Send the build task after commit; a broker that is down loses nothing (the run is in
    the database and the sweeper queues it again)."""

    def send() -> None:
        from .tasks import build_report_run

        try:
            build_report_run.delay(run_id)
        except Exception:
            logger.exception("Report run %s could not be queued; the sweeper will retry", run_id)

    transaction.on_commit(send)


def _log_export(
    run: ReportRun,
    *,
    actor: User | None,
    request: HttpRequest | None = None,
    reason: str = "",
) -> None:
    scope = f"{run.period_start}–{run.period_end}"
    if run.partner_id:
        scope += f", partner {run.partner_id}"
    if run.country:
        scope += f", {run.country}"
    access_log_record(
        actor=actor,
        action=AccessLog.Action.EXPORT_NAMES if run.with_names else AccessLog.Action.EXPORT,
        # Language-neutral codes: the access log translates what it shows (jump.audit.labels).
        what=f"report {run.public_id} ({run.kind}, {run.format}, {scope})",
        participant=None,
        reason=reason,
        request=request,
    )


def report_run_request(
    *,
    actor: User,
    period_start: date,
    period_end: date,
    format: str,
    partner: Partner | None = None,
    country: str = "",
    with_names: bool = False,
    reason: str = "",
    csv_separator: str = "",
    decimal_mark: str = "",
    request: HttpRequest | None = None,
) -> ReportRun:
    """Store a report request, log it, and queue its build after commit (managers, admins).

    A request with names must come with a reason; the view that calls this has asked for a
    fresh login confirmation first.
    """
    if not access.is_report_manager(actor):
        raise PermissionDenied
    run = ReportRun(
        requested_by=actor,
        kind=ReportRun.Kind.ON_REQUEST,
        period_start=period_start,
        period_end=period_end,
        partner=partner,
        country=country or "",
        format=format,
        csv_separator=csv_separator,
        decimal_mark=decimal_mark,
        with_names=with_names,
        reason=reason.strip() if with_names else "",
        language=actor.preferred_language,
        queued_at=timezone.now(),
    )
    run.full_clean()
    if run.is_jems and run.with_names:
        raise ValidationError(
            {"with_names": _("The Jems table holds figures only: it has no names to include.")}
        )
    if run.is_jems and submission_for_period(period_start, period_end) is None:
        raise ValidationError(
            {
                "period_start": _(
                    "No report was submitted for exactly this period. Mark the period's report "
                    "as submitted first (Submitted reports); the Jems table shows its frozen "
                    "figures."
                )
            }
        )
    with transaction.atomic():
        run.save()
        _log_export(run, actor=actor, request=request, reason=run.reason)
        _queue_build(run.pk)
    return run


def report_run_retry(*, actor: User, run: ReportRun) -> ReportRun:
    """Queue a failed run again (its requester or an admin; the view resolved it for them)."""
    if not (run.requested_by_id == actor.pk or actor.has_role(Role.ADMIN)):
        raise PermissionDenied
    with transaction.atomic():
        updated = ReportRun.objects.filter(pk=run.pk, status=ReportRun.Status.FAILED).update(
            status=ReportRun.Status.QUEUED,
            error="",
            progress=0,
            attempts=0,
            queued_at=timezone.now(),
            started_at=None,
            heartbeat_at=None,
            finished_at=None,
        )
        if not updated:
            raise ValidationError(_("Only a report that failed can be tried again."))
        _queue_build(run.pk)
    run.refresh_from_db()
    return run


def monthly_reports_request(today: date | None = None) -> list[ReportRun]:
    """The previous month's report for every programme manager, once per manager and month.

    Run by beat every hour: the unique constraint makes every run after the first of a month
    create nothing, and a beat that was down on the 1st catches up at its next tick.
    """
    start, end = previous_month(today or timezone.localdate())
    created = []
    for manager in User.objects.with_role(Role.PROGRAMME_MANAGER).order_by("pk"):
        if ReportRun.objects.filter(
            kind=ReportRun.Kind.MONTHLY, requested_by=manager, period_start=start
        ).exists():
            continue
        try:
            with transaction.atomic():
                run = ReportRun.objects.create(
                    requested_by=manager,
                    kind=ReportRun.Kind.MONTHLY,
                    period_start=start,
                    period_end=end,
                    format=ReportRun.Format.XLSX,
                    language=manager.preferred_language,
                    queued_at=timezone.now(),
                )
                _log_export(run, actor=None, reason="monthly report (schedule)")
                _queue_build(run.pk)
        except IntegrityError:
            continue  # another beat tick created it meanwhile
        created.append(run)
    return created


# --- building -------------------------------------------------------------------------------


def _claim(run_id: int) -> int | None:
    """queued → running (or a stale running one taken over); the new attempt number or None."""
    now = timezone.now()
    updated = (
        ReportRun.objects.filter(pk=run_id, attempts__lt=MAX_ATTEMPTS)
        .filter(
            Q(status=ReportRun.Status.QUEUED)
            | Q(status=ReportRun.Status.RUNNING, heartbeat_at__lt=now - STALE_AFTER)
        )
        .update(
            status=ReportRun.Status.RUNNING,
            attempts=F("attempts") + 1,
            progress=0,
            error="",
            started_at=now,
            heartbeat_at=now,
        )
    )
    if not updated:
        return None
    return ReportRun.objects.values_list("attempts", flat=True).get(pk=run_id)


def _mine(run_id: int, attempt: int) -> QuerySet[ReportRun]:
    return ReportRun.objects.filter(pk=run_id, status=ReportRun.Status.RUNNING, attempts=attempt)


def _report_progress(run_id: int, attempt: int, percent: int) -> None:
    """Progress and a sign of life, only while the run is still this attempt's."""
    updated = _mine(run_id, attempt).update(
        progress=min(max(percent, 0), 99), heartbeat_at=timezone.now()
    )
    if not updated:
        raise LostClaim


def _fail(run_id: int, attempt: int, error: str) -> None:
    _mine(run_id, attempt).update(
        status=ReportRun.Status.FAILED, error=error, finished_at=timezone.now()
    )


def scope_of(run: ReportRun) -> Scope:
    return Scope(run.period_start, run.period_end, partner=run.partner, country=run.country)


def _remove_leftovers(final_path: Path) -> None:
    """Delete the half files of earlier attempts of this run whose worker died (SIGKILL skips
    their own clean-up). An attempt still alive loses only its own temporary file and gives up
    at its next step, since the run is no longer its own."""
    for leftover in final_path.parent.glob(f".{final_path.name}.*.part"):
        leftover.unlink(missing_ok=True)


def report_run_build(*, run_id: int) -> bool:
    """Build one run's file, if this call can claim the run; True when it finished it.

    Called by the task (any number of times for one run): a run that is done, failed, or being
    built by a live attempt is left alone.
    """
    attempt = _claim(run_id)
    if attempt is None:
        logger.info("Report run %s: nothing to do (done, failed or running elsewhere)", run_id)
        return False
    run = ReportRun.objects.select_related("requested_by", "partner").get(pk=run_id)
    final_name = report_file_name(run)
    final_path = Path(default_storage.path(final_name))
    final_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = final_path.with_name(f".{final_path.name}.{attempt}-{uuid.uuid4().hex}.part")
    try:
        with translation.override(run.language):
            write_report(
                fmt=run.format,
                scope=scope_of(run),
                with_names=run.with_names,
                csv_dialect=run.csv_dialect(),
                path=temporary,
                report_progress=partial(_report_progress, run.pk, attempt),
            )
        _report_progress(run.pk, attempt, 99)  # still ours? then the file takes its place
        os.replace(temporary, final_path)
        _remove_leftovers(final_path)
    except LostClaim:
        logger.warning("Report run %s: attempt %s was superseded", run_id, attempt)
        return False
    except SoftTimeLimitExceeded:
        logger.error("Report run %s: time limit reached", run_id)
        _fail(run.pk, attempt, ReportRun.Error.TIME_LIMIT)
        return False
    except Exception:
        logger.exception("Report run %s failed", run_id)
        _fail(run.pk, attempt, ReportRun.Error.BUILD_FAILED)
        return False
    finally:
        temporary.unlink(missing_ok=True)
    with transaction.atomic():
        finished = _mine(run.pk, attempt).update(
            status=ReportRun.Status.DONE,
            progress=100,
            file=final_name,
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
        )
        if finished:
            run.refresh_from_db()
            _announce_report_ready(run)
    return bool(finished)


def _announce_report_ready(run: ReportRun) -> None:
    """Tell the requester their report is ready: in-app and by e-mail (the notifications app),
    once per run — called in the transaction that marks it done."""
    from jump.notifications.models import Kind
    from jump.notifications.services import notify_event

    notify_event(recipient=run.requested_by, kind=Kind.REPORT_READY, obj=run)


# --- the sweeper ----------------------------------------------------------------------------


def report_runs_sweep() -> dict[str, int]:
    """Queue again the runs that are stuck; give up on those that died MAX_ATTEMPTS times."""
    now = timezone.now()
    stale = Q(status=ReportRun.Status.RUNNING, heartbeat_at__lt=now - STALE_AFTER)
    gave_up = ReportRun.objects.filter(stale, attempts__gte=MAX_ATTEMPTS).update(
        status=ReportRun.Status.FAILED, error=ReportRun.Error.GAVE_UP, finished_at=now
    )
    waiting = Q(status=ReportRun.Status.QUEUED) & (
        Q(queued_at__lt=now - QUEUED_GRACE) | Q(queued_at__isnull=True)
    )
    stuck = list(
        ReportRun.objects.filter(waiting | (stale & Q(attempts__lt=MAX_ATTEMPTS)))
        .order_by("pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for run_id in stuck:
        with transaction.atomic():
            ReportRun.objects.filter(pk=run_id).update(queued_at=now)
            _queue_build(run_id)
    if stuck or gave_up:
        logger.info("Report sweeper: %s queued again, %s given up", len(stuck), gave_up)
    return {"requeued": len(stuck), "gave_up": gave_up}

"""Celery tasks of the reports app: thin, they take ids and call a service.

Time limits stay below the broker's visibility timeout (CELERY_BROKER_TRANSPORT_OPTIONS, one
hour), so a message is never handed to a second worker while the first is still legitimately
building; `acks_late` with `reject_on_worker_lost` puts a message back when its worker dies.
"""

from celery import shared_task

from . import services

BUILD_SOFT_TIME_LIMIT = 15 * 60
BUILD_TIME_LIMIT = 16 * 60


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=BUILD_SOFT_TIME_LIMIT,
    time_limit=BUILD_TIME_LIMIT,
    ignore_result=True,
)
def build_report_run(run_id: int) -> None:
    """Build one report run (idempotent: a run that is done or held by a live attempt is left
    alone)."""
    services.report_run_build(run_id=run_id)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90, ignore_result=True)
def sweep_report_runs() -> None:
    """Queue again report runs stuck in "queued" or running without a sign of life."""
    services.report_runs_sweep()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360, ignore_result=True)
def expire_named_report_files() -> None:
    """Delete the files with names older than REPORT_FILES_WITH_NAMES_DAYS (nightly)."""
    from .file_removal import named_files_expire

    named_files_expire()


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180, ignore_result=True)
def request_monthly_reports() -> None:
    """The previous month's report for every programme manager (once per month and manager)."""
    services.monthly_reports_request()

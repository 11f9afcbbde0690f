"""Celery tasks of the notifications app: thin, idempotent, crash-safe (docs/style.md "Tasks").

- `send_daily_reminders` (beat, every morning): the daily run.
- `send_notification_email` (one per notification): retried with exponential backoff on
  transient SMTP errors; permanent errors fail at once.
- `requeue_notification_emails` (beat, every quarter of an hour): e-mails whose task was lost.
- `send_daily_digests` (beat, every morning after the reminders): one e-mail per person.
"""

import datetime

from celery import shared_task
from django.utils import timezone

from jump.lib import tasks as lib_tasks

from . import services

# Retries of one e-mail: about 1, 2, 4, 8 and 15 minutes apart (plus jitter so that many
# e-mails failing together do not come back together). Each attempt refreshes the
# notification's `email_queued_at` and every gap stays below services.REQUEUE_AFTER, so the
# sweeper never doubles a task that is only waiting for its retry.
EMAIL_MAX_RETRIES = 5
EMAIL_RETRY_BASE = 60
EMAIL_RETRY_CAP = 15 * 60


def retry_countdown(retries: int) -> float:
    """Seconds before retry number `retries` + 1: exponential, capped, with jitter."""
    return lib_tasks.retry_countdown(retries, EMAIL_RETRY_BASE, EMAIL_RETRY_CAP)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=EMAIL_MAX_RETRIES,
    soft_time_limit=60,
    time_limit=90,
    ignore_result=True,
)
def send_notification_email(self, notification_id: int) -> str:
    """Send the e-mail of one notification (at most once; see services)."""
    final_attempt = self.request.retries >= EMAIL_MAX_RETRIES
    outcome = services.notification_email_send(
        notification_id=notification_id, final_attempt=final_attempt
    )
    if outcome == services.EmailOutcome.RETRY:
        raise self.retry(countdown=retry_countdown(self.request.retries))
    return str(outcome)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=600,
    time_limit=720,
    ignore_result=True,
)
def send_daily_reminders(day: str | None = None) -> dict:
    """The daily run for `day` (ISO date; default: today in the programme's time zone)."""
    run_day = datetime.date.fromisoformat(day) if day else timezone.localdate()
    result = services.reminders_run(run_day)
    return {"day": result.day.isoformat(), "due": result.total_due, "queued": result.queued}


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=120,
    time_limit=180,
    ignore_result=True,
)
def requeue_notification_emails() -> int:
    """Queue again the e-mails still pending whose task was lost."""
    _muted, queued = services.email_queue_pending()
    return queued


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=600,
    time_limit=720,
    ignore_result=True,
)
def send_daily_digests() -> dict:
    """One e-mail per person with everything waiting for the daily digest."""
    return {str(k): v for k, v in services.digests_send().items()}

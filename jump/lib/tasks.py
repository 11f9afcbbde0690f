"""What the apps' e-mail tasks share: the Celery options of a task that sends one e-mail, and
its retry on transient mail errors — exponential waits, capped, with jitter so that many
e-mails failing together do not come back together.

    @shared_task(**MAIL_TASK)
    def send_invitation_email(self, invitation_id, base_url):
        return send_or_retry(self, invitation_send, invitation_id=invitation_id, ...)
"""

import random
import smtplib
from collections.abc import Callable

MAIL_MAX_RETRIES = 5
MAIL_RETRY_BASE = 60
MAIL_RETRY_CAP = 15 * 60

# Acknowledged after it ran (a lost worker's task runs again), within time limits below the
# broker's visibility timeout, retried at most MAIL_MAX_RETRIES times; nobody reads its result.
MAIL_TASK = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "max_retries": MAIL_MAX_RETRIES,
    "soft_time_limit": 60,
    "time_limit": 90,
    "ignore_result": True,
}


def retry_countdown(
    retries: int, base: float = MAIL_RETRY_BASE, cap: float = MAIL_RETRY_CAP
) -> float:
    """Seconds before retry number `retries` + 1: exponential, capped, with jitter."""
    return min(base * 2**retries, cap) + random.uniform(0, 10)


def send_or_retry(task, send: Callable[..., bool], **kwargs) -> bool:
    """`send(**kwargs)`; on an SMTP or connection error, the bound `task` is retried later."""
    try:
        return send(**kwargs)
    except (smtplib.SMTPException, OSError) as exc:
        raise task.retry(exc=exc, countdown=retry_countdown(task.request.retries)) from exc

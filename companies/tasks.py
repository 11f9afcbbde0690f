"""Celery tasks of the companies app: thin, take ids, retried on transient mail errors."""

import random
import smtplib

from celery import shared_task

from .services.invitations import invitation_send

MAX_RETRIES = 5


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=60,
    time_limit=90,
    ignore_result=True,
)
def send_invitation_email(self, invitation_id: int, base_url: str) -> bool:
    """E-mail one invitation (a fresh token each attempt; see `invitation_send`)."""
    try:
        return invitation_send(invitation_id=invitation_id, base_url=base_url)
    except (smtplib.SMTPException, OSError) as exc:
        countdown = min(60 * 2**self.request.retries, 900) + random.uniform(0, 10)
        raise self.retry(exc=exc, countdown=countdown) from exc

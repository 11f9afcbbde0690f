"""Celery tasks of the young people's pages: thin, take ids, call a service."""

import random
import smtplib

from celery import shared_task

from .services import (
    follow_up_send,
    follow_ups_create_due,
    youth_access_expire_after_exit,
    youth_invitation_send,
)

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
def send_youth_invitation_email(self, invitation_id: int, base_url: str) -> bool:
    """E-mail one invitation (a fresh token each attempt)."""
    try:
        return youth_invitation_send(invitation_id=invitation_id, base_url=base_url)
    except (smtplib.SMTPException, OSError) as exc:
        countdown = min(60 * 2**self.request.retries, 900) + random.uniform(0, 10)
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=600, time_limit=660)
def end_access_after_exit() -> int:
    """Daily: end the logins of young people past their partner's grace period after exit."""
    return youth_access_expire_after_exit()


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=600, time_limit=660)
def create_six_month_follow_ups() -> int:
    """Daily: the six-month follow-up e-mails of young people whose six months end today."""
    return follow_ups_create_due()


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=60,
    time_limit=90,
    ignore_result=True,
)
def send_follow_up_email(self, request_id: int) -> bool:
    """E-mail one follow-up link (a fresh token each attempt)."""
    try:
        return follow_up_send(request_id=request_id)
    except (smtplib.SMTPException, OSError) as exc:
        countdown = min(60 * 2**self.request.retries, 900) + random.uniform(0, 10)
        raise self.retry(exc=exc, countdown=countdown) from exc

"""Celery tasks of the young people's pages: thin, take ids, call a service."""

from celery import shared_task

from jump.lib.tasks import MAIL_TASK, send_or_retry

from .services import (
    follow_up_send,
    follow_ups_create_due,
    youth_access_expire_after_exit,
    youth_invitation_send,
)


@shared_task(**MAIL_TASK)
def send_youth_invitation_email(self, invitation_id: int, base_url: str) -> bool:
    """E-mail one invitation (a fresh token each attempt)."""
    return send_or_retry(
        self, youth_invitation_send, invitation_id=invitation_id, base_url=base_url
    )


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=600, time_limit=660)
def end_access_after_exit() -> int:
    """Daily: end the logins of young people past their partner's grace period after exit."""
    return youth_access_expire_after_exit()


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=600, time_limit=660)
def create_six_month_follow_ups() -> int:
    """Daily: the six-month follow-up e-mails of young people whose six months end today."""
    return follow_ups_create_due()


@shared_task(**MAIL_TASK)
def send_follow_up_email(self, request_id: int) -> bool:
    """E-mail one follow-up link (a fresh token each attempt)."""
    return send_or_retry(self, follow_up_send, request_id=request_id)

"""Celery tasks of the young people's pages: thin, take ids, call a service."""

from celery import shared_task

from jump.lib.tasks import MAIL_TASK, send_or_retry

from .services import youth_access_expire_after_exit, youth_invitation_send


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

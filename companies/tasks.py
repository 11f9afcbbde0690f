"""Celery tasks of the companies app: thin, take ids, retried on transient mail errors."""

from celery import shared_task

from jump.lib.tasks import MAIL_TASK, send_or_retry

from .services.invitations import invitation_send


@shared_task(**MAIL_TASK)
def send_invitation_email(self, invitation_id: int, base_url: str) -> bool:
    """E-mail one invitation (a fresh token each attempt; see `invitation_send`)."""
    return send_or_retry(self, invitation_send, invitation_id=invitation_id, base_url=base_url)

"""Celery tasks of the audit app: thin and idempotent (docs/style.md "Tasks")."""

from celery import shared_task

from . import erasure


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=30 * 60 - 60,
    time_limit=30 * 60,
    ignore_result=True,
)
def apply_retention() -> int:
    """Nightly (beat): erase participants whose retention end has passed. Idempotent."""
    return erasure.retention_apply().erased

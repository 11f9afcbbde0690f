"""Programme-wide Celery tasks."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "jump:worker-heartbeat"


@shared_task(acks_late=True, time_limit=30, soft_time_limit=20, ignore_result=True)
def worker_heartbeat() -> None:
    """Record that a worker is alive; /healthz shows when one was last seen."""
    cache.set(HEARTBEAT_KEY, timezone.now().isoformat(), timeout=None)

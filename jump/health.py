"""/healthz: is the database answering, is the broker answering. Public, no personal data."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"; the reason is reported
        return False, exc.__class__.__name__
    return True, "ok"


def check_broker() -> tuple[bool, str]:
    if not settings.REDIS_URL:
        return True, "eager (no broker configured)"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except redis.RedisError as exc:
        return False, exc.__class__.__name__
    return True, "ok"


def last_worker_heartbeat() -> str | None:
    from .tasks import HEARTBEAT_KEY

    return cache.get(HEARTBEAT_KEY)


@login_not_required
@never_cache
@require_GET
def healthz(request):
    checks = {"database": check_database(), "broker": check_broker()}
    healthy = all(ok for ok, _detail in checks.values())
    body = {
        "status": "ok" if healthy else "down",
        "checks": {name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()},
        # Informational: when a Celery worker last ran its heartbeat (beat sends one a minute).
        "worker_last_seen": last_worker_heartbeat() if checks["database"][0] else None,
    }
    return JsonResponse(body, status=200 if healthy else 503)

"""Writes to the access log."""

from django.http import HttpRequest

from .models import AccessLog


def access_log_record(
    *,
    actor,
    action: str,
    what: str,
    participant=None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> AccessLog:
    """Write one access record (who, role, when, whose data, what, why); never fails silently."""
    roles = ",".join(sorted(actor.role_names)) if actor is not None else ""
    return AccessLog.objects.create(
        actor=actor,
        actor_roles=roles,
        participant=participant,
        action=action,
        what=what[:200],
        reason=reason[:500],
        path=request.get_full_path()[:500] if request is not None else "",
    )

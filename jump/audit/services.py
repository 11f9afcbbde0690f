"""Writes to the access log."""

from typing import Any

from django.http import HttpRequest

from jump.accounts.models import User

from .models import AccessLog
from .reads import note_logged


def access_log_record(
    *,
    actor: User | None,
    action: str,
    what: str,
    participant: Any = None,  # the registered person model (jump.audit.registry)
    reason: str = "",
    request: HttpRequest | None = None,
) -> AccessLog:
    """Write one access record (who, role, when, whose data, what, why); never fails silently."""
    roles = ",".join(sorted(actor.role_names)) if actor is not None else ""
    note_logged()
    return AccessLog.objects.create(
        actor=actor,
        actor_roles=roles,
        participant=participant,
        action=action,
        what=what[:200],
        reason=reason[:500],
        path=request.get_full_path()[:500] if request is not None else "",
    )


def access_log_records(
    *,
    actor: User,
    action: str,
    what: str,
    participant_ids: list[int | None],
    request: HttpRequest | None = None,
) -> None:
    """One access record per participant id (None: a record naming no participant), in one
    insert — a page that showed several people's data (SECURITY 31)."""
    roles = ",".join(sorted(actor.role_names))
    path = request.get_full_path()[:500] if request is not None else ""
    note_logged()
    AccessLog.objects.bulk_create(
        AccessLog(
            actor=actor,
            actor_roles=roles,
            participant_id=participant_id,
            action=action,
            what=what[:200],
            path=path,
        )
        for participant_id in participant_ids
    )

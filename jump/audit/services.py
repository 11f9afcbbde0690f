"""Writes to the access log."""

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest

from jump.accounts.models import User

from .models import AccessLog
from .reads import note_logged

# Query parameters whose values the access log keeps: choices, ids, dates and page numbers.
# Every other value (a name typed into a search, a free text) is written as "***", so the log of
# who looked at what does not become a second copy of what was searched for.
KEPT_QUERY_VALUES = frozenset(
    {
        "action", "activity", "after", "before", "coach", "country", "date_from", "date_to",
        "day", "end", "format", "kind", "language", "mine", "min_level", "month", "o", "offer",
        "open", "outcome", "p", "page", "participant", "partner", "period", "purpose", "region",
        "scope", "since", "source", "start", "state", "status", "week", "year",
    }
)  # fmt: skip
REDACTED = "***"


def logged_path(request: HttpRequest | None) -> str:
    """The request's path and query for the access log, free-text values redacted."""
    if request is None:
        return ""
    query = [
        (key, value if key in KEPT_QUERY_VALUES else REDACTED)
        for key, values in request.GET.lists()
        for value in values
    ]
    path = request.path
    if query:
        path += "?" + urlencode(query, safe="*")
    return path[:500]


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
        path=logged_path(request),
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
    path = logged_path(request)
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

"""Every read of a participant's data is audited, not only the main pages (SECURITY 31).

Views that serve a participant's page or file write their record with `logs_access`. Everything
else that shows a participant's data — edit forms of the case file, caseload lists and searches,
htmx fragments, the company portal, the Django admin's pages — is caught here: while a request
runs, every model instance loaded that belongs to a participant (the participant itself, or a
row with a `participant` foreign key, or one reached through such a row — goals, steps) is
noted; after a successful GET of an HTML page or fragment that wrote no access record itself,
the middleware writes one record per participant shown (or one without a participant when
only their rows' ids are unknown, e.g. goals of an admin list).

Catching reads where the data is loaded rather than in each view means a new view cannot
forget the log ("checks that fail open"). Reading the audit tables themselves is not noted.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache

from django.db.models.signals import post_init

# At most this many records for one page (the longest admin list shows 100 rows).
MAX_RECORDS = 100


@dataclass
class _Reads:
    participant_ids: set[int] = field(default_factory=set)
    personal_rows: bool = False
    logged: bool = False


_current: ContextVar[_Reads | None] = ContextVar("jump_audit_reads", default=None)


def _participant_model():
    """The person model the domain registered (jump.audit.registry): the foundation names none."""
    from .registry import subject

    return subject().model


@cache
def _direct(model) -> str:
    """'participant', 'owned' (a foreign key to the participant) or ''."""
    participant_model = _participant_model()
    if issubclass(model, participant_model):
        return "participant"
    if any(
        (f.many_to_one or f.one_to_one) and f.related_model is participant_model
        for f in model._meta.concrete_fields
    ):
        return "owned"
    return ""


@cache
def _reaches_owned(model, depth: int) -> bool:
    """A foreign key of `model` leads, within `depth` steps, to a participant's own row."""
    for f in model._meta.concrete_fields:
        if not (f.many_to_one or f.one_to_one) or f.related_model in (None, model):
            continue
        if _direct(f.related_model):
            return True
        if depth > 1 and _reaches_owned(f.related_model, depth - 1):
            return True
    return False


@cache
def _kind(model) -> str:
    """'participant', 'owned', 'nested' (a participant's row further away: goals, steps) or ''."""
    if model._meta.app_label == "audit":
        return ""
    return _direct(model) or ("nested" if _reaches_owned(model, 2) else "")


def _note(sender, instance, **kwargs):
    reads = _current.get()
    if reads is None:
        return
    kind = _kind(sender)
    if kind == "participant":
        if instance.pk is not None:
            reads.participant_ids.add(instance.pk)
    elif kind == "owned":
        participant_id = next(
            (
                getattr(instance, f.attname, None)
                for f in sender._meta.concrete_fields
                if (f.many_to_one or f.one_to_one) and f.related_model is _participant_model()
            ),
            None,
        )
        if participant_id is not None:
            reads.participant_ids.add(participant_id)
        elif instance.pk is not None:
            reads.personal_rows = True
    elif kind == "nested" and instance.pk is not None:
        reads.personal_rows = True


def note_logged() -> None:
    """The request wrote its own access record (logs_access, a service): nothing to add."""
    reads = _current.get()
    if reads is not None:
        reads.logged = True


def connect() -> None:
    post_init.connect(_note, dispatch_uid="jump.audit.reads")


class ReadAuditMiddleware:
    """Writes the access records of pages that showed a participant's data (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(_Reads())
        try:
            response = self.get_response(request)
            reads = _current.get()
        finally:
            _current.reset(token)
        if (
            request.method == "GET"
            and response.status_code == 200
            and "html" in response.get("Content-Type", "")
            and not reads.logged
            and (reads.participant_ids or reads.personal_rows)
            and request.user.is_authenticated
            # The access log's own pages: reviewing the log is not reading a case file, and
            # their exports and subject access pages log themselves.
            and getattr(request.resolver_match, "app_name", "") != "audit"
        ):
            _record(request, reads)
        return response


def _record(request, reads: _Reads) -> None:
    from .models import AccessLog
    from .services import access_log_records

    match = request.resolver_match
    what = f"page {match.view_name}" if match else "page"
    if getattr(request, "htmx", False):
        what += " (fragment)"
    ids: list[int | None] = [*sorted(reads.participant_ids)[:MAX_RECORDS]] or [None]
    access_log_records(
        actor=request.user,
        action=AccessLog.Action.VIEW,
        what=what,
        participant_ids=ids,
        request=request,
    )

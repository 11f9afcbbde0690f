"""Audit pages: the access log review, the subject access export, erasure."""

import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import erasure, registry
from .access import (
    audit_reviewer_required,
    get_participant_for_erasure,
    get_participant_for_subject_access,
)
from .decorators import logs_access
from .forms import AccessLogFilterForm, ErasureForm
from .models import AccessLog
from .selectors import access_log_page
from .subject_access import subject_access_data, subject_access_json

SUBJECT_ACCESS_REASON = "subject access request (GDPR Art. 15)"


@audit_reviewer_required
@require_GET
def access_log_list(request):
    """The access log, newest first, filtered; programme managers and admins."""
    form = AccessLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    raw_before = request.GET.get("before", "")
    # ASCII digits only (int() also reads other scripts' digits), within a bigint.
    before = int(raw_before) if raw_before.isascii() and raw_before.isdigit() else None
    if before is not None and not 0 < before < 2**63:
        before = None
    records, next_before = (
        access_log_page(filters=filters, before=before)
        if not form.is_bound or form.is_valid()
        else ([], None)
    )
    query = urlencode(
        [(key, value) for key, value in request.GET.items() if key != "before" and value]
    )
    return render(
        request,
        "audit/accesslog_list.html",
        {
            "form": form,
            "records": records,
            "next_before": next_before,
            "query": query,
            "is_first_page": before is None,
        },
    )


def _subject_participant(request, public_id, **kwargs):
    return get_participant_for_subject_access(request.user, public_id)


@require_GET
@logs_access(
    AccessLog.Action.SUBJECT_ACCESS,
    what="subject access page",
    resolve=_subject_participant,
    reason=SUBJECT_ACCESS_REASON,
)
def subject_access(request, public_id, participant):
    """All data about the participant, readable, in the participant's own language."""
    language = participant.preferred_language or translation.get_language()
    with translation.override(language):
        data = subject_access_data(participant)
        response = render(
            request,
            "audit/subject_access.html",
            {"participant": participant, "data": data, "language": language},
        )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@logs_access(
    AccessLog.Action.SUBJECT_ACCESS,
    what="subject access JSON",
    resolve=_subject_participant,
    reason=SUBJECT_ACCESS_REASON,
)
def subject_access_download(request, public_id, participant):
    """The same data as a JSON file (GDPR Art. 20: a machine-readable copy)."""
    with translation.override(participant.preferred_language or translation.get_language()):
        payload = subject_access_json(subject_access_data(participant))
        body = json.dumps(payload, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="subject-access-{participant.public_id}.json"'
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def participant_erase(request, public_id):
    """GET: what erasure does and a form for the reason; POST: erase. Admins only; the access
    check comes before the re-authentication, so nobody else is asked for a password."""
    participant = get_participant_for_erasure(request.user, public_id)
    return _erase_page(request, participant)


# Erasure needs a login confirmed within the last five minutes (SECURITY 5); allauth keeps the
# POST and replays it after the confirmation.
@reauthentication_required
def _erase_page(request, participant):
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and participant.erased_at is None and form.is_valid():
        try:
            erasure.participant_erase(
                participant=participant,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The participant's personal data was erased."))
            return redirect(registry.subject().detail_url(participant))
    return render(request, "audit/erase_confirm.html", {"participant": participant, "form": form})

"""The caseload (home page of coaches and managers) and intake."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from .. import selectors, services
from ..access import case_worker_required, may_create_participant
from ..caseload_rows import caseload_rows
from ..forms import CaseloadFilterForm, ParticipantForm, add_errors
from ..services.participants import PROFILE_FIELDS


@case_worker_required
@require_GET
def caseload(request):
    """My participants (coach: own partner + shared; manager/admin: all), overdue first."""
    filter_form = CaseloadFilterForm(
        request.GET or None, choices=selectors.caseload_filter_choices(request.user)
    )
    # Keyset pages (issue 20): ?after=<public id> / ?before=<public id> / ?page=last; a cursor
    # outside the viewer's filtered caseload (or malformed) gives the first page.
    page = selectors.caseload_page(
        request.user,
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
        last=request.GET.get("page") == "last",
        **filter_form.filters(),
    )
    query = request.GET.copy()
    for name in ("page", "after", "before"):
        query.pop(name, None)
    count_text = ngettext("%(counter)s participant", "%(counter)s participants", page.count) % {
        "counter": number_format(page.count, force_grouping=True)
    }
    return render(
        request,
        "participants/caseload.html",
        {
            "filter_form": filter_form,
            "page": page,
            "rows": caseload_rows(page.rows),
            "count_text": count_text,
            "query": query.urlencode(),
            "may_create": may_create_participant(request.user),
        },
    )


@case_worker_required
@require_http_methods(["GET", "POST"])
def participant_create(request):
    """Intake by a coach, with a duplicate warning and a confirm step before saving."""
    if not may_create_participant(request.user):
        raise PermissionDenied
    form = ParticipantForm(
        request.POST or None,
        partner_id=request.user.partner_id,
        initial={"coach": request.user, "preferred_language": request.user.preferred_language},
    )
    duplicates = None
    fingerprint = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fingerprint = form.duplicate_fingerprint()
        # "Create anyway" confirms only the exact name/date of birth/e-mail that was checked.
        confirmed = request.POST.get("confirm_fingerprint") == fingerprint
        if not confirmed:
            duplicates = selectors.find_duplicates(
                request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
                email=data.get("email", ""),
            )
        if confirmed or not duplicates:
            try:
                participant = services.participant_create(
                    actor=request.user,
                    coach=data["coach"],
                    **{name: data[name] for name in PROFILE_FIELDS},
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("%(name)s was added.") % {"name": participant})
                if participant.is_minor:
                    # SECURITY 36: a minor's consent is given by a guardian; ask for it now.
                    messages.warning(
                        request,
                        _(
                            "%(name)s is under 18: record the consent with the guardian who "
                            "gives it (name, relation, how)."
                        )
                        % {"name": participant.first_name},
                    )
                    url = reverse("participants:detail", args=[participant.public_id])
                    return redirect(f"{url}#consent")
                return redirect("participants:detail", public_id=participant.public_id)
    return render(
        request,
        "participants/participant_form.html",
        {
            "form": form,
            "duplicates": duplicates,
            "fingerprint": fingerprint,
            "title": _("Intake: new participant"),
        },
    )

"""The young person's documents and what their coach shared with them (SECURITY 35), and the
coach's side: share one item, confirm a proposed six-month outcome. Thin views."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jump.lib.files import private_download
from participants import access as participants_access
from participants.forms import add_errors
from participants.models import Assessment, Contact, Document

from . import access, selectors_shared, services
from .forms_documents import OwnDocumentForm

# The kinds of item a coach can share, by the name in the URL, and their case-file section.
SHAREABLE = {
    "document": (Document, "documents"),
    "note": (Contact, "notes"),
    "assessment": (Assessment, "assessments"),
}


@access.young_person_required
def documents(request, participant):
    """GET: their documents and the upload form; POST: upload one (SECURITY 16, 33)."""
    form = OwnDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload_by_young_person(
                actor=request.user, participant=participant, file=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Thanks! Your file is saved. Your coach can see it."))
            return redirect("young_people:documents")
    return render(
        request,
        "young_people/documents.html",
        {
            "participant": participant,
            "documents": selectors_shared.documents(participant),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@access.young_person_required
def document_download(request, participant, document_id):
    """A shared or own document, as an attachment; any other id → 404."""
    document = selectors_shared.document(participant, document_id)
    if document is None:
        raise Http404
    return private_download(
        document.file, filename=document.original_name, content_type=document.content_type
    )


@access.young_person_required
def from_coach(request, participant):
    """The case notes and assessments a coach shared with them, one by one."""
    return render(
        request,
        "young_people/from_coach.html",
        {
            "participant": participant,
            "notes": selectors_shared.shared_notes(participant),
            "assessments": selectors_shared.shared_assessments(participant),
        },
    )


# --- the coach's side ----------------------------------------------------------------------


@require_POST
def coach_share(request, public_id, kind, item_id):
    """Share one document, case note or assessment with the young person, or stop sharing it
    (`shared=0`). Invisible case or item → 404; a coach who may not change it → 403."""
    if kind not in SHAREABLE:
        raise Http404
    model, section = SHAREABLE[kind]
    participant, item = participants_access.get_child_for_user(
        request.user, public_id, model, item_id
    )
    access.check_manage_access(request.user, participant)
    shared = request.POST.get("shared", "1") != "0"
    services.item_share_with_young_person(actor=request.user, item=item, shared=shared)
    if shared:
        messages.success(request, _("The young person can now see this on their own page."))
    else:
        messages.success(request, _("The young person no longer sees this."))
    return redirect(
        reverse("participants:detail", kwargs={"public_id": participant.public_id}) + f"#{section}"
    )


@require_POST
def coach_outcome_confirm(request, public_id):
    """Confirm the young person's proposed six-month outcome as it is."""
    participant = participants_access.get_participant_for_user(request.user, public_id)
    access.check_manage_access(request.user, participant)
    try:
        services.outcome_confirm(actor=request.user, participant=participant)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The six-month outcome is confirmed."))
    return redirect(
        reverse("participants:detail", kwargs={"public_id": participant.public_id}) + "#outcomes"
    )

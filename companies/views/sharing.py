"""What a young person shows a company for a placement: the coach's choice, the company's CV
download.

The company reaches the CV only through `placement_shared_cv`, which resolves the placement
through the access rules (the company's own, with a current share_with_companies consent) — a
withdrawn consent, another company or a CV that was not shared is 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jump.audit.decorators import logs_access
from jump.audit.models import AccessLog
from jump.lib.files import private_download
from participants.models import Participant

from .. import access
from ..forms import SharingForm
from ..services import placement_set_sharing
from ..services.sharing import shareable_activities, shareable_cvs, shareable_goals
from ._errors import add_service_errors


@require_http_methods(["GET", "POST"])
def placement_sharing(request, public_id):
    placement = access.get_placement_for_user(request.user, public_id, need="sharing")
    participant = placement.participant
    form = SharingForm(
        request.POST or None,
        goals=shareable_goals(participant),
        activities=shareable_activities(participant),
        cvs=shareable_cvs(participant),
        initial={
            "goals": [goal.public_id for goal in placement.shared_goals.all()],
            "activities": [activity.public_id for activity in placement.shared_activities.all()],
            "cv": placement.shared_cv.public_id if placement.shared_cv_id else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            placement_set_sharing(actor=request.user, placement=placement, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("What the company sees was saved."))
            return redirect("companies:placement_detail", public_id=placement.public_id)
    return render(
        request,
        "companies/placement_sharing.html",
        {"form": form, "placement": placement, "row": None},
    )


def _placement_with_shared_cv(request, public_id):
    placement = access.get_placement_for_user(request.user, public_id)
    if placement.shared_cv_id is None:
        raise Http404
    return placement


@require_GET
@logs_access(
    AccessLog.Action.DOWNLOAD,
    what=lambda request, placement: f"CV shared with the company (placement {placement.public_id})",
    resolve=_placement_with_shared_cv,
    as_="placement",
    participant=lambda placement: Participant(pk=placement.participant_id),
)
def placement_shared_cv(request, public_id, placement):
    document = placement.shared_cv
    return private_download(
        document.file, filename=document.original_name, content_type=document.content_type
    )

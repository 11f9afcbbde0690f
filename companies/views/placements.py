"""Placements: propose, the flow proposed → accepted | declined → active → completed | aborted,
the mentor, the cross-border checklist and feedback.

A company contact's pages are built from `selectors.SharedPlacement` rows only (first name,
languages, the placement); staff pages get the full placement.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jump.audit.decorators import logs_access
from jump.audit.models import AccessLog
from participants.models import Participant

from .. import access, selectors, services
from ..forms import (
    ChecklistForm,
    DateForm,
    DeclineForm,
    FeedbackForm,
    MentorForm,
    ProposeForm,
)
from ..models import Offer, Placement, PlacementFeedback
from ._errors import add_service_errors, message_of

FINISHED = (Placement.Status.COMPLETED, Placement.Status.ABORTED, Placement.Status.DECLINED)


def _heading_row(user, placement):
    """For a company contact, the placement as their company may see it (for page headings)."""
    if access.is_company_side(user):
        return selectors.shared_placement(user=user, placement=placement)
    return None


def _visible_placement(request, public_id, **kwargs):
    return access.get_placement_for_user(request.user, public_id)


def _placement_page(request, placement) -> str:
    if access.is_company_side(request.user):
        return "placement (company portal: first name, languages)"
    return "placement"


def _participant_by_key(placement):
    """The access record references the participant by key only: a company contact's request
    never loads the participant's row."""
    return Participant(pk=placement.participant_id)


def _to_detail(placement):
    return redirect("companies:placement_detail", public_id=placement.public_id)


def proposal_list(request):
    """Proposals waiting for an answer."""
    user = request.user
    if access.is_company_side(user):
        rows = selectors.shared_placements(user=user, statuses=[Placement.Status.PROPOSED])
        return render(request, "companies/proposal_list.html", {"shared": rows})
    if not access.is_staff_reader(user):
        raise PermissionDenied
    placements = selectors.placement_list(user=user, statuses=[Placement.Status.PROPOSED])
    return render(request, "companies/proposal_list.html", {"placements": placements})


def placement_list(request):
    """Current and past placements (a company contact: their company's)."""
    user = request.user
    status = request.GET.get("status", "")
    statuses = [status] if status in Placement.Status.values else None
    context = {"status": status, "statuses": Placement.Status.choices}
    if access.is_company_side(user):
        rows = selectors.shared_placements(
            user=user,
            statuses=statuses
            or [s for s in Placement.Status.values if s != Placement.Status.PROPOSED],
        )
        context["shared"] = rows
    elif access.is_staff_reader(user):
        context["placements"] = selectors.placement_list(user=user, statuses=statuses)
    else:
        raise PermissionDenied
    return render(request, "companies/placement_list.html", context)


@logs_access(
    AccessLog.Action.VIEW,
    what=_placement_page,
    resolve=_visible_placement,
    as_="placement",
    participant=_participant_by_key,
)
def placement_detail(request, public_id, placement):
    user = request.user
    side = access.feedback_side(user, placement)
    if access.is_company_side(user):
        return render(
            request,
            "companies/placement_shared_detail.html",
            {
                "row": selectors.shared_placement(user=user, placement=placement),
                "feedback": selectors.placement_feedback(user=user, placement=placement).get(
                    PlacementFeedback.Side.COMPANY
                ),
                "decline_form": DeclineForm(instance=placement),
                "mentor_form": MentorForm(instance=placement),
                "can_decide": access.can_decide_placement(user, placement),
                "can_progress": access.can_progress_placement(user, placement),
            },
        )
    placement = selectors.placement_list(user=user).get(pk=placement.pk)
    languages = selectors.latest_language_skills([placement.participant_id])
    return render(
        request,
        "companies/placement_detail.html",
        {
            "placement": placement,
            "language_skills": languages.get(placement.participant_id, []),
            "feedback": selectors.placement_feedback(user=user, placement=placement),
            "feedback_side": side,
            "decline_form": DeclineForm(instance=placement),
            "mentor_form": MentorForm(instance=placement),
            "checklist_form": ChecklistForm(instance=placement),
            "can_decide": access.can_decide_placement(user, placement),
            "can_progress": access.can_progress_placement(user, placement),
            "can_checklist": access.can_edit_checklist(user, placement),
            "can_share": access.can_edit_sharing(user, placement)
            and placement.status in Placement.OPEN,
            "shared": selectors.placement_shared_items(placement),
            "Status": Placement.Status,
        },
    )


def placement_propose(request, public_id):
    """A coach proposes a young person of their caseload (with sharing consent) for an offer."""
    offer = access.get_offer_for_user(request.user, public_id, need="propose")
    if offer.status != Offer.Status.PUBLISHED:
        messages.error(request, _("Young people can only be proposed for a published offer."))
        return redirect("companies:offer_detail", public_id=offer.public_id)
    participants = selectors.proposable_for_offer(user=request.user, offer=offer)
    form = ProposeForm(
        request.POST or None,
        participants=participants,
        initial={"start_date": offer.start_date, "end_date": offer.end_date},
    )
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_propose(
                actor=request.user, offer=offer, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s was proposed for %(offer)s.")
                % {"name": placement.participant.first_name, "offer": offer.title},
            )
            return _to_detail(placement)
    return render(request, "companies/placement_propose.html", {"form": form, "offer": offer})


@require_POST
def placement_accept(request, public_id):
    placement = access.get_placement_for_user(request.user, public_id, need="decide")
    try:
        placement = services.placement_accept(actor=request.user, placement=placement)
    except ValidationError as exc:
        messages.error(request, message_of(exc))
    else:
        messages.success(request, _("The proposal was accepted."))
    return _to_detail(placement)


def placement_decline(request, public_id):
    placement = access.get_placement_for_user(request.user, public_id, need="decide")
    form = DeclineForm(request.POST or None, instance=placement)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_decline(
                actor=request.user,
                placement=placement,
                reason=form.cleaned_data["decline_reason"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                add_service_errors(form, exc)
            else:
                messages.error(request, message_of(exc))
                return _to_detail(placement)
        else:
            messages.success(request, _("The proposal was declined."))
            return _to_detail(placement)
    return render(
        request,
        "companies/placement_decline.html",
        {"form": form, "placement": placement, "row": _heading_row(request.user, placement)},
    )


def _transition(request, public_id, service, success_message, date_argument):
    placement = access.get_placement_for_user(request.user, public_id, need="progress")
    form = DateForm(request.POST)
    if not form.is_valid():
        messages.error(request, message_of(ValidationError(form.errors["date"])))
        return _to_detail(placement)
    try:
        placement = service(
            actor=request.user, placement=placement, **{date_argument: form.cleaned_data["date"]}
        )
    except ValidationError as exc:
        messages.error(request, message_of(exc))
    else:
        messages.success(request, success_message)
    return _to_detail(placement)


@require_POST
def placement_start(request, public_id):
    return _transition(
        request, public_id, services.placement_start, _("The placement has started."), "start_date"
    )


@require_POST
def placement_complete(request, public_id):
    return _transition(
        request,
        public_id,
        services.placement_complete,
        _("The placement is completed. Please give your feedback."),
        "end_date",
    )


@require_POST
def placement_abort(request, public_id):
    return _transition(
        request, public_id, services.placement_abort, _("The placement was aborted."), "end_date"
    )


def placement_mentor(request, public_id):
    placement = access.get_placement_for_user(request.user, public_id, need="progress")
    form = MentorForm(request.POST or None, instance=placement)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_set_mentor(
                actor=request.user, placement=placement, **form.cleaned_data
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                add_service_errors(form, exc)
            else:
                messages.error(request, message_of(exc))
                return _to_detail(placement)
        else:
            messages.success(request, _("The mentor was saved."))
            return _to_detail(placement)
    return render(
        request,
        "companies/placement_mentor.html",
        {"form": form, "placement": placement, "row": _heading_row(request.user, placement)},
    )


@require_POST
def placement_checklist(request, public_id):
    placement = access.get_placement_for_user(request.user, public_id, need="checklist")
    form = ChecklistForm(request.POST, instance=placement)
    if form.is_valid():
        try:
            services.placement_update_checklist(
                actor=request.user, placement=placement, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, message_of(exc))
        else:
            messages.success(request, _("The checklist was saved."))
    else:
        messages.error(request, _("The checklist could not be saved."))
    return _to_detail(placement)


def placement_feedback(request, public_id):
    user = request.user
    placement = access.get_placement_for_user(user, public_id, need="feedback")
    side = access.feedback_side(user, placement)
    if placement.status not in Placement.FEEDBACK_OPEN:
        messages.error(request, _("Feedback can be given once the placement has started."))
        return _to_detail(placement)
    existing = selectors.feedback_given(placement=placement, side=side)
    instance = existing or PlacementFeedback(placement=placement, side=side)
    form = FeedbackForm(request.POST or None, instance=instance, side=side)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_feedback_save(actor=user, placement=placement, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you: the feedback was saved."))
            return _to_detail(placement)
    return render(
        request,
        "companies/placement_feedback_form.html",
        {
            "form": form,
            "placement": placement,
            "row": _heading_row(user, placement),
            "side": side,
            "is_company_side": access.is_company_side(user),
        },
    )

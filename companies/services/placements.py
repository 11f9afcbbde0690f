"""Writes for placements: propose, accept or decline, start, complete, abort; mentor, checklist,
feedback.

Capacity: an offer never has more accepted + active placements than places. Every service that
can change that number locks the offer row first (`select_for_update`), so two people taking the
last place at the same moment are served one after the other and the second is told it is gone.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from jump.accounts.models import User
from participants.models import Participant

from .. import access
from .. import notify as tell
from ..models import Offer, Placement, PlacementFeedback


def _status_error(placement: Placement) -> ValidationError:
    # Translated at call time, in the language of the request.
    messages: dict[str, str] = {
        Placement.Status.DECLINED: _("This proposal was already declined."),
        Placement.Status.ACCEPTED: _("This proposal was already accepted."),
        Placement.Status.ACTIVE: _("This placement has already started."),
        Placement.Status.COMPLETED: _("This placement is already completed."),
        Placement.Status.ABORTED: _("This placement was aborted."),
        Placement.Status.PROPOSED: _("This placement is still a proposal."),
    }
    return ValidationError(messages[placement.status], code=f"status_{placement.status}")


def derive_cross_border(participant: Participant, offer: Offer) -> bool:
    """A placement is cross-border when the young person lives in another country."""
    return participant.country_of_residence != offer.company.country


def _lock(actor: User, placement: Placement) -> Placement:
    """Re-read the placement under a row lock, through the actor's visibility (consent)."""
    try:
        return (
            Placement.objects.visible_to(actor)
            .select_for_update(of=("self",))
            .select_related("offer__company", "participant")
            .get(pk=placement.pk)
        )
    except Placement.DoesNotExist:
        raise Http404 from None


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def placement_propose(
    *,
    actor: User,
    offer: Offer,
    participant: Participant,
    start_date: date | None = None,
    end_date: date | None = None,
) -> Placement:
    """Propose a participant for a published offer (coach or admin).

    Re-checks that the actor sees the participant and that the participant's current
    share_with_companies consent is given; whoever built the choice list, the service decides.
    """
    _require(access.can_propose(actor, offer))
    if not access.proposable_participants(actor).filter(pk=participant.pk).exists():
        raise ValidationError(
            {
                "participant": _(
                    "This young person cannot be proposed: they are not in your caseload or "
                    "have not consented to sharing their data with companies."
                )
            },
            code="not_proposable",
        )
    locked_offer = Offer.objects.select_for_update().select_related("company").get(pk=offer.pk)
    if locked_offer.status != Offer.Status.PUBLISHED:
        raise ValidationError(
            _("Young people can only be proposed for a published offer."), code="not_published"
        )
    if locked_offer.placements.taking_places().count() >= locked_offer.places:
        raise ValidationError(_("All places of this offer are taken."), code="offer_full")
    if locked_offer.placements.filter(participant=participant, status__in=Placement.OPEN).exists():
        raise ValidationError(
            {
                "participant": _(
                    "This young person is already proposed for or placed in this offer."
                )
            },
            code="already_proposed",
        )
    placement = Placement(
        participant=participant,
        offer=locked_offer,
        proposed_by=actor,
        start_date=start_date or locked_offer.start_date,
        end_date=end_date or locked_offer.end_date,
        cross_border=derive_cross_border(participant, locked_offer),
    )
    placement.full_clean()
    placement.save()
    tell.proposal_made(actor=actor, placement=placement)
    return placement


@transaction.atomic
def placement_accept(*, actor: User, placement: Placement) -> Placement:
    """Accept a proposal (the company or a coach) if a place is free; the offer row is locked."""
    # Lock order everywhere: offer, then placement.
    offer = Offer.objects.select_for_update().get(pk=placement.offer_id)
    locked = _lock(actor, placement)
    _require(access.can_decide_placement(actor, locked))
    if locked.status != Placement.Status.PROPOSED:
        raise _status_error(locked)
    if offer.status != Offer.Status.PUBLISHED:
        raise ValidationError(
            _("This offer is not published, so no proposal can be accepted."),
            code="not_published",
        )
    if offer.placements.taking_places().count() >= offer.places:
        raise ValidationError(
            _(
                "All places of this offer are already taken, so this proposal could not be "
                "accepted. Nothing was changed."
            ),
            code="offer_full",
        )
    locked.status = Placement.Status.ACCEPTED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.cross_border = derive_cross_border(locked.participant, locked.offer)
    locked.full_clean()
    locked.save()
    tell.proposal_decided(actor=actor, placement=locked)
    return locked


@transaction.atomic
def placement_decline(*, actor: User, placement: Placement, reason: str) -> Placement:
    """Decline a proposal with a reason (the company or a coach)."""
    locked = _lock(actor, placement)
    _require(access.can_decide_placement(actor, locked))
    if locked.status != Placement.Status.PROPOSED:
        raise _status_error(locked)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"decline_reason": _("Please say why the proposal is declined.")},
            code="reason_missing",
        )
    locked.status = Placement.Status.DECLINED
    locked.decline_reason = reason
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.full_clean()
    locked.save()
    tell.proposal_decided(actor=actor, placement=locked)
    return locked


@transaction.atomic
def placement_start(
    *, actor: User, placement: Placement, start_date: date | None = None
) -> Placement:
    """Accepted → active, from `start_date` (default: the planned start, else today)."""
    locked = _lock(actor, placement)
    _require(access.can_progress_placement(actor, locked))
    if locked.status != Placement.Status.ACCEPTED:
        raise _status_error(locked)
    locked.status = Placement.Status.ACTIVE
    locked.start_date = start_date or locked.start_date or timezone.localdate()
    locked.started_on = locked.start_date
    locked.cross_border = derive_cross_border(locked.participant, locked.offer)
    locked.full_clean()
    locked.save()
    return locked


def _finish(
    actor: User,
    placement: Placement,
    *,
    allowed_from: Iterable[str],
    status: str,
    end_date: date | None,
) -> Placement:
    locked = _lock(actor, placement)
    _require(access.can_progress_placement(actor, locked))
    if locked.status not in allowed_from:
        raise _status_error(locked)
    was_active = locked.status == Placement.Status.ACTIVE
    locked.status = status
    if was_active:
        locked.end_date = end_date or timezone.localdate()
        locked.ended_on = locked.end_date
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def placement_complete(
    *, actor: User, placement: Placement, end_date: date | None = None
) -> Placement:
    """Active → completed; the end date defaults to today."""
    return _finish(
        actor,
        placement,
        allowed_from=(Placement.Status.ACTIVE,),
        status=Placement.Status.COMPLETED,
        end_date=end_date,
    )


@transaction.atomic
def placement_abort(
    *, actor: User, placement: Placement, end_date: date | None = None
) -> Placement:
    """Accepted or active → aborted (frees the place); an active one ends today by default."""
    return _finish(
        actor,
        placement,
        allowed_from=(Placement.Status.ACCEPTED, Placement.Status.ACTIVE),
        status=Placement.Status.ABORTED,
        end_date=end_date,
    )


@transaction.atomic
def placement_set_mentor(
    *, actor: User, placement: Placement, mentor_name: str, mentor_contact: str
) -> Placement:
    """Record the company mentor (the company or the coach)."""
    locked = _lock(actor, placement)
    _require(access.can_progress_placement(actor, locked))
    if locked.status in (Placement.Status.DECLINED, Placement.Status.ABORTED):
        raise _status_error(locked)
    locked.mentor_name = mentor_name
    locked.mentor_contact = mentor_contact
    locked.full_clean()
    locked.save(update_fields=["mentor_name", "mentor_contact", "updated_at"])
    return locked


@transaction.atomic
def placement_update_checklist(
    *,
    actor: User,
    placement: Placement,
    health_insurance_card: bool,
    tax_card: bool,
    accident_insurance: bool,
    travel_arranged: bool,
) -> Placement:
    """Tick the cross-border checklist (coach or admin) of a cross-border placement."""
    locked = _lock(actor, placement)
    _require(access.can_edit_checklist(actor, locked))
    if not locked.cross_border:
        raise ValidationError(
            _("Only a cross-border placement has a checklist."), code="not_cross_border"
        )
    locked.health_insurance_card = health_insurance_card
    locked.tax_card = tax_card
    locked.accident_insurance = accident_insurance
    locked.travel_arranged = travel_arranged
    locked.save(
        update_fields=[
            "health_insurance_card",
            "tax_card",
            "accident_insurance",
            "travel_arranged",
            "updated_at",
        ]
    )
    return locked


@transaction.atomic
def placement_feedback_save(
    *,
    actor: User,
    placement: Placement,
    punctuality: int,
    motivation: int,
    skills: int,
    language: int,
    would_hire: bool,
    comments: str = "",
) -> PlacementFeedback:
    """Save the actor's side of the feedback (company contact: the company's; coach: the coach's).

    Possible once the placement has started; saving again updates it.
    """
    locked = _lock(actor, placement)
    side = access.feedback_side(actor, locked)
    if side is None:
        raise PermissionDenied
    if locked.status not in Placement.FEEDBACK_OPEN:
        raise ValidationError(
            _("Feedback can be given once the placement has started."), code="feedback_too_early"
        )
    feedback = PlacementFeedback.objects.filter(placement=locked, side=side).first()
    if feedback is None:
        feedback = PlacementFeedback(placement=locked, side=side)
    feedback.author = actor
    feedback.punctuality = punctuality
    feedback.motivation = motivation
    feedback.skills = skills
    feedback.language = language
    feedback.would_hire = would_hire
    feedback.comments = comments
    feedback.full_clean()
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError:
        raise ValidationError(
            _("Someone else saved this feedback at the same moment. Please reload the page."),
            code="feedback_conflict",
        ) from None
    tell.feedback_given(actor=actor, feedback=feedback)
    return feedback

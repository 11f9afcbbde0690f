"""Who hears of what the other side did with offers, placements and support (issue 17).

Each function is called by one service inside its transaction, with the acting person; the
notification app decides delivery (at once, digest, never) and checks that each recipient may
see the object (jump.notifications.services.notify).
"""

from jump.accounts.models import User
from jump.accounts.roles import Role
from jump.notifications.models import Kind
from jump.notifications.services import notify

from .models import Company, Placement, PlacementFeedback, SupportNeed


def company_contacts(company: Company):
    """The active contacts of `company`."""
    return User.objects.filter(
        company=company, is_active=True, groups__name=Role.COMPANY_CONTACT
    ).distinct()


def partner_coaches(company: Company):
    """The active coaches of the company's responsible partner."""
    if company.responsible_partner_id is None:
        return User.objects.none()
    return User.objects.filter(
        partner_id=company.responsible_partner_id, is_active=True, groups__name=Role.COACH
    ).distinct()


def _coach_of(placement: Placement) -> User | None:
    return placement.proposed_by or placement.participant.coach


def proposal_made(*, actor: User, placement: Placement) -> None:
    """A proposal → the company's contacts (asks for an answer)."""
    for contact in company_contacts(placement.offer.company):
        notify(actor=actor, recipient=contact, kind=Kind.PLACEMENT_PROPOSED, obj=placement)


def proposal_decided(*, actor: User, placement: Placement) -> None:
    """Accepted or declined (the reason is on the placement's page) → the proposing coach."""
    kind = (
        Kind.PLACEMENT_ACCEPTED
        if placement.status == Placement.Status.ACCEPTED
        else Kind.PLACEMENT_DECLINED
    )
    coach = _coach_of(placement)
    if coach is not None:
        notify(actor=actor, recipient=coach, kind=kind, obj=placement)


def feedback_given(*, actor: User, feedback: PlacementFeedback) -> None:
    """The company's feedback → the young person's coach (and the proposer, if another)."""
    if feedback.side != PlacementFeedback.Side.COMPANY:
        return
    placement = feedback.placement
    for coach in {c for c in (placement.participant.coach, placement.proposed_by) if c}:
        notify(actor=actor, recipient=coach, kind=Kind.PLACEMENT_FEEDBACK_GIVEN, obj=placement)


def support_requested(*, actor: User, need: SupportNeed) -> None:
    """A support request → the coaches of the company's responsible partner."""
    for coach in partner_coaches(need.company):
        notify(actor=actor, recipient=coach, kind=Kind.SUPPORT_REQUESTED, obj=need)


def support_logged(*, actor: User, need: SupportNeed) -> None:
    """Support logged → the company's contacts."""
    for contact in company_contacts(need.company):
        notify(actor=actor, recipient=contact, kind=Kind.SUPPORT_ACTION_LOGGED, obj=need)

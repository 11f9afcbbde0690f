"""What a young person does on their own pages: tick a step done, withdraw a consent. Each
tells their coach through jump.notifications."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from jump.accounts.models import User
from jump.notifications.models import Kind
from jump.notifications.services import notify_event
from participants.models import Consent, Participant, Step
from participants.next_due import recompute_next_due
from participants.services.special_category import special_category_clear_after_withdrawal

from .. import access


def _tell_coach(participant: Participant, kind: str, obj: Model) -> None:
    coach = participant.coach if participant.coach_id is not None else None
    if coach is not None and coach.is_active:
        notify_event(recipient=coach, kind=kind, obj=obj)


@transaction.atomic
def step_tick_by_young_person(
    *, actor: User, participant: Participant, step_public_id: UUID | str
) -> Step:
    """The young person marks one of their own steps done today; their coach is told (and may
    reopen it). A step deleted meanwhile or already done → ValidationError; another person's
    step → PermissionDenied (the view answers 404 before)."""
    access.check_own(actor, participant)
    step = (
        Step.objects.select_for_update()
        .filter(goal__plan__participant=participant, public_id=step_public_id)
        .first()
    )
    if step is None:
        raise ValidationError(_("This step is gone. Your coach may have changed your plan."))
    if step.done_on is not None:
        raise ValidationError(_("This step is already done."))
    step.done_on = timezone.localdate()
    step.save(update_fields=["done_on", "updated_at"])
    recompute_next_due([participant.pk])
    _tell_coach(participant, Kind.STEP_TICKED, step)
    return step


@transaction.atomic
def consent_withdraw_by_young_person(
    *, actor: User, participant: Participant, purpose: str
) -> Consent:
    """The young person withdraws one of their consents: a new row of the ledger (the old one
    unchanged), in force from the next request (SECURITY 10); the coach is told. Withdrawing
    what is not given → ValidationError."""
    access.check_own(actor, participant)
    if purpose not in Consent.Purpose.values:
        raise ValidationError(_("Choose a purpose."))
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    latest = (
        Consent.objects.filter(participant=participant, purpose=purpose)
        .order_by("-recorded_at", "-pk")
        .first()
    )
    if latest is None or not latest.given:
        raise ValidationError(_("You have already said no to this."))
    consent = Consent(
        participant=participant,
        purpose=purpose,
        given=False,
        evidence=_("Withdrawn by the young person on their own page."),
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    if purpose == Consent.Purpose.SPECIAL_CATEGORY:
        # SECURITY 38: the disability and health data go with the consent, in this transaction.
        special_category_clear_after_withdrawal(actor=actor, participant=participant)
    _tell_coach(participant, Kind.CONSENT_WITHDRAWN, consent)
    return consent

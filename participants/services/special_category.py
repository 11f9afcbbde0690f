"""Special-category data (GDPR Art. 9, SECURITY 38): a participant's disability and health-related
support needs are stored only while their explicit consent for that purpose holds, and are
cleared in the same transaction as the consent's withdrawal."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jump.accounts.models import User
from jump.audit.models import AccessLog
from jump.audit.services import access_log_record

from .. import access
from ..models import Consent, Participant

SPECIAL_CATEGORY_FIELDS = ("disability", "health_support_needs")
PURPOSE = Consent.Purpose.SPECIAL_CATEGORY
# The access log's "what" of a clearing (jump/audit/labels.py shows it translated).
CLEARED = "special-category data cleared (consent withdrawn)"


def special_category_consent_holds(participant: Participant) -> bool:
    """Whether the participant's latest consent record for special-category data is a consent
    given (no actor: a read of one's own ledger, used by the services and the pages)."""
    latest = (
        Consent.objects.filter(participant=participant, purpose=PURPOSE)
        .order_by("-recorded_at", "-pk")
        .values_list("given", flat=True)
        .first()
    )
    return bool(latest)


def special_category_update(
    *, actor: User, participant: Participant, disability: str = "", health_support_needs: str = ""
) -> Participant:
    """Record or change the special-category data (coaches who may change the participant).
    A value is refused, on its field, while the explicit consent does not hold; emptying the
    fields is always allowed."""
    if not access.may_change_participant(actor, participant):
        raise PermissionDenied
    values = {
        "disability": (disability or "").strip(),
        "health_support_needs": (health_support_needs or "").strip(),
    }
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if not special_category_consent_holds(participant):
            message = _(
                "Record the young person's explicit consent to disability and health data "
                "first (Consent); without it this is not stored."
            )
            errors = {name: message for name, value in values.items() if value}
            if errors:
                raise ValidationError(errors)
        for name, value in values.items():
            setattr(participant, name, value)
        participant.full_clean(
            exclude=["partner", "coach"], validate_unique=False, validate_constraints=False
        )
        participant.save(update_fields=[*SPECIAL_CATEGORY_FIELDS, "updated_at"])
    return participant


def special_category_clear_after_withdrawal(*, actor: User, participant: Participant) -> bool:
    """Clear the special-category data once the consent no longer holds, and write it to the
    access log (who, whose, when). Called inside the consent services' transaction after they
    checked the actor (the coach's consent_record, the young person's own withdrawal); the
    actor is only written down. Returns whether anything was cleared; with the consent still
    given it clears nothing."""
    if special_category_consent_holds(participant):
        return False
    cleared = Participant.objects.filter(pk=participant.pk).exclude(
        disability="", health_support_needs=""
    )
    if not cleared.update(disability="", health_support_needs=""):
        return False
    participant.disability = participant.health_support_needs = ""
    access_log_record(
        actor=actor, action=AccessLog.Action.ERASE, what=CLEARED, participant=participant
    )
    return True

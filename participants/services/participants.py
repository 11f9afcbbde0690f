"""Writes about the person: intake, profile, status flow, consent ledger, languages, sharing."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from jump.accounts.models import User

from ..models import Consent, LanguageSkill, Participant, ParticipantShare

S = Participant.Status

# The status flow: interested → enrolled → active → completed | dropped_out (and an enrolled
# person may drop out before becoming active).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.INTERESTED: (S.ENROLLED,),
    S.ENROLLED: (S.ACTIVE, S.DROPPED_OUT),
    S.ACTIVE: (S.COMPLETED, S.DROPPED_OUT),
    S.COMPLETED: (),
    S.DROPPED_OUT: (),
}
LEAVING = (S.COMPLETED, S.DROPPED_OUT)

# What intake and the profile form may set; partner, coach and status are never among them.
PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "gender",
    "email",
    "phone",
    "street",
    "postcode",
    "municipality",
    "country_of_residence",
    "education_level",
    "labour_market_status",
    "preferred_language",
    "entry_date",
)


def _check_coach(*, coach: User, partner_id: int) -> None:
    if not (coach.is_active and coach.has_role("coach") and coach.partner_id == partner_id):
        raise ValidationError({"coach": _("Choose a coach of your own partner organisation.")})


def participant_create(*, actor: User, coach: User | None = None, **fields) -> Participant:
    """Intake by a coach: the participant belongs to the actor's partner; the coach is the actor
    or another coach of that partner. Status starts at interested."""
    if not (actor.has_role("coach") and actor.partner_id):
        raise PermissionDenied
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"participant_create got unexpected fields: {sorted(unknown)}")
    coach = coach or actor
    _check_coach(coach=coach, partner_id=actor.partner_id)
    participant = Participant(
        **fields, partner_id=actor.partner_id, coach=coach, status=Participant.Status.INTERESTED
    )
    participant.full_clean()
    with transaction.atomic():
        participant.save()
    return participant


def participant_update(
    *, actor: User, participant: Participant, coach: User | None = None, **fields
) -> Participant:
    """Change the profile (and the coach, within the participant's partner)."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"participant_update got unexpected fields: {sorted(unknown)}")
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        for name, value in fields.items():
            setattr(participant, name, value)
        if coach is not None and coach.pk != participant.coach_id:
            _check_coach(coach=coach, partner_id=participant.partner_id)
            participant.coach = coach
        participant.full_clean()
        participant.save()
    return participant


def allowed_statuses(participant: Participant) -> tuple[str, ...]:
    """The statuses `participant` may move to from where it is now."""
    return TRANSITIONS.get(participant.status, ())


def participant_change_status(
    *,
    actor: User,
    participant: Participant,
    status: str,
    entry_date: datetime.date | None = None,
    exit_date: datetime.date | None = None,
    exit_reason: str = "",
) -> Participant:
    """Move along the status flow. Enrolling needs an entry date; leaving (completed, dropped
    out) needs an exit date (not before entry, not in the future) and a reason."""
    today = timezone.localdate()
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if status not in allowed_statuses(participant):
            raise ValidationError(
                {
                    "status": _("A participant who is %(current)s cannot become %(new)s.")
                    % {
                        "current": participant.get_status_display().lower(),
                        "new": str(dict(S.choices).get(status, status)).lower(),
                    }
                }
            )
        errors = {}
        if entry_date is not None:
            participant.entry_date = entry_date
        if status == S.ENROLLED and participant.entry_date is None:
            errors["entry_date"] = _("Enter the date the participant entered the programme.")
        if participant.entry_date and participant.entry_date > today:
            errors["entry_date"] = _("The entry date cannot be in the future.")
        if status in LEAVING:
            exit_reason = (exit_reason or "").strip()
            if exit_date is None:
                errors["exit_date"] = _("Enter the date the participant left the programme.")
            elif exit_date > today:
                errors["exit_date"] = _("The exit date cannot be in the future.")
            elif participant.entry_date and exit_date < participant.entry_date:
                errors["exit_date"] = _(
                    "The exit date cannot be before the entry date (%(entry)s)."
                ) % {"entry": formats.date_format(participant.entry_date, "SHORT_DATE_FORMAT")}
            elif participant.entry_date is None:
                errors["exit_date"] = _("The participant has no entry date.")
            if not exit_reason:
                errors["exit_reason"] = _("Give the reason for leaving.")
            participant.exit_date = exit_date
            participant.exit_reason = exit_reason
        if errors:
            raise ValidationError(errors)
        participant.status = status
        participant.full_clean()
        participant.save()
    return participant


def consent_record(
    *, actor: User, participant: Participant, purpose: str, given: bool, evidence: str = ""
) -> Consent:
    """Add a row to the consent ledger (earlier rows are never changed). Giving needs evidence
    of how it was given; withdrawing something not given is refused."""
    if purpose not in Consent.Purpose.values:
        raise ValidationError({"purpose": _("Choose a purpose.")})
    evidence = (evidence or "").strip()
    with transaction.atomic():
        # Lock the participant: two clicks at once must not both decide on the same state.
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        latest = (
            Consent.objects.filter(participant=participant, purpose=purpose)
            .order_by("-recorded_at", "-pk")
            .first()
        )
        currently_given = latest is not None and latest.given
        if given and currently_given:
            raise ValidationError({"purpose": _("This consent is already given.")})
        if not given and not currently_given:
            raise ValidationError({"purpose": _("There is no given consent to withdraw.")})
        if given and not evidence:
            raise ValidationError(
                {"evidence": _("Say how the consent was given (e.g. signed form of today).")}
            )
        consent = Consent(
            participant=participant,
            purpose=purpose,
            given=given,
            evidence=evidence,
            recorded_by=actor,
        )
        consent.full_clean()
        consent.save()
    return consent


def language_skill_add(
    *,
    actor: User,
    participant: Participant,
    language: str,
    level: str,
    assessed_on: datetime.date,
    other_language: str = "",
) -> LanguageSkill:
    """Record a language level (CEFR A1–C2) on the date it was assessed."""
    skill = LanguageSkill(
        participant=participant,
        language=language,
        other_language=other_language.strip() if language == "other" else "",
        level=level,
        assessed_on=assessed_on,
    )
    skill.full_clean()
    with transaction.atomic():
        skill.save()
    return skill


def language_skill_delete(*, actor: User, skill: LanguageSkill) -> None:
    """Remove a language level recorded by mistake."""
    with transaction.atomic():
        skill.delete()


def share_grant(*, actor: User, participant: Participant, coach: User) -> ParticipantShare:
    """Share the case with a coach of a partner in the other country (co-coaching)."""
    partner = coach.partner
    if not (coach.is_active and coach.has_role("coach") and partner is not None):
        raise ValidationError({"coach": _("Choose a coach.")})
    if partner.country == participant.partner.country:
        raise ValidationError(
            {"coach": _("Co-coaching is with a coach of a partner in the other country.")}
        )
    share = ParticipantShare(participant=participant, coach=coach, granted_by=actor)
    try:
        with transaction.atomic():
            share.save()
    except IntegrityError:
        raise ValidationError({"coach": _("The case is already shared with this coach.")}) from None
    return share


def share_revoke(*, actor: User, participant: Participant, coach: User) -> ParticipantShare:
    """End the active share with `coach`; their access ends with their next request."""
    with transaction.atomic():
        share = (
            ParticipantShare.objects.select_for_update()
            .filter(participant=participant, coach=coach, revoked_at__isnull=True)
            .first()
        )
        if share is None:
            raise ValidationError(_("The case is not shared with this coach."))
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at", "updated_at"])
    return share

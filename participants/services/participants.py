"""Writes about the person: intake, profile, status flow, consent ledger, languages, sharing."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from jump.accounts.models import Partner, User

from .. import access
from ..models import Consent, LanguageSkill, Participant, ParticipantShare
from .special_category import special_category_clear_after_withdrawal

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


class _CoachCheck:
    """_check_coach once per coach (a list names the same few coaches again and again)."""

    def __init__(self, partner_id: int):
        self.partner_id = partner_id
        self.results: dict[int, ValidationError | None] = {}

    def __call__(self, coach: User) -> None:
        if coach.pk not in self.results:
            try:
                _check_coach(coach=coach, partner_id=self.partner_id)
            except ValidationError as exc:
                self.results[coach.pk] = exc
            else:
                self.results[coach.pk] = None
        error = self.results[coach.pk]
        if error is not None:
            raise error


def _check_fields(fields: dict[str, Any], service: str) -> None:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"{service} got unexpected fields: {sorted(unknown)}")


def _validate(participant: Participant) -> None:
    """The checks of every intake and profile change, one by one or in bulk: each field and the
    model's clean(). Partner and coach are checked by the services themselves (own partner,
    _check_coach), public_id is a fresh UUID and the table's one constraint (exit after entry)
    is checked by clean() too — so these checks cost no query."""
    participant.full_clean(
        exclude=["partner", "coach"], validate_unique=False, validate_constraints=False
    )


def _new_participant(
    *,
    partner_id: int,
    coach: User | None,
    check_coach: _CoachCheck,
    fields: dict[str, Any],
    service: str,
) -> Participant:
    """An intake, built and checked but not saved (participant_create and the bulk path)."""
    _check_fields(fields, service)
    if coach is not None:
        check_coach(coach)
    participant = Participant(
        **fields, partner_id=partner_id, coach=coach, status=Participant.Status.INTERESTED
    )
    _validate(participant)
    return participant


def _apply_update(
    participant: Participant,
    *,
    coach: User | None,
    check_coach: _CoachCheck,
    fields: dict[str, Any],
) -> list[str]:
    """Change a (locked) participant in memory as participant_update does; the changed fields."""
    changed = []
    for name, value in fields.items():
        setattr(participant, name, value)
        changed.append(name)
    if coach is not None and coach.pk != participant.coach_id:
        check_coach(coach)
        participant.coach = coach
        changed.append("coach")
    _validate(participant)
    return changed


def participant_create(*, actor: User, coach: User | None = None, **fields: Any) -> Participant:
    """Intake by a coach: the participant belongs to the actor's partner; the coach is the actor
    or another coach of that partner. Status starts at interested."""
    if not access.may_create_participant(actor):
        raise PermissionDenied
    partner_id = cast(int, actor.partner_id)  # may_create_participant: a coach of a partner
    participant = _new_participant(
        partner_id=partner_id,
        coach=coach or actor,
        check_coach=_CoachCheck(partner_id),
        fields=fields,
        service="participant_create",
    )
    with transaction.atomic():
        participant.save()
    return participant


def participant_update(
    *, actor: User, participant: Participant, coach: User | None = None, **fields: Any
) -> Participant:
    """Change the profile (and the coach, within the participant's partner)."""
    if not access.may_change_participant(actor, participant):
        raise PermissionDenied
    _check_fields(fields, "participant_update")
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        _apply_update(
            participant,
            coach=coach,
            check_coach=_CoachCheck(participant.partner_id),
            fields=fields,
        )
        participant.save()
    return participant


# --- lists (the spreadsheet import): the same checks, written in batches ------------------------

BULK_BATCH = 500


@dataclass
class BulkResult:
    """What a bulk write did, by the position of each row in the list it was given."""

    written: dict[int, Participant] = field(default_factory=dict)
    errors: dict[int, ValidationError] = field(default_factory=dict)


def _bulk_intake_partner(actor: User, partner: Partner) -> tuple[int, User | None]:
    """The partner a list of participants goes into, and the coach of a row that names none.

    A coach brings in a list for their own partner (coach: the coach); a programme manager or
    an admin for the partner they choose (issue 11; coach: the one a row names, or none).
    """
    if access.creates_for_own_partner(actor, partner.pk):
        return partner.pk, actor
    if access.may_create_participants_for_any_partner(actor):
        return partner.pk, None
    raise PermissionDenied


def participants_create_bulk(
    *, actor: User, partner: Partner, rows: Sequence[dict[str, Any]], all_or_nothing: bool = True
) -> BulkResult:
    """Intake of a list: each row as participant_create would take it (profile fields and an
    optional "coach"), checked by the same functions, written with one INSERT per batch.

    A row that fails a check is in result.errors (by position) and is not written; with
    all_or_nothing, one failed row means nothing is written. No row of another table is
    written (as participant_create: no consent, no audit row — the import records the list).
    """
    partner_id, default_coach = _bulk_intake_partner(actor, partner)
    check_coach = _CoachCheck(partner_id)
    result = BulkResult()
    for index, row in enumerate(rows):
        fields = dict(row)
        coach = fields.pop("coach", None) or default_coach
        try:
            result.written[index] = _new_participant(
                partner_id=partner_id,
                coach=coach,
                check_coach=check_coach,
                fields=fields,
                service="participants_create_bulk",
            )
        except ValidationError as exc:
            result.errors[index] = exc
    if result.errors and all_or_nothing:
        result.written = {}
        return result
    with transaction.atomic():
        Participant.objects.bulk_create(list(result.written.values()), batch_size=BULK_BATCH)
    return result


def participants_update_bulk(
    *,
    actor: User,
    changes: Sequence[tuple[Participant, User | None, dict[str, Any]]],
    all_or_nothing: bool = True,
) -> BulkResult:
    """participant_update for a list of (participant, coach or None, fields): the rows locked
    and read again with one query per batch, changed and checked as participant_update does,
    and written with one UPDATE per batch. Errors and all_or_nothing as participants_create_bulk.
    Every participant must be one the actor may change (else PermissionDenied, nothing
    written), as for participant_update.
    """
    for _participant, _coach, fields in changes:
        _check_fields(fields, "participants_update_bulk")
    result = BulkResult()
    checks: dict[int, _CoachCheck] = {}
    changed: set[str] = set()
    with transaction.atomic():
        for start in range(0, len(changes), BULK_BATCH):
            batch = changes[start : start + BULK_BATCH]
            locked = Participant.objects.select_for_update().in_bulk(
                [participant.pk for participant, _coach, _fields in batch]
            )
            for offset, (participant, coach, fields) in enumerate(batch):
                index = start + offset
                current = locked.get(participant.pk)
                if current is None:
                    result.errors[index] = ValidationError(_("This participant no longer exists."))
                    continue
                if not access.may_change_participant(actor, current):
                    raise PermissionDenied
                check = checks.setdefault(current.partner_id, _CoachCheck(current.partner_id))
                try:
                    changed.update(
                        _apply_update(current, coach=coach, check_coach=check, fields=fields)
                    )
                except ValidationError as exc:
                    result.errors[index] = exc
                else:
                    result.written[index] = current
        if result.errors and all_or_nothing:
            result.written = {}
            return result
        if result.written:
            now = timezone.now()
            for participant in result.written.values():
                participant.updated_at = now
            Participant.objects.bulk_update(
                list(result.written.values()),
                sorted({*changed, "updated_at"}),
                batch_size=BULK_BATCH,
            )
    return result


def allowed_statuses(participant: Participant) -> tuple[str, ...]:
    """The statuses `participant` may move to from where it is now."""
    return TRANSITIONS.get(participant.status, ())


def _leaving_errors(
    participant: Participant,
    exit_date: datetime.date | None,
    exit_reason: str,
    today: datetime.date,
) -> dict[str, str]:
    """What is wrong with leaving on `exit_date` for `exit_reason` (completed, dropped out)."""
    errors = {}
    if exit_date is None:
        errors["exit_date"] = _("Enter the date the participant left the programme.")
    elif exit_date > today:
        errors["exit_date"] = _("The exit date cannot be in the future.")
    elif participant.entry_date and exit_date < participant.entry_date:
        errors["exit_date"] = _("The exit date cannot be before the entry date (%(entry)s).") % {
            "entry": formats.date_format(participant.entry_date, "SHORT_DATE_FORMAT")
        }
    elif participant.entry_date is None:
        errors["exit_date"] = _("The participant has no entry date.")
    if not exit_reason:
        errors["exit_reason"] = _("Give the reason for leaving.")
    return errors


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
    if not access.may_change_participant(actor, participant):
        raise PermissionDenied
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
            errors.update(_leaving_errors(participant, exit_date, exit_reason, today))
            participant.exit_date = exit_date
            participant.exit_reason = exit_reason
        if errors:
            raise ValidationError(errors)
        participant.status = status
        participant.full_clean()
        participant.save()
    return participant


def _guardian_fields(
    participant: Participant, given: bool, guardian: dict[str, Any]
) -> dict[str, Any]:
    """A consent given for a minor records the guardian who gave it; without it, refused
    (SECURITY 36). For an adult, or a withdrawal, the guardian fields stay empty."""
    names = ("guardian_name", "guardian_relation", "guardian_method")
    values = {name: (guardian.get(name) or "").strip() for name in names}
    if not (given and participant.is_minor_on(timezone.localdate())):
        return dict.fromkeys(names, "")
    errors = {}
    if not values["guardian_name"]:
        errors["guardian_name"] = _(
            "The young person is under 18: name the guardian who gave the consent."
        )
    if not values["guardian_relation"]:
        errors["guardian_relation"] = _("Say how the guardian is related (e.g. mother).")
    if values["guardian_method"] not in Consent.GuardianMethod.values:
        errors["guardian_method"] = _(
            "Say how the guardian gave it: on paper, in person or by e-mail."
        )
    if errors:
        raise ValidationError(errors)
    return values


def consent_record(
    *,
    actor: User,
    participant: Participant,
    purpose: str,
    given: bool,
    evidence: str = "",
    **guardian: str,
) -> Consent:
    """Add a row to the consent ledger (earlier rows are never changed). Giving needs evidence
    of how it was given, and for a minor the guardian (guardian_name, guardian_relation,
    guardian_method); withdrawing something not given is refused."""
    if not access.may_change_participant(actor, participant):
        raise PermissionDenied
    if purpose not in Consent.Purpose.values:
        raise ValidationError({"purpose": _("Choose a purpose.")})
    evidence = (evidence or "").strip()
    guardian_fields = _guardian_fields(participant, given, guardian)
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
            **guardian_fields,
        )
        consent.full_clean()
        consent.save()
        if purpose == Consent.Purpose.SPECIAL_CATEGORY and not given:
            # SECURITY 38: the data goes with the consent, in the same transaction.
            special_category_clear_after_withdrawal(actor=actor, participant=participant)
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
    if not access.may_change_participant(actor, participant):
        raise PermissionDenied
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
    if not access.may_change_participant(actor, skill.participant):
        raise PermissionDenied
    with transaction.atomic():
        skill.delete()


def share_grant(*, actor: User, participant: Participant, coach: User) -> ParticipantShare:
    """Share the case with a coach of a partner in the other country (co-coaching)."""
    if not access.may_manage_shares(actor, participant):
        raise PermissionDenied
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
    if not access.may_revoke_share(actor, participant, coach):
        raise PermissionDenied
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

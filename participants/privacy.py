"""What the participants app holds about a person, for erasure and subject access (SECURITY 21,
22). Registered with `jump.audit.registry` from `ParticipantsConfig.ready()`.

Erasure keeps the statistical fields that docs/indicators.md counts — gender, birth year (and
whether the birthday fell before entry, so that the age at entry stays the same), country,
education level, labour-market status, partner, status, dates, outcomes, ratings, attendance —
and blanks every direct identifier and free text.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jump.audit.registry import (
    ERASED_FIRST_NAME,
    ERASED_TEXT,
    Section,
    register_erasure,
    register_export,
    register_subject,
)

from .access import get_participant_for_user
from .models import (
    ActionPlan,
    Assessment,
    Consent,
    Contact,
    Document,
    Goal,
    LanguageSkill,
    Outcome,
    Participant,
    Step,
)


def scrub(participant) -> list[tuple]:
    """Blank the free texts of the participant's case file and delete their documents' rows;
    the documents' files are returned (storage, name) to be deleted after commit."""
    pid = participant.pk
    Consent.objects.filter(participant_id=pid).update(evidence="")
    LanguageSkill.objects.filter(participant_id=pid).update(other_language="")
    Assessment.objects.filter(participant_id=pid).update(note="")
    ActionPlan.objects.filter(participant_id=pid).update(title=ERASED_TEXT)
    Goal.objects.filter(plan__participant_id=pid).update(title=ERASED_TEXT)
    Step.objects.filter(goal__plan__participant_id=pid).update(title=ERASED_TEXT)
    Contact.objects.filter(participant_id=pid).update(summary=ERASED_TEXT)
    Outcome.objects.filter(participant_id=pid).update(note="")
    documents = Document.objects.filter(participant_id=pid)
    files = [(d.file.storage, d.file.name) for d in documents if d.file]
    documents.delete()
    return files


def pseudonymous_birth_date(
    date_of_birth: datetime.date, entry_date: datetime.date | None
) -> datetime.date:
    """Keep the birth year only: 1 January if the birthday fell on or before the entry date's
    day of the year (or there is no entry date), else 31 December — the age at entry, and so
    the age band of every indicator, stays exactly the same."""
    if entry_date is None:
        return datetime.date(date_of_birth.year, 1, 1)
    birthday_passed = (entry_date.month, entry_date.day) >= (
        date_of_birth.month,
        date_of_birth.day,
    )
    return datetime.date(
        date_of_birth.year, 1 if birthday_passed else 12, 1 if birthday_passed else 31
    )


def pseudonymise(participant) -> None:
    """Replace the participant's direct identifiers; saves the row (marks it erased)."""
    participant.first_name = ERASED_FIRST_NAME
    participant.last_name = participant.public_id.hex[:8]
    participant.date_of_birth = pseudonymous_birth_date(
        participant.date_of_birth, participant.entry_date
    )
    participant.email = ""
    participant.phone = ""
    participant.street = ""
    participant.postcode = ""
    participant.municipality = ""
    participant.exit_reason = ""
    participant.disability = ""  # special-category data (SECURITY 38) is no statistic we keep
    participant.health_support_needs = ""
    participant.erased_at = timezone.now()
    participant.save()


def _steps(participant):
    return Step.objects.filter(goal__plan__participant=participant).order_by("due_on", "pk")


SECTIONS = (
    Section("participant", _("Personal details"), "participants.Participant", lambda p: [p]),
    Section(
        "consents",
        _("Consents (full history)"),
        "participants.Consent",
        lambda p: p.consents.order_by("recorded_at", "pk"),
    ),
    Section(
        "language_skills",
        _("Language skills"),
        "participants.LanguageSkill",
        lambda p: p.language_skills.all(),
    ),
    Section(
        "assessments", _("Assessments"), "participants.Assessment", lambda p: p.assessments.all()
    ),
    Section(
        "action_plans",
        _("Action plans"),
        "participants.ActionPlan",
        lambda p: p.action_plans.all(),
        children=(("goals", _("Goals"), "participants.Goal", lambda plan: plan.goals.all()),),
    ),
    Section("steps", _("Steps"), "participants.Step", _steps),
    Section("case_notes", _("Case notes"), "participants.Contact", lambda p: p.contacts.all()),
    Section("outcomes", _("Outcomes"), "participants.Outcome", lambda p: p.outcomes.all()),
    Section(
        "attendances",
        _("Activities attended"),
        "participants.Attendance",
        lambda p: p.attendances.select_related("activity"),
    ),
    Section(
        "activity_registrations",
        _("Activities registered for"),
        "participants.ActivityRegistration",
        lambda p: p.activity_registrations.select_related("activity"),
    ),
    Section("documents", _("Documents"), "participants.Document", lambda p: p.documents.all()),
    Section(
        "co_coaching",
        _("Co-coaching across the border"),
        "participants.ParticipantShare",
        lambda p: p.shares.select_related("coach__partner"),
    ),
)


def register() -> None:
    register_subject(
        Participant,
        resolve=lambda user, public_id: get_participant_for_user(user, public_id, need="view"),
        pseudonymise=pseudonymise,
        detail_url=lambda p: reverse("participants:detail", kwargs={"public_id": p.public_id}),
    )
    register_erasure("participants", scrub)
    register_export(*SECTIONS)

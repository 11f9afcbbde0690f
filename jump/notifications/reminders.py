"""The daily reminders: for each kind, ONE query over the whole database.

Each reminder says which model its notifications are about, which due date a run on `day`
looks for, and a query giving `(recipient_id, object_id)` pairs — never a query per object.
Only active recipients are reminded, and nobody about an erased participant.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from companies.fit import coaches_with_fits
from companies.models import Placement, PlacementFeedback
from jump.accounts.models import User
from jump.accounts.roles import Role
from participants.models import Consent, Contact, Outcome, Participant, Step
from training_modules.models import Enrolment, Session

from .models import Kind

# The six-month follow-up is due this long after the exit (as on the participant's page).
SIX_MONTHS = datetime.timedelta(days=182)
STEP_DUE_SOON = datetime.timedelta(days=3)
PLACEMENT_FEEDBACK = datetime.timedelta(days=7)
SESSION_SOON = datetime.timedelta(days=2)
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class DailyReminder:
    kind: str
    model: type
    # The due date a run on `day` reminds about (stored in Notification.due_date).
    due: Callable[[datetime.date], datetime.date]
    # (day, due) → a values_list query of (recipient_id, object_id).
    rows: Callable[[datetime.date, datetime.date], QuerySet]


def _contact_follow_up(day, due):
    return Contact.objects.filter(
        follow_up_on=due,
        follow_up_done_on__isnull=True,
        author__is_active=True,
        participant__erased_at__isnull=True,
    ).values_list("author_id", "pk")


def _open_steps(due):
    return Step.objects.filter(
        due_on=due,
        done_on__isnull=True,
        goal__plan__participant__coach__is_active=True,
        goal__plan__participant__erased_at__isnull=True,
    ).values_list("goal__plan__participant__coach_id", "pk")


def _step_due_soon(day, due):
    return _open_steps(due)


def _step_overdue(day, due):
    return _open_steps(due)


def _six_month_follow_up(day, due):
    six_month_outcome = Outcome.objects.filter(
        participant=OuterRef("pk"), timing=Outcome.Timing.SIX_MONTHS
    )
    return (
        Participant.objects.filter(
            exit_date=day - SIX_MONTHS, coach__is_active=True, erased_at__isnull=True
        )
        .filter(~Exists(six_month_outcome))
        .values_list("coach_id", "pk")
    )


def _company_contacts_of_placements(placements: QuerySet) -> QuerySet:
    # Contacts see a placement only while the participant shares with companies: no reminder
    # about one they could not open. One filter() call, so that both conditions apply to the
    # same contact row.
    sharing = Participant.objects.with_consent(Consent.Purpose.SHARE_WITH_COMPANIES).values("pk")
    return placements.filter(
        participant__in=sharing,
        participant__erased_at__isnull=True,
    ).filter(
        offer__company__contacts__is_active=True,
        offer__company__contacts__groups__name=Role.COMPANY_CONTACT,
    )


def _placement_feedback_request(day, due):
    placements = Placement.objects.filter(
        end_date=due, status__in=[Placement.Status.ACCEPTED, Placement.Status.ACTIVE]
    )
    return _company_contacts_of_placements(placements).values_list(
        "offer__company__contacts__pk", "pk"
    )


def _placement_feedback_reminder(day, due):
    company_feedback = PlacementFeedback.objects.filter(
        placement=OuterRef("pk"), side=PlacementFeedback.Side.COMPANY
    )
    placements = Placement.objects.filter(end_date=due, status__in=Placement.FEEDBACK_OPEN).filter(
        ~Exists(company_feedback)
    )
    return _company_contacts_of_placements(placements).values_list(
        "offer__company__contacts__pk", "pk"
    )


def _placement_starts_tomorrow(day, due):
    """The participant's coach and the company's contacts, for placements accepted to start
    on `due` (tomorrow)."""
    placements = Placement.objects.filter(start_date=due, status=Placement.Status.ACCEPTED)
    coaches = placements.filter(
        participant__coach__is_active=True, participant__erased_at__isnull=True
    ).values_list("participant__coach_id", "pk")
    contacts = _company_contacts_of_placements(placements).values_list(
        "offer__company__contacts__pk", "pk"
    )
    return coaches.order_by().union(contacts.order_by())


def _offers_fit(day, due):
    """Coaches with an active young person whom an offer published yesterday fits; the
    notification is about the coach (one a day at most, by the unique constraint)."""
    return User.objects.filter(pk__in=coaches_with_fits(day)).values_list("pk", "pk")


def _anniversary(day: datetime.date) -> Q:
    """Timestamps on the same day of the year as `day`, in an earlier year (local time).

    A consent recorded on 29 February is reviewed on 28 February in common years.
    """
    same_day = Q(recorded_at__month=day.month, recorded_at__day=day.day)
    leap_year = day.year % 4 == 0 and (day.year % 100 != 0 or day.year % 400 == 0)
    if day.month == 2 and day.day == 28 and not leap_year:
        same_day |= Q(recorded_at__month=2, recorded_at__day=29)
    return same_day & Q(recorded_at__year__lt=day.year)


def _consent_review(day, due):
    # The latest record per participant and purpose is the state of the ledger (ties on the
    # timestamp go to the higher id, as in Participant.objects.with_consent).
    later = Consent.objects.filter(
        participant=OuterRef("participant"), purpose=OuterRef("purpose")
    ).filter(
        Q(recorded_at__gt=OuterRef("recorded_at"))
        | Q(recorded_at=OuterRef("recorded_at"), pk__gt=OuterRef("pk"))
    )
    return (
        Consent.objects.filter(
            _anniversary(day),
            given=True,
            participant__coach__is_active=True,
            participant__erased_at__isnull=True,
        )
        .filter(~Exists(later))
        .values_list("participant__coach_id", "pk")
    )


def _session_soon(day, due):
    return Enrolment.objects.filter(
        status=Enrolment.Status.ENROLLED,
        session__status=Session.Status.PLANNED,
        session__starts_at__date=due,
        person__is_active=True,
    ).values_list("person_id", "pk")


DAILY_REMINDERS = (
    DailyReminder(Kind.CONTACT_FOLLOW_UP, Contact, lambda day: day, _contact_follow_up),
    DailyReminder(Kind.STEP_DUE_SOON, Step, lambda day: day + STEP_DUE_SOON, _step_due_soon),
    DailyReminder(Kind.STEP_OVERDUE, Step, lambda day: day - ONE_DAY, _step_overdue),
    DailyReminder(Kind.SIX_MONTH_FOLLOW_UP, Participant, lambda day: day, _six_month_follow_up),
    DailyReminder(
        Kind.PLACEMENT_FEEDBACK_REQUEST,
        Placement,
        lambda day: day + PLACEMENT_FEEDBACK,
        _placement_feedback_request,
    ),
    DailyReminder(
        Kind.PLACEMENT_FEEDBACK_REMINDER,
        Placement,
        lambda day: day - PLACEMENT_FEEDBACK,
        _placement_feedback_reminder,
    ),
    DailyReminder(Kind.CONSENT_REVIEW, Consent, lambda day: day, _consent_review),
    DailyReminder(Kind.SESSION_SOON, Enrolment, lambda day: day + SESSION_SOON, _session_soon),
    DailyReminder(
        Kind.PLACEMENT_STARTS_TOMORROW,
        Placement,
        lambda day: day + ONE_DAY,
        _placement_starts_tomorrow,
    ),
    DailyReminder(Kind.OFFERS_FIT, User, lambda day: day, _offers_fit),
)

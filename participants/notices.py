"""What this app tells jump.notifications (registered from ParticipantsConfig.ready()): the
daily reminders about case notes, action-plan steps, follow-ups after exit and consents, and
the words of their e-mails and digest lines."""

import datetime

from django.db.models import Exists, OuterRef, Q

from jump.notifications.emails import participant_name_for, register_about, register_context
from jump.notifications.models import Kind
from jump.notifications.reminders import ONE_DAY, DailyReminder, register_reminder

from .models import Consent, Contact, Outcome, Participant, Step

# The six-month follow-up is due this long after the exit (as on the participant's page).
SIX_MONTHS = datetime.timedelta(days=182)
STEP_DUE_SOON = datetime.timedelta(days=3)


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


REMINDERS = (
    DailyReminder(Kind.CONTACT_FOLLOW_UP, Contact, lambda day: day, _contact_follow_up),
    DailyReminder(Kind.STEP_DUE_SOON, Step, lambda day: day + STEP_DUE_SOON, _step_due_soon),
    DailyReminder(Kind.STEP_OVERDUE, Step, lambda day: day - ONE_DAY, _step_overdue),
    DailyReminder(Kind.SIX_MONTH_FOLLOW_UP, Participant, lambda day: day, _six_month_follow_up),
    DailyReminder(Kind.CONSENT_REVIEW, Consent, lambda day: day, _consent_review),
)


# --- the words of the e-mails (nothing about a participant in an e-mail sent at once) ----------


def _consent_review_context(notification) -> dict:
    consent = Consent.objects.get(pk=notification.object_id)
    return {"purpose": consent.get_purpose_display()}


def _named(recipient, participant, detail: str = "") -> str:
    name = participant_name_for(recipient, participant)
    return f"{name}: {detail}" if detail else name


def _about_step(notification, recipient) -> str:
    step = Step.objects.select_related("goal__plan__participant").get(pk=notification.object_id)
    return _named(recipient, step.goal.plan.participant, step.title)


def _about_contact(notification, recipient) -> str:
    contact = Contact.objects.select_related("participant").get(pk=notification.object_id)
    return _named(recipient, contact.participant)


def _about_consent(notification, recipient) -> str:
    consent = Consent.objects.select_related("participant").get(pk=notification.object_id)
    return _named(recipient, consent.participant, consent.get_purpose_display())


def _about_participant(notification, recipient) -> str:
    return _named(recipient, Participant.objects.get(pk=notification.object_id))


def register() -> None:
    for reminder in REMINDERS:
        register_reminder(reminder)
    register_context(Kind.CONSENT_REVIEW, _consent_review_context)
    register_about("participants.step", _about_step)
    register_about("participants.contact", _about_contact)
    register_about("participants.consent", _about_consent)
    register_about("participants.participant", _about_participant)

"""What this app tells jump.notifications (registered from CompaniesConfig.ready()): the daily
reminders about placements and fitting offers, and the words of their e-mails and digest
lines."""

import datetime

from django.db.models import Exists, OuterRef, QuerySet

from jump.accounts.models import User
from jump.accounts.roles import Role
from jump.notifications.emails import participant_name_for, register_about, register_context
from jump.notifications.models import Kind
from jump.notifications.reminders import ONE_DAY, DailyReminder, register_reminder
from participants.models import Consent, Participant

from .fit import coaches_with_fits, fits_for_coach
from .models import Placement, PlacementFeedback, SupportNeed

PLACEMENT_FEEDBACK = datetime.timedelta(days=7)


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


REMINDERS = (
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
    DailyReminder(
        Kind.PLACEMENT_STARTS_TOMORROW,
        Placement,
        lambda day: day + ONE_DAY,
        _placement_starts_tomorrow,
    ),
    DailyReminder(Kind.OFFERS_FIT, User, lambda day: day, _offers_fit),
)


# --- the words of the e-mails (nothing about a participant in an e-mail sent at once) ----------


def _placement_context(notification) -> dict:
    placement = Placement.objects.select_related("offer__company").get(pk=notification.object_id)
    return {"placement": placement, "offer": placement.offer, "company": placement.offer.company}


def _support_context(notification) -> dict:
    need = SupportNeed.objects.select_related("company").get(pk=notification.object_id)
    return {"need": need, "company": need.company, "support_kind": need.get_kind_display()}


def _offers_fit_context(notification) -> dict:
    return {"fits": fits_for_coach(notification.recipient, notification.due_date)}


def _about_placement(notification, recipient) -> str:
    placement = Placement.objects.select_related("participant", "offer__company").get(
        pk=notification.object_id
    )
    name = participant_name_for(recipient, placement.participant)
    return f"{name}: {placement.offer.title} ({placement.offer.company.name})"


def _about_offers_fit(notification, recipient) -> str:
    return "; ".join(
        "{} ({}): {}".format(
            offer.title,
            offer.company.name,
            ", ".join(participant_name_for(recipient, p) for p in people),
        )
        for offer, people in fits_for_coach(recipient, notification.due_date)
    )


def _about_support_need(notification, recipient) -> str:
    need = SupportNeed.objects.select_related("company").get(pk=notification.object_id)
    return f"{need.company.name}: {need.get_kind_display()}"


def register() -> None:
    for reminder in REMINDERS:
        register_reminder(reminder)
    register_context("companies.placement", _placement_context)
    register_context(Kind.SUPPORT_REQUESTED, _support_context)
    register_context(Kind.SUPPORT_ACTION_LOGGED, _support_context)
    register_context(Kind.OFFERS_FIT, _offers_fit_context)
    register_about("companies.placement", _about_placement)
    register_about(Kind.OFFERS_FIT, _about_offers_fit)
    register_about("companies.supportneed", _about_support_need)

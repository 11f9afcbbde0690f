"""What this app tells jump.notifications (registered from TrainingModulesConfig.ready()): the
reminder of a session soon, the words of its e-mails and digest lines, and the session's
calendar entry attached to them."""

import datetime

from django.utils import formats

from jump.notifications.emails import register_about, register_attachment, register_context
from jump.notifications.models import Kind
from jump.notifications.reminders import DailyReminder, register_reminder

from .ical import session_attachment
from .models import Enrolment, Session

SESSION_SOON = datetime.timedelta(days=2)
SESSION_KINDS = (Kind.SESSION_SOON, Kind.WAITLIST_PROMOTED)


def _session_soon(day, due):
    return Enrolment.objects.filter(
        status=Enrolment.Status.ENROLLED,
        session__status=Session.Status.PLANNED,
        session__starts_at__date=due,
        person__is_active=True,
    ).values_list("person_id", "pk")


REMINDERS = (
    DailyReminder(Kind.SESSION_SOON, Enrolment, lambda day: day + SESSION_SOON, _session_soon),
)


def _session(notification) -> Session:
    return (
        Enrolment.objects.select_related("session__module").get(pk=notification.object_id).session
    )


def _session_context(notification) -> dict:
    session = _session(notification)
    return {"session": session, "module": session.module}


def _session_calendar_entry(context: dict):
    return session_attachment(context["session"])


def _about_enrolment(notification, recipient) -> str:
    session = _session(notification)
    return "{} ({})".format(
        session.module.title, formats.date_format(session.starts_at, "SHORT_DATE_FORMAT")
    )


def register() -> None:
    for reminder in REMINDERS:
        register_reminder(reminder)
    for kind in SESSION_KINDS:
        register_context(kind, _session_context)
        register_attachment(kind, _session_calendar_entry)
    register_about("training_modules.enrolment", _about_enrolment)

"""iCalendar (.ics) files of training sessions (the `icalendar` package).

A session over several days is one VEVENT per day (its daily hours), not one event spanning
the nights (issue 17). SEQUENCE (RFC 5545 3.8.7.4) rises whenever the session is saved again, so
calendar programs replace an earlier copy: the seconds between its creation and its last change.
"""

import datetime
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from jump.lib.ical import calendar_bytes_of, ics_response

from .models import Session
from .services import site_url

PRODID = "-//JUMP//Training sessions//EN"


def sequence(session: Session) -> int:
    """0 for a session never changed; larger after every later change."""
    return max(0, int((session.updated_at - session.created_at).total_seconds()))


def _day_bounds(
    session: Session, day: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """The session's hours on `day`: its start time to its end time, in local time."""
    starts = timezone.localtime(session.starts_at)
    ends = timezone.localtime(session.ends_at)
    zone = starts.tzinfo
    day_start = datetime.datetime.combine(day, starts.time(), tzinfo=zone)
    day_end = datetime.datetime.combine(day, ends.time(), tzinfo=zone)
    if day_end <= day_start:  # an evening start ending in the early morning: to midnight
        day_end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), zone)
    return day_start, day_end


def _events(session: Session) -> list[Event]:
    days = session.days
    url = site_url() + reverse(
        "training_modules:session_detail", kwargs={"public_id": session.public_id}
    )
    description = "\n\n".join(
        [
            session.module.summary,
            _("Language of instruction: %(language)s")
            % {"language": session.get_language_display()},
            url,
        ]
    )
    events = []
    for number, day in enumerate(days, start=1):
        event = Event()
        if len(days) == 1:
            event.add("uid", f"training-session-{session.public_id}@jump")
            starts, ends = session.starts_at, session.ends_at
            summary = session.module.title
        else:
            event.add("uid", f"training-session-{session.public_id}-{day.isoformat()}@jump")
            starts, ends = _day_bounds(session, day)
            summary = _("%(title)s (day %(number)s of %(count)s)") % {
                "title": session.module.title,
                "number": number,
                "count": len(days),
            }
        event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
        event.add("dtstart", starts.astimezone(datetime.UTC))
        event.add("dtend", ends.astimezone(datetime.UTC))
        event.add("sequence", sequence(session))
        event.add("summary", summary)
        event.add("location", f"{session.place}, {session.get_country_display()}")
        event.add("url", url)
        event.add("description", description)
        event.add(
            "status", "CANCELLED" if session.status == Session.Status.CANCELLED else "CONFIRMED"
        )
        event.add("last-modified", session.updated_at.astimezone(datetime.UTC))
        events.append(event)
    return events


def calendar_bytes(sessions: Iterable[Session], *, name: str) -> bytes:
    return calendar_bytes_of(
        (event for session in sessions for event in _events(session)), name=name, prodid=PRODID
    )


__all__ = ["calendar_bytes", "ics_response", "sequence", "session_attachment"]


def session_attachment(session: Session) -> tuple[str, bytes, str]:
    """The session as an e-mail attachment (registered for the session notifications)."""
    content = calendar_bytes([session], name=session.module.title)
    return ("session.ics", content, "text/calendar; charset=utf-8")

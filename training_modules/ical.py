"""iCalendar (.ics) files of training sessions (the `icalendar` package)."""

import datetime
from collections.abc import Iterable

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Session
from .services import site_url

PRODID = "-//JUMP//Training sessions//EN"


def _event(session: Session) -> Event:
    event = Event()
    event.add("uid", f"training-session-{session.public_id}@jump")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", session.starts_at.astimezone(datetime.UTC))
    event.add("dtend", session.ends_at.astimezone(datetime.UTC))
    event.add("summary", session.module.title)
    event.add("location", f"{session.place}, {session.get_country_display()}")
    url = site_url() + reverse(
        "training_modules:session_detail", kwargs={"public_id": session.public_id}
    )
    event.add("url", url)
    event.add(
        "description",
        "\n\n".join(
            [
                session.module.summary,
                _("Language of instruction: %(language)s")
                % {"language": session.get_language_display()},
                url,
            ]
        ),
    )
    if session.status == Session.Status.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    event.add("last-modified", session.updated_at.astimezone(datetime.UTC))
    return event


def calendar_bytes(sessions: Iterable[Session], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for session in sessions:
        calendar.add_component(_event(session))
    return calendar.to_ical()


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def session_attachment(session: Session) -> tuple[str, bytes, str]:
    """The session as an e-mail attachment (registered for the session notifications)."""
    content = calendar_bytes([session], name=session.module.title)
    return ("session.ics", content, "text/calendar; charset=utf-8")

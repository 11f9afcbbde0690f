"""iCalendar (.ics) files: the calendar around a list of events, and the HTTP response that
carries one. The events are built by the app that knows them (training sessions in
training_modules/ical.py, a young person's appointments in young_people/appointments.py)."""

from collections.abc import Iterable

from django.http import HttpResponse
from icalendar import Calendar, Event


def calendar_bytes_of(events: Iterable[Event], *, name: str, prodid: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response

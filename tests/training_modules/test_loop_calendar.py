"""Issue 17: a multi-day session is one calendar event per day, SEQUENCE rises on a change."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.notifications import builders
from training_modules.ical import calendar_bytes
from training_modules.models import Session

pytestmark = pytest.mark.django_db


def _events(session):
    return list(Calendar.from_ical(calendar_bytes([session], name="x")).walk("VEVENT"))


def test_loop_multi_day_session_is_one_event_per_day():
    session = builders.session(starts_on=datetime.date(2026, 10, 5))
    session.ends_at = session.starts_at + datetime.timedelta(days=2, hours=7)  # 9–16, 3 days
    session.save()
    events = _events(session)
    assert len(events) == 3
    starts = [event.decoded("DTSTART").astimezone(builders.CPH) for event in events]
    ends = [event.decoded("DTEND").astimezone(builders.CPH) for event in events]
    assert [s.date() for s in starts] == [datetime.date(2026, 10, d) for d in (5, 6, 7)]
    assert {(s.hour, e.hour) for s, e in zip(starts, ends, strict=True)} == {(9, 16)}
    assert len({str(event["UID"]) for event in events}) == 3


def test_loop_one_day_session_is_one_event():
    session = builders.session(starts_on=datetime.date(2026, 10, 5))
    [event] = _events(session)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(hours=7)


def test_loop_sequence_rises_when_the_session_changes():
    session = builders.session(starts_on=datetime.date(2026, 10, 5))
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Session.objects.filter(pk=session.pk).update(created_at=an_hour_ago, updated_at=an_hour_ago)
    session.refresh_from_db()
    [before] = _events(session)
    session.place = "Flensburg"
    session.save()
    session.refresh_from_db()
    [after] = _events(session)
    assert int(before["SEQUENCE"]) == 0
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])

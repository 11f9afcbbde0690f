"""A young person's appointments (issue 18): the activities they are registered for and the
dates of their placements, upcoming first; each as an .ics event (jump/lib/ical.py), and their
personal calendar feed.

The feed's address carries a signed token (django.core.signing, its own salt) of the
participant's public id and the feed's version: a forged token fails the signature, an old one
(after a new link, or once stopped) names a version that is no longer current → 404. The feed
shows only their own items and stops with their access (login ended or erased).
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from companies.models import Placement
from jump.lib.ical import calendar_bytes_of
from participants.models import Activity, Participant

from .models import CalendarFeed

PRODID = "-//JUMP//My appointments//EN"
FEED_SALT = "young_people.calendar_feed"

# The placements that are (or were) really happening: a date to keep.
PLACEMENT_STATUSES = (
    Placement.Status.ACCEPTED,
    Placement.Status.ACTIVE,
    Placement.Status.COMPLETED,
)


@dataclass
class Appointment:
    kind: str  # "activity" or "placement"
    public_id: object
    title: str
    starts: datetime.date
    ends: datetime.date
    where: str
    what: str  # the kind of activity, or the offer's title

    @property
    def uid(self) -> str:
        return f"young-person-{self.kind}-{self.public_id}@jump"


def _activity_item(activity: Activity) -> Appointment:
    return Appointment(
        kind="activity",
        public_id=activity.public_id,
        title=activity.title,
        starts=activity.date,
        ends=activity.date,
        where=activity.get_country_display(),
        what=activity.get_kind_display(),
    )


def _placement_item(placement: Placement) -> Appointment | None:
    offer = placement.offer
    starts = placement.start_date or offer.start_date
    if starts is None:
        return None
    ends = placement.end_date or offer.end_date or starts
    company = offer.company
    return Appointment(
        kind="placement",
        public_id=placement.public_id,
        title=company.name,
        starts=starts,
        ends=max(ends, starts),
        where=offer.place or ", ".join(p for p in (company.street, company.city) if p),
        what=offer.title,
    )


def appointments(participant: Participant) -> list[Appointment]:
    """Their activities and placement dates, soonest upcoming first, then the past ones (latest
    first). Two queries, whatever their number."""
    activities = Activity.objects.filter(registrations__participant=participant).order_by(
        "date", "pk"
    )
    placements = (
        Placement.objects.filter(participant=participant, status__in=PLACEMENT_STATUSES)
        .select_related("offer__company")
        .order_by("pk")
    )
    items = [_activity_item(a) for a in activities]
    items += [item for p in placements if (item := _placement_item(p)) is not None]
    today = timezone.localdate()
    upcoming = sorted((i for i in items if i.ends >= today), key=lambda i: (i.starts, i.title))
    past = sorted((i for i in items if i.ends < today), key=lambda i: i.starts, reverse=True)
    return upcoming + past


def upcoming(participant: Participant) -> list[Appointment]:
    today = timezone.localdate()
    return [item for item in appointments(participant) if item.ends >= today]


def one_appointment(participant: Participant, kind: str, public_id) -> Appointment | None:
    """One of their own appointments, or None (the view answers 404)."""
    for item in appointments(participant):
        if item.kind == kind and item.public_id == public_id:
            return item
    return None


def _event(item: Appointment) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    # Whole days: an activity has a date, a placement a first and a last day (DTEND exclusive).
    event.add("dtstart", item.starts)
    event.add("dtend", item.ends + datetime.timedelta(days=1))
    if item.kind == "placement":
        event.add("summary", _("Placement: %(company)s") % {"company": item.title})
    else:
        event.add("summary", item.title)
    if item.where:
        event.add("location", item.where)
    event.add("description", item.what)
    return event


def calendar_bytes(items: list[Appointment]) -> bytes:
    return calendar_bytes_of(
        [_event(item) for item in items], name=_("My JUMP appointments"), prodid=PRODID
    )


# --- the personal calendar feed -------------------------------------------------------------


def _feed_signer() -> signing.Signer:
    return signing.Signer(salt=FEED_SALT)


def feed_token(feed: CalendarFeed) -> str:
    """The feed's address part: signed, with no moment in it, so the page shows the same
    address every time until the young person renews or stops the feed (the version)."""
    return _feed_signer().sign_object([feed.participant.public_id.hex, feed.version], compress=True)


def _feed_payload(token: str):
    # A fixed token is `payload:signature`; one handed out before it was fixed carries the
    # moment it was made as well (`payload:moment:signature`) and is still honoured.
    if token.count(_feed_signer().sep) == 1:
        return _feed_signer().unsign_object(token)
    return signing.loads(token, salt=FEED_SALT)


def feed_participant(token: str) -> Participant | None:
    """The participant of a current feed token; None for a forged, old or stopped one, or when
    the young person's access has ended."""
    try:
        public_hex, version = _feed_payload(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    feed = (
        CalendarFeed.objects.select_related("participant__user")
        .filter(
            participant__public_id=public_hex,
            version=version,
            active=True,
            participant__erased_at__isnull=True,
            participant__user__is_active=True,
        )
        .first()
    )
    return feed.participant if feed else None


def own_feed(participant: Participant) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(participant=participant, active=True).first()

"""My appointments (issue 18): the activities they are registered for and their placement
dates, upcoming first, each as an .ics file; the personal calendar feed by a signed, revocable
address; the next appointment on the home page."""

import datetime

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from companies.models import Placement
from young_people import appointments, services
from young_people.models import CalendarFeed

from .conftest import OTHER

pytestmark = pytest.mark.django_db


def _events(content: bytes) -> list:
    return [c for c in Calendar.from_ical(content).walk() if c.name == "VEVENT"]


@pytest.fixture
def dated_placement(world):
    placement = world.placement
    placement.status = Placement.Status.ACCEPTED
    placement.start_date = timezone.localdate() + datetime.timedelta(days=30)
    placement.end_date = placement.start_date + datetime.timedelta(days=13)
    placement.save()
    return placement


def test_the_page_lists_their_activity_and_placement_upcoming_first(
    client_for, world, dated_placement
):
    text = client_for("youth_p1").get(reverse("young_people:appointments")).content.decode()
    assert "Future Camp" in text and dated_placement.offer.company.name in text
    assert text.index("Future Camp") < text.index(dated_placement.offer.company.name)
    assert OTHER not in text


def test_upcoming_come_before_past_ones(world, dated_placement):
    world.activity.date = timezone.localdate() - datetime.timedelta(days=3)
    world.activity.save()
    items = appointments.appointments(world.p1)
    assert [item.kind for item in items] == ["placement", "activity"]


def test_each_appointment_downloads_as_one_event(client_for, world, dated_placement):
    client = client_for("youth_p1")
    response = client.get(
        reverse("young_people:appointment_ics", args=["activity", world.activity.public_id])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = _events(response.content)
    assert str(event["summary"]) == "Future Camp"
    assert event.decoded("dtstart") == world.activity.date
    response = client.get(
        reverse("young_people:appointment_ics", args=["placement", dated_placement.public_id])
    )
    (event,) = _events(response.content)
    assert event.decoded("dtstart") == dated_placement.start_date
    # DTEND of a whole-day event is exclusive: the day after the last day.
    assert event.decoded("dtend") == dated_placement.end_date + datetime.timedelta(days=1)


def test_another_young_persons_activity_is_a_404(client_for, world):
    client = client_for("youth_p1")
    url = reverse("young_people:appointment_ics", args=["activity", world.other_activity.public_id])
    assert client.get(url).status_code == 404
    url = reverse("young_people:appointment_ics", args=["meeting", world.activity.public_id])
    assert client.get(url).status_code == 404


def test_the_feed_shows_only_their_own_items_without_login(client_for, world, dated_placement):
    client = client_for("youth_p1")
    client.post(reverse("young_people:calendar_feed_renew"))
    page = client.get(reverse("young_people:appointments")).content.decode()
    feed = CalendarFeed.objects.get(participant=world.p1)
    path = reverse("young_people:calendar_feed", args=[appointments.feed_token(feed)])
    assert path in page
    response = Client().get(path)
    assert response.status_code == 200
    summaries = sorted(str(e["summary"]) for e in _events(response.content))
    assert len(summaries) == 2 and "Future Camp" in summaries
    assert OTHER not in response.content.decode()


def test_the_feed_address_stays_the_same_from_one_moment_to_the_next(world):
    # A calendar subscribes to one address: showing the page again, a second or a month
    # later, must show that same address until the young person asks for a new one.
    feed = services.calendar_feed_renew(actor=world.personas.youth_p1, participant=world.p1)
    with time_machine.travel(timezone.now(), tick=False):
        now = appointments.feed_token(feed)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31), tick=False):
        later = appointments.feed_token(feed)
    assert now == later
    assert appointments.feed_participant(later) == world.p1


def test_an_address_given_out_before_the_fixed_form_still_works(world):
    # Addresses handed out earlier carried the moment they were made; calendars already
    # subscribed to one keep working until the young person renews or stops the feed.
    feed = services.calendar_feed_renew(actor=world.personas.youth_p1, participant=world.p1)
    earlier = signing.dumps(
        [world.p1.public_id.hex, feed.version], salt=appointments.FEED_SALT, compress=True
    )
    assert appointments.feed_participant(earlier) == world.p1
    response = Client().get(reverse("young_people:calendar_feed", args=[earlier]))
    assert response.status_code == 200


def test_a_new_link_ends_the_old_one_and_stop_ends_all(world):
    actor = world.personas.youth_p1
    first = appointments.feed_token(services.calendar_feed_renew(actor=actor, participant=world.p1))
    second = appointments.feed_token(
        services.calendar_feed_renew(actor=actor, participant=world.p1)
    )
    anonymous = Client()
    assert anonymous.get(reverse("young_people:calendar_feed", args=[first])).status_code == 404
    assert anonymous.get(reverse("young_people:calendar_feed", args=[second])).status_code == 200
    services.calendar_feed_stop(actor=actor, participant=world.p1)
    assert anonymous.get(reverse("young_people:calendar_feed", args=[second])).status_code == 404


def test_a_forged_token_is_a_404(world):
    services.calendar_feed_renew(actor=world.personas.youth_p1, participant=world.p1)
    # The right content, signed with another key: not ours.
    forged = signing.dumps(
        [world.p1.public_id.hex, 1], key="not-the-secret", salt=appointments.FEED_SALT
    )
    forged_fixed = signing.Signer(key="not-the-secret", salt=appointments.FEED_SALT).sign_object(
        [world.p1.public_id.hex, 1], compress=True
    )
    for token in (forged, forged_fixed, "nonsense", forged[:-2] + "xx", forged_fixed[:-2] + "xx"):
        response = Client().get(reverse("young_people:calendar_feed", args=[token]))
        assert response.status_code == 404


def test_the_feed_stops_when_their_access_ends(world):
    feed = services.calendar_feed_renew(actor=world.personas.youth_p1, participant=world.p1)
    url = reverse("young_people:calendar_feed", args=[appointments.feed_token(feed)])
    services.youth_access_end(actor=world.personas.coach_a, participant=world.p1)
    assert Client().get(url).status_code == 404


def test_home_shows_the_next_appointment(client_for, world):
    text = client_for("youth_p1").get(reverse("young_people:home")).content.decode()
    assert "Future Camp" in text


def test_home_keeps_a_place_for_the_appointment_among_many_steps(world):
    from tests.factories.participants import StepFactory

    for n in range(4):
        StepFactory(goal=world.c1.goal, title=f"Step {n}", due_on=timezone.localdate())
    from young_people.selectors import home_items

    kinds = [item.kind for item in home_items(world.p1)]
    assert len(kinds) == 3 and "appointment" in kinds


def test_the_page_reads_the_same_number_of_queries_for_1_and_10_activities(
    client_for, world, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.participants import ActivityFactory, ActivityRegistrationFactory

    client = client_for("youth_p1")
    url = reverse("young_people:appointments")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    count = len(one.captured_queries)  # now: a later request empties the log
    for n in range(9):
        activity = ActivityFactory(
            partner=world.p1.partner,
            created_by=world.personas.coach_a,
            date=timezone.localdate() + datetime.timedelta(days=n + 1),
        )
        ActivityRegistrationFactory(activity=activity, participant=world.p1)
    with django_assert_num_queries(count):
        client.get(url)

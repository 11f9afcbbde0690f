"""The number of queries never depends on the amount of data: the indicator engine (10 vs 200
participants) and every list page (1 vs 20 rows)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from companies.models import Placement
from jump.reports.indicators import indicator_rows
from jump.reports.periods import Scope
from participants.models import Assessment, Outcome
from training_modules.models import Enrolment

from . import builders as b
from .conftest import done_run

D = datetime.date
MARCH = Scope(D(2026, 3, 1), D(2026, 3, 31))
QUERY = {"start": "2026-03-01", "end": "2026-03-31"}
pytestmark = pytest.mark.django_db


def populate(n: int, partner, *, by, activity, offer, session):
    """n participants entered in March with everything the indicators count."""
    for index in range(n):
        person = b.participant(
            partner,
            entry=D(2026, 1, 10) if index % 2 else D(2026, 3, 10),
            exit=D(2026, 3, 20) if index % 3 == 0 else None,
            gender="male" if index % 2 else "female",
        )
        b.attend(activity, person, by=by)
        if person.exit_date:
            b.outcome(
                person,
                Outcome.Timing.EXIT,
                Outcome.Kind.EMPLOYED,
                cross_border=True,
                recorded_by=by,
            )
            b.assessment(person, Assessment.Kind.ENTRY, 2, by=by)
            b.assessment(person, Assessment.Kind.EXIT, 4, by=by)
        placement = b.placement(
            person,
            offer,
            status=Placement.Status.COMPLETED,
            start=D(2026, 3, 2),
            end=D(2026, 3, 25),
            cross_border=True,
        )
        b.feedback(placement, would_hire=index % 2 == 0)
        if index % 5 == 0:
            b.enrol(
                session,
                b.staff_user(partner),
                status=Enrolment.Status.COMPLETED,
                completed=D(2026, 3, 6),
            )


def test_the_indicators_take_the_same_number_of_queries_for_10_and_200_participants(
    partner_a, count_queries
):
    by = b.staff_user(partner_a)
    things = {
        "by": by,
        "activity": b.activity(partner_a, date=D(2026, 3, 12)),
        "offer": b.offer(b.company(country="DE"), published=D(2026, 3, 1)),
        "session": b.session(b.module(), start=D(2026, 3, 5)),
    }
    populate(10, partner_a, **things)
    small = count_queries(lambda: indicator_rows(MARCH))
    assert indicator_rows(MARCH)[0].cumulative.value == 10
    populate(190, partner_a, **things)
    large = count_queries(lambda: indicator_rows(MARCH))
    rows = {row.indicator.code: row for row in indicator_rows(MARCH)}
    assert rows["P-TOTAL"].cumulative.value == 200
    assert rows["RCO81"].current.value == 400  # an attendance and a placement each
    assert rows["S-TRAINED"].current.value == 40
    assert small == large


@pytest.fixture
def many(world):
    """Add rows one at a time; return a function that makes the total `n`."""
    by = b.staff_user(world.partner_a)
    activity = b.activity(world.partner_a, date=D(2026, 3, 12))
    offer = b.offer(b.company(country="DE"))
    session = b.session(b.module(), start=D(2026, 3, 5))
    today = timezone.localdate()

    def add(count: int):
        for _n in range(count):
            person = b.participant(
                world.partner_a, exit=today - datetime.timedelta(days=300), entry=D(2025, 1, 1)
            )
            current = b.participant(world.partner_a)
            b.attend(activity, current, by=by)
            b.placement(
                current,
                offer,
                status=Placement.Status.ACTIVE,
                start=D(2026, 3, 2),
                end=today - datetime.timedelta(days=2),
                cross_border=True,
            )
            b.enrol(
                session,
                b.staff_user(world.partner_a),
                status=Enrolment.Status.COMPLETED,
                completed=D(2026, 3, 6),
            )
            done_run(world.personas.manager)
            assert person.pk

    return add


PAGES = [
    ("reports:dashboard", {}, QUERY),
    ("reports:evidence", {"code": "P-TOTAL"}, QUERY),
    ("reports:evidence", {"code": "RCO81"}, QUERY),
    ("reports:evidence", {"code": "RCO81"}, {**QUERY, "source": 1}),
    ("reports:evidence", {"code": "RCR81"}, QUERY),
    ("reports:evidence", {"code": "S-TRAINED"}, QUERY),
    ("reports:evidence", {"code": "C-ENGAGED"}, {"start": "2026-01-01", "end": "2026-12-31"}),
    ("reports:data_quality", {}, {}),
    ("reports:run_list", {}, {}),
]


@pytest.mark.parametrize(("name", "kwargs", "query"), PAGES)
def test_list_pages_take_the_same_number_of_queries_for_1_and_20_rows(
    client_for, many, name, kwargs, query
):
    client = client_for("manager")
    url = reverse(name, kwargs=kwargs)
    many(1)
    client.get(url, query)  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(url, query).status_code == 200
    many(19)
    with CaptureQueriesContext(connection) as twenty:
        assert client.get(url, query).status_code == 200
    assert len(one.captured_queries) == len(twenty.captured_queries)

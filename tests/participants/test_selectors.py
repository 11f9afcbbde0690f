import datetime

import pytest
from django.utils import timezone

from participants import selectors
from participants.models import Participant
from tests.factories.accounts import UserFactory
from tests.factories.participants import (
    ActionPlanFactory,
    ActivityFactory,
    AttendanceFactory,
    ContactFactory,
    GoalFactory,
    ParticipantFactory,
    ParticipantShareFactory,
    StepFactory,
)

from .conftest import place_with_company

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def attend(participant, *, kind="workshop", cross_border=False, status="attended"):
    activity = ActivityFactory(kind=kind, cross_border=cross_border)
    AttendanceFactory(activity=activity, participant=participant, status=status)


def step_of(participant):
    return selectors.mobility_step(participant)


# --- the mobility readiness ladder --------------------------------------------------------------


def test_ladder_starts_at_zero():
    assert step_of(ParticipantFactory()) == 0


def test_absence_does_not_count_on_the_ladder():
    participant = ParticipantFactory()
    attend(participant, kind="camp", cross_border=True, status="absent")
    assert step_of(participant) == 0


def test_ladder_step_one_is_any_attended_activity():
    participant = ParticipantFactory()
    attend(participant, kind="language_course")
    assert step_of(participant) == 1


@pytest.mark.parametrize("kind", ["company_visit", "workshop"])
def test_ladder_step_two_is_a_visit_across_the_border(kind):
    participant = ParticipantFactory()
    attend(participant, kind=kind, cross_border=True)
    assert step_of(participant) == 2


def test_a_local_company_visit_is_step_one():
    participant = ParticipantFactory()
    attend(participant, kind="company_visit", cross_border=False)
    assert step_of(participant) == 1


@pytest.mark.parametrize("kind", ["cross_border_trip", "camp"])
def test_ladder_step_three_is_a_camp_or_trip_across_the_border(kind):
    participant = ParticipantFactory()
    attend(participant, kind="company_visit", cross_border=True)
    attend(participant, kind=kind, cross_border=True)
    assert step_of(participant) == 3


@pytest.fixture
def company(company_x):
    return company_x


@pytest.mark.parametrize("status", ["active", "completed"])
def test_ladder_step_four_is_a_short_placement_across_the_border(company, status):
    participant = ParticipantFactory()
    start = TODAY - 60 * DAY
    place_with_company(
        participant,
        company,
        status=status,
        cross_border=True,
        start_date=start,
        end_date=start + 28 * DAY,  # exactly four weeks: still short
    )
    assert step_of(participant) == 4


def test_ladder_step_five_is_a_longer_placement_across_the_border(company):
    participant = ParticipantFactory()
    start = TODAY - 60 * DAY
    place_with_company(
        participant,
        company,
        status="completed",
        cross_border=True,
        start_date=start,
        end_date=start + 29 * DAY,
    )
    assert step_of(participant) == 5


def test_an_open_ended_placement_counts_as_longer_once_past_four_weeks(company):
    recent, running = ParticipantFactory(), ParticipantFactory()
    place_with_company(
        recent, company, status="active", cross_border=True, start_date=TODAY - 10 * DAY
    )
    place_with_company(
        running, company, status="active", cross_border=True, start_date=TODAY - 40 * DAY
    )
    assert (step_of(recent), step_of(running)) == (4, 5)


@pytest.mark.parametrize(
    ("status", "cross_border"),
    [("proposed", True), ("accepted", True), ("aborted", True), ("completed", False)],
)
def test_placements_that_do_not_count_on_the_ladder(company, status, cross_border):
    participant = ParticipantFactory()
    attend(participant)
    start = TODAY - 90 * DAY
    place_with_company(
        participant,
        company,
        status=status,
        cross_border=cross_border,
        start_date=start,
        end_date=start + 60 * DAY,
    )
    assert step_of(participant) == 1


def test_ladder_works_with_no_placements_at_all():
    participant = ParticipantFactory()
    attend(participant, kind="camp", cross_border=True)
    annotated = Participant.objects.annotate(step=selectors.mobility_step_expression()).get()
    assert annotated.step == 3


# --- the caseload -------------------------------------------------------------------------------


def test_coach_caseload_is_own_partner_and_shared(personas, partner_a, partner_b):
    own = ParticipantFactory(partner=partner_a)
    other = ParticipantFactory(partner=partner_b)
    shared = ParticipantFactory(partner=partner_b)
    ParticipantShareFactory(participant=shared, coach=personas.coach_a, granted_by=personas.coach_b)
    revoked = ParticipantFactory(partner=partner_b)
    ParticipantShareFactory(
        participant=revoked,
        coach=personas.coach_a,
        granted_by=personas.coach_b,
        revoked_at=timezone.now(),
    )
    assert set(selectors.caseload(personas.coach_a)) == {own, shared}
    assert set(selectors.caseload(personas.manager)) == {own, other, shared, revoked}
    assert set(selectors.caseload(personas.contact_x)) == set()
    assert other not in set(selectors.caseload(personas.coach_a))


def test_caseload_annotations(personas, partner_a):
    participant = ParticipantFactory(partner=partner_a, entry_date=TODAY - 100 * DAY)
    plan = ActionPlanFactory(participant=participant, starts_on=TODAY - 100 * DAY)
    goal = GoalFactory(plan=plan)
    StepFactory(goal=goal, title="later", due_on=TODAY + 10 * DAY)
    StepFactory(goal=goal, title="next", due_on=TODAY + 3 * DAY)
    StepFactory(goal=goal, title="done", due_on=TODAY - 50 * DAY, done_on=TODAY - 49 * DAY)
    ContactFactory(participant=participant, date=TODAY - 20 * DAY)
    ContactFactory(participant=participant, date=TODAY - 5 * DAY, follow_up_on=TODAY + 2 * DAY)
    ContactFactory(
        participant=participant,
        date=TODAY - 30 * DAY,
        follow_up_on=TODAY - 25 * DAY,
        follow_up_done_on=TODAY - 25 * DAY,
    )
    attend(participant, kind="camp", cross_border=True)
    row = selectors.caseload(personas.coach_a).get()
    assert row.next_step_due == TODAY + 3 * DAY
    assert row.next_step_title == "next"
    assert row.last_contact == TODAY - 5 * DAY
    assert row.open_follow_ups == 1
    assert row.next_follow_up == TODAY + 2 * DAY
    assert row.is_overdue == 0
    assert row.mobility_step == 3


def test_caseload_puts_overdue_first(personas, partner_a):
    calm = ParticipantFactory(partner=partner_a, last_name="Aaberg")
    late_step = ParticipantFactory(partner=partner_a, last_name="Zander")
    late_follow_up = ParticipantFactory(partner=partner_a, last_name="Young")
    StepFactory(
        goal=GoalFactory(plan=ActionPlanFactory(participant=late_step, starts_on=TODAY - 9 * DAY)),
        due_on=TODAY - DAY,
    )
    ContactFactory(participant=late_follow_up, date=TODAY - 9 * DAY, follow_up_on=TODAY - 2 * DAY)
    rows = list(selectors.caseload(personas.coach_a))
    assert rows[-1] == calm
    assert set(rows[:2]) == {late_step, late_follow_up}
    assert all(r.is_overdue for r in rows[:2])


def test_caseload_filters_and_search(personas, partner_a, partner_b):
    colleague = UserFactory(roles=["coach"], partner=partner_a)
    freja = ParticipantFactory(
        partner=partner_a, first_name="Freja", last_name="Nielsen", status="active"
    )
    oliver = ParticipantFactory(
        partner=partner_a,
        first_name="Oliver",
        last_name="Jensen",
        status="enrolled",
        coach=colleague,
    )
    lena = ParticipantFactory(partner=partner_b, first_name="Lena", last_name="Schmidt")
    manager = personas.manager
    assert list(selectors.caseload(manager, search="frej niel")) == [freja]
    assert list(selectors.caseload(manager, search="jensen")) == [oliver]
    assert list(selectors.caseload(manager, status="enrolled")) == [oliver]
    assert list(selectors.caseload(manager, partner=partner_b)) == [lena]
    assert set(selectors.caseload(manager, country="DK")) == {freja, oliver}
    assert list(selectors.caseload(manager, coach=colleague)) == [oliver]


def test_duplicates_elsewhere_are_reported_without_details(personas, partner_a, partner_b):
    dob = datetime.date(2006, 1, 2)
    ParticipantFactory(partner=partner_b, first_name="Lena", last_name="Schmidt", date_of_birth=dob)
    found = selectors.find_duplicates(
        personas.coach_a, first_name="lena ", last_name="SCHMIDT", date_of_birth=dob
    )
    assert found.visible == [] and found.elsewhere and bool(found)
    mine = ParticipantFactory(partner=partner_a, email="same@example.org")
    found = selectors.find_duplicates(
        personas.coach_a,
        first_name="Other",
        last_name="Person",
        date_of_birth=dob,
        email="SAME@example.org",
    )
    assert found.visible == [mine] and not found.elsewhere
    nothing = selectors.find_duplicates(
        personas.coach_a, first_name="New", last_name="Person", date_of_birth=dob
    )
    assert not nothing

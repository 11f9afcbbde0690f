"""A template never triggers a query in a loop: the same number of queries for 1 and 20 rows."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from participants.selectors import mobility_step
from tests.factories.participants import (
    ActionPlanFactory,
    ActivityFactory,
    AssessmentFactory,
    AttendanceFactory,
    ConsentFactory,
    ContactFactory,
    DocumentFactory,
    GoalFactory,
    LanguageSkillFactory,
    OutcomeFactory,
    ParticipantFactory,
    ParticipantShareFactory,
    StepFactory,
)

from .conftest import place_with_company

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def busy_participant(partner, coach, company):
    """A participant with something in every column of the caseload."""
    participant = ParticipantFactory(partner=partner, coach=coach, entry_date=TODAY - 90 * DAY)
    goal = GoalFactory(plan=ActionPlanFactory(participant=participant, starts_on=TODAY - 90 * DAY))
    StepFactory(goal=goal, due_on=TODAY - DAY)
    StepFactory(goal=goal, due_on=TODAY + DAY)
    ContactFactory(participant=participant, author=coach, follow_up_on=TODAY + DAY)
    AttendanceFactory(
        activity=ActivityFactory(kind="camp", cross_border=True),
        participant=participant,
        recorded_by=coach,
    )
    place_with_company(participant, company, cross_border=True, start_date=TODAY - 10 * DAY)
    return participant


@pytest.mark.parametrize("persona", ["coach_a", "manager"])
def test_caseload_queries_do_not_grow_with_participants(
    client_for, personas, partner_a, company_x, persona, count_queries
):
    client = client_for(persona)
    busy_participant(partner_a, personas.coach_a, company_x)
    one = count_queries(client, reverse("participants:caseload"))
    for _ in range(19):
        busy_participant(partner_a, personas.coach_a, company_x)
    twenty = count_queries(client, reverse("participants:caseload"))
    assert one == twenty


def add_everything(participant, coach, company, plan, goal):
    ContactFactory(participant=participant, author=coach, follow_up_on=TODAY)
    StepFactory(goal=goal)
    GoalFactory(plan=plan)
    AssessmentFactory(participant=participant, kind="interim", recorded_by=coach)
    LanguageSkillFactory(participant=participant)
    ConsentFactory(participant=participant, purpose="photos", recorded_by=coach)
    DocumentFactory(participant=participant, uploaded_by=coach)
    AttendanceFactory(participant=participant, recorded_by=coach)
    ParticipantShareFactory(participant=participant, granted_by=coach)
    place_with_company(participant, company, status="completed", start_date=TODAY - 50 * DAY)


@pytest.mark.parametrize("persona", ["coach_a", "manager"])
def test_participant_page_queries_do_not_grow_with_notes(
    client_for, personas, partner_a, persona, count_queries
):
    client = client_for(persona)
    participant = ParticipantFactory(partner=partner_a, coach=personas.coach_a)
    url = reverse("participants:detail", kwargs={"public_id": participant.public_id})
    ContactFactory(participant=participant, author=personas.coach_a)
    one = count_queries(client, url)
    for _ in range(19):
        ContactFactory(participant=participant, author=personas.coach_a, follow_up_on=TODAY)
    twenty = count_queries(client, url)
    assert one == twenty


def test_participant_page_queries_do_not_grow_with_any_section(
    client_for, personas, partner_a, company_x, count_queries
):
    client = client_for("coach_a")
    coach = personas.coach_a
    participant = OutcomeFactory(
        participant__partner=partner_a, participant__coach=coach, recorded_by=coach
    ).participant
    plan = ActionPlanFactory(participant=participant, starts_on=datetime.date(2026, 1, 1))
    goal = GoalFactory(plan=plan)
    url = reverse("participants:detail", kwargs={"public_id": participant.public_id})
    add_everything(participant, coach, company_x, plan, goal)
    one = count_queries(client, url)
    for _ in range(19):
        add_everything(participant, coach, company_x, plan, goal)
    twenty = count_queries(client, url)
    assert one == twenty


PARTICIPANT_PAGE_BUDGET = 10


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the lists are read in one statement with PostgreSQL's json_agg; on SQLite "
    "jump.lib.batch.fetch_together reads each on its own (tests/lib/test_batch.py)",
)
def test_participant_page_reads_its_lists_in_few_statements_at_any_size(
    client_for, personas, partner_a, company_x, count_queries
):
    """Issue 20: the whole case file (thirteen lists and the ladder) in at most 10 statements,
    the same number with 5 and with 25 rows in every section."""
    client = client_for("coach_a")
    coach = personas.coach_a
    participant = OutcomeFactory(
        participant__partner=partner_a, participant__coach=coach, recorded_by=coach
    ).participant
    plan = ActionPlanFactory(participant=participant, starts_on=datetime.date(2026, 1, 1))
    goal = GoalFactory(plan=plan)
    url = reverse("participants:detail", kwargs={"public_id": participant.public_id})
    for _ in range(5):
        add_everything(participant, coach, company_x, plan, goal)
    five = count_queries(client, url)
    for _ in range(20):
        add_everything(participant, coach, company_x, plan, goal)
    response = client.get(url)
    twenty_five = count_queries(client, url)
    assert five == twenty_five
    assert twenty_five <= PARTICIPANT_PAGE_BUDGET
    # The lists are all there: 26 goals of the plan, 25 contacts, 25 documents.
    assert len(response.context["plans"][0].goals.all()) == 26
    assert len(response.context["contacts"]) == 25
    assert len(response.context["documents"]) == 25
    assert response.context["mobility_step"] == mobility_step(participant) == 1


def test_caseload_statements_are_the_same_for_5_and_25_rows(
    client_for, personas, partner_a, company_x, count_queries
):
    client = client_for("coach_a")
    for _ in range(5):
        busy_participant(partner_a, personas.coach_a, company_x)
    five = count_queries(client, reverse("participants:caseload"))
    for _ in range(20):
        busy_participant(partner_a, personas.coach_a, company_x)
    twenty_five = count_queries(client, reverse("participants:caseload"))
    assert five == twenty_five <= 10


def test_activity_list_queries_do_not_grow_with_activities(client_for, partner_a, count_queries):
    client = client_for("coach_a")
    ActivityFactory(partner=partner_a)
    one = count_queries(client, reverse("participants:activity_list"))
    for _ in range(19):
        AttendanceFactory(activity=ActivityFactory(partner=partner_a))
    twenty = count_queries(client, reverse("participants:activity_list"))
    assert one == twenty


@pytest.mark.parametrize("name", ["activity_detail", "attendance_edit"])
def test_activity_attendance_queries_do_not_grow_with_participants(
    client_for, personas, partner_a, name, count_queries
):
    client = client_for("coach_a")
    activity = ActivityFactory(partner=partner_a, date=TODAY - DAY)
    url = reverse(f"participants:{name}", kwargs={"public_id": activity.public_id})
    AttendanceFactory(activity=activity, participant=ParticipantFactory(partner=partner_a))
    one = count_queries(client, url)
    for _ in range(19):
        AttendanceFactory(activity=activity, participant=ParticipantFactory(partner=partner_a))
    twenty = count_queries(client, url)
    assert one == twenty


def test_cv_queries_do_not_grow_with_activities_and_languages(
    client_for, personas, partner_a, count_queries
):
    client = client_for("coach_a")
    participant = ParticipantFactory(partner=partner_a, coach=personas.coach_a)
    url = reverse("participants:cv", kwargs={"public_id": participant.public_id})
    AttendanceFactory(participant=participant)
    LanguageSkillFactory(participant=participant)
    one = count_queries(client, url)
    for n in range(19):
        AttendanceFactory(participant=participant)
        LanguageSkillFactory(participant=participant, language="other", other_language=f"L{n}")
    twenty = count_queries(client, url)
    assert one == twenty

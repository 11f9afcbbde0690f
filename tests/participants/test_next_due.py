"""The caseload's sort key `Participant.next_due_on` (issue 20): kept by every service that
writes steps, goals, plans or case notes, equal after each of them to a recomputation from the
source tables (here in Python, independently of participants/next_due.py)."""

import datetime

import pytest
from django.contrib.admin.sites import AdminSite
from django.test import RequestFactory
from django.utils import timezone

from jump.accounts import demo as accounts_demo
from jump.audit.erasure import participant_erase
from participants import demo, services
from participants.admin import ActionPlanAdmin, GoalAdmin
from participants.models import ActionPlan, Contact, Goal, Participant, Step
from participants.next_due import recompute_next_due
from tests.factories.participants import (
    ActionPlanFactory,
    ContactFactory,
    GoalFactory,
    ParticipantFactory,
    StepFactory,
)
from young_people.services import step_tick_by_young_person

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
STALE = datetime.date(1999, 1, 1)


def from_scratch(participant: Participant) -> datetime.date | None:
    """The earliest open step or open follow-up of the participant, read row by row."""
    steps = [
        s.due_on
        for s in Step.objects.filter(goal__plan__participant=participant)
        if s.done_on is None
    ]
    follow_ups = [
        c.follow_up_on
        for c in Contact.objects.filter(participant=participant)
        if c.follow_up_on is not None and c.follow_up_done_on is None
    ]
    return min(steps + follow_ups, default=None)


def stored(participant: Participant) -> datetime.date | None:
    return Participant.objects.values_list("next_due_on", flat=True).get(pk=participant.pk)


@pytest.fixture
def case(personas, partner_a):
    participant = ParticipantFactory(
        partner=partner_a,
        coach=personas.coach_a,
        user=personas.youth_p1,
        entry_date=TODAY - 100 * DAY,
    )
    plan = ActionPlanFactory(participant=participant, starts_on=TODAY - 100 * DAY)
    goal = GoalFactory(plan=plan)
    early = StepFactory(goal=goal, title="early", due_on=TODAY - 3 * DAY)
    StepFactory(goal=goal, title="later", due_on=TODAY + 20 * DAY)
    note = ContactFactory(participant=participant, date=TODAY - 10 * DAY, follow_up_on=TODAY)
    # A stale value: whatever the service does, it must leave the recomputed one behind.
    Participant.objects.filter(pk=participant.pk).update(next_due_on=STALE)
    return {
        "participant": participant,
        "plan": plan,
        "goal": goal,
        "early": early,
        "note": note,
        "actor": personas.coach_a,
        "youth": personas.youth_p1,
    }


def _plan_create(c):
    services.action_plan_create(
        actor=c["actor"],
        participant=c["participant"],
        title="Second plan",
        starts_on=TODAY - 20 * DAY,
        goal_title="A goal",
        steps=[("Sooner", TODAY - 10 * DAY)],
    )


def _tick(c):
    step_tick_by_young_person(
        actor=c["youth"], participant=c["participant"], step_public_id=c["early"].public_id
    )


SERVICES = {
    "action_plan_create": _plan_create,
    "action_plan_update": lambda c: services.action_plan_update(
        actor=c["actor"], plan=c["plan"], title="Renamed", starts_on=TODAY - 90 * DAY
    ),
    "goal_create": lambda c: services.goal_create(actor=c["actor"], plan=c["plan"], title="New"),
    "goal_update": lambda c: services.goal_update(
        actor=c["actor"], goal=c["goal"], title="Done goal", done_on=TODAY
    ),
    "step_create": lambda c: services.step_create(
        actor=c["actor"], goal=c["goal"], title="Sooner", due_on=TODAY - 30 * DAY
    ),
    "step_update": lambda c: services.step_update(
        actor=c["actor"], step=c["early"], title="moved", due_on=TODAY + 40 * DAY
    ),
    "step_mark_done": lambda c: services.step_mark_done(actor=c["actor"], step=c["early"]),
    "step_tick_by_young_person": _tick,
    "contact_create": lambda c: services.contact_create(
        actor=c["actor"],
        participant=c["participant"],
        date=TODAY - 5 * DAY,
        channel="phone",
        summary="Call",
        follow_up_on=TODAY - 4 * DAY,
    ),
    "contact_update": lambda c: services.contact_update(
        actor=c["actor"], contact=c["note"], follow_up_on=None
    ),
    "contact_close_follow_up": lambda c: services.contact_close_follow_up(
        actor=c["actor"], contact=c["note"]
    ),
}


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_each_service_leaves_the_recomputed_next_due_date(case, name):
    SERVICES[name](case)
    participant = case["participant"]
    assert stored(participant) != STALE
    assert stored(participant) == from_scratch(participant)


def test_the_services_move_the_date_as_expected(case):
    participant = case["participant"]
    services.step_mark_done(actor=case["actor"], step=case["early"])
    assert stored(participant) == TODAY  # the follow-up now comes first
    services.contact_close_follow_up(actor=case["actor"], contact=case["note"])
    assert stored(participant) == TODAY + 20 * DAY  # the later step
    services.step_create(actor=case["actor"], goal=case["goal"], title="x", due_on=TODAY - DAY)
    assert stored(participant) == TODAY - DAY


def test_none_open_is_null_and_other_participants_are_untouched(personas, partner_a):
    participant = ParticipantFactory(partner=partner_a)
    other = ParticipantFactory(partner=partner_a)
    StepFactory(
        goal=GoalFactory(plan=ActionPlanFactory(participant=other, starts_on=TODAY - 9 * DAY)),
        due_on=TODAY + DAY,
    )
    ContactFactory(participant=participant, date=TODAY - 9 * DAY)  # no follow-up
    StepFactory(
        goal=GoalFactory(
            plan=ActionPlanFactory(participant=participant, starts_on=TODAY - 9 * DAY)
        ),
        due_on=TODAY - 2 * DAY,
        done_on=TODAY - DAY,
    )
    ContactFactory(
        participant=participant,
        date=TODAY - 9 * DAY,
        follow_up_on=TODAY - 8 * DAY,
        follow_up_done_on=TODAY - 7 * DAY,
    )
    assert stored(participant) is None
    assert stored(other) == TODAY + DAY
    assert recompute_next_due([participant.pk]) == 1
    assert stored(other) == TODAY + DAY


def test_a_step_wins_over_a_later_follow_up_and_the_reverse(personas, partner_a):
    participant = ParticipantFactory(partner=partner_a)
    plan = ActionPlanFactory(participant=participant, starts_on=TODAY - 30 * DAY)
    StepFactory(goal=GoalFactory(plan=plan), due_on=TODAY + 5 * DAY)
    ContactFactory(participant=participant, date=TODAY - DAY, follow_up_on=TODAY + 9 * DAY)
    assert stored(participant) == TODAY + 5 * DAY
    ContactFactory(participant=participant, date=TODAY - DAY, follow_up_on=TODAY + DAY)
    assert stored(participant) == TODAY + DAY


def test_recompute_is_one_statement_for_many(django_assert_num_queries, partner_a):
    people = [ParticipantFactory(partner=partner_a) for _ in range(3)]
    with django_assert_num_queries(1):
        recompute_next_due([p.pk for p in people])
    with django_assert_num_queries(0):
        recompute_next_due([])


def _admin_request(personas):
    request = RequestFactory().post("/")
    request.user = personas.admin
    return request


def test_deleting_a_plan_or_goal_in_the_admin_recomputes(case, personas):
    participant = case["participant"]
    request = _admin_request(personas)
    other_plan = ActionPlanFactory(participant=participant, starts_on=TODAY - 50 * DAY)
    late_goal = GoalFactory(plan=other_plan)
    StepFactory(goal=late_goal, due_on=TODAY - 40 * DAY)
    assert stored(participant) == TODAY - 40 * DAY
    GoalAdmin(Goal, AdminSite()).delete_model(request, late_goal)
    assert stored(participant) == TODAY - 3 * DAY
    ActionPlanAdmin(ActionPlan, AdminSite()).delete_queryset(
        request, ActionPlan.objects.filter(pk=case["plan"].pk)
    )
    assert stored(participant) == TODAY  # only the follow-up is left
    assert stored(participant) == from_scratch(participant)


def test_erasure_keeps_the_date_consistent(case, personas):
    participant = case["participant"]
    recompute_next_due([participant.pk])
    participant_erase(participant=participant, actor=personas.admin, reason="Asked to")
    assert stored(participant) == from_scratch(participant)


def test_the_demo_seed_fills_the_date():
    world: dict = {}
    accounts_demo.seed(world)
    demo.seed(world)
    people = list(Participant.objects.all())
    assert any(p.next_due_on is not None for p in people)
    for person in people:
        assert person.next_due_on == from_scratch(person), person


def test_the_bench_seed_fills_the_date():
    from bench import seed

    seed.seed_scale(40, log=lambda line: None)
    people = list(Participant.objects.all())
    assert any(p.next_due_on is not None for p in people)
    for person in people:
        assert person.next_due_on == from_scratch(person), person


def test_moving_a_plan_to_another_participant_in_the_admin_recomputes_both(case, personas):
    from types import SimpleNamespace

    before = case["participant"]
    after = ParticipantFactory(partner=before.partner)
    plan = case["plan"]
    ActionPlan.objects.filter(pk=plan.pk).update(participant=after)  # what the form saved
    plan.refresh_from_db()
    form = SimpleNamespace(instance=plan, initial={"participant": before.pk}, save_m2m=lambda: None)
    ActionPlanAdmin(ActionPlan, AdminSite()).save_related(_admin_request(personas), form, [], True)
    assert stored(before) == TODAY  # only its follow-up is left
    assert stored(after) == TODAY - 3 * DAY  # the plan's open steps came with it
    assert stored(before) == from_scratch(before) and stored(after) == from_scratch(after)

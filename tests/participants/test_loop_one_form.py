"""Issue 17 "Daily paths with fewer steps": leaving in one form (status, exit date and reason,
exit outcome: one service call, one transaction) and an action plan with its first goal and
steps in one form, more goals and steps added in place (htmx) on the case file."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jump.audit.models import AccessLog
from participants import services
from participants.models import ActionPlan, Goal, Outcome, Participant, Step
from tests.factories.participants import ActionPlanFactory, GoalFactory, ParticipantFactory

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def url(name, participant, **kwargs):
    return reverse(f"participants:{name}", kwargs={"public_id": participant.public_id, **kwargs})


@pytest.fixture
def active(personas):
    return ParticipantFactory(
        partner=personas.coach_a.partner,
        coach=personas.coach_a,
        status=Participant.Status.ACTIVE,
        entry_date=TODAY - 100 * DAY,
    )


def _leave_data(**overrides):
    return {
        "status": "completed",
        "exit_date": (TODAY - 2 * DAY).isoformat(),
        "exit_reason": "Apprenticeship",
        "outcome": "in_vocational_training",
        "cross_border": "on",
        "note": "Lehre in Flensburg",
        **overrides,
    }


# --- leaving in one form --------------------------------------------------------------------------


def test_loop_one_form_exit_sets_status_date_reason_and_outcome(client_for, active):
    response = client_for("coach_a").post(url("leave", active), _leave_data())
    assert response.status_code == 302
    assert response["Location"].endswith("#outcomes")
    active.refresh_from_db()
    assert active.status == Participant.Status.COMPLETED
    assert active.exit_date == TODAY - 2 * DAY
    assert active.exit_reason == "Apprenticeship"
    outcome = active.outcomes.get()
    assert (outcome.timing, outcome.kind, outcome.date) == (
        Outcome.Timing.EXIT,
        "in_vocational_training",
        TODAY - 2 * DAY,
    )
    assert outcome.cross_border is True
    assert outcome.note == "Lehre in Flensburg"
    # One form: the participant page no longer asks for the exit outcome afterwards.
    page = client_for("coach_a").get(url("detail", active))
    assert page.context["prompt_exit_outcome"] is False


def test_loop_one_form_exit_dropped_out_from_enrolled(client_for, personas):
    enrolled = ParticipantFactory(
        partner=personas.coach_a.partner,
        coach=personas.coach_a,
        status=Participant.Status.ENROLLED,
        entry_date=TODAY - 10 * DAY,
    )
    response = client_for("coach_a").post(
        url("leave", enrolled),
        _leave_data(status="dropped_out", outcome="seeking_work", cross_border=""),
    )
    assert response.status_code == 302
    enrolled.refresh_from_db()
    assert enrolled.status == Participant.Status.DROPPED_OUT
    assert enrolled.outcomes.get().kind == "seeking_work"


def test_loop_one_form_exit_before_the_entry_date_is_refused_on_the_field(client_for, active):
    response = client_for("coach_a").post(
        url("leave", active), _leave_data(exit_date=(TODAY - 101 * DAY).isoformat())
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any("before the entry date" in message for message in errors["exit_date"])
    active.refresh_from_db()
    assert (active.status, active.exit_date, active.exit_reason) == ("active", None, "")
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"exit_date": (TODAY + DAY).isoformat()}, "exit_date"),
        ({"exit_date": ""}, "exit_date"),
        ({"exit_reason": ""}, "exit_reason"),
        ({"outcome": ""}, "outcome"),
        ({"outcome": "not-a-kind"}, "outcome"),
        ({"status": "interested"}, "status"),
        # Only education, training or work can be across the border: the outcome would fail,
        # so the status does not change either.
        ({"outcome": "seeking_work", "cross_border": "on"}, "cross_border"),
    ],
    ids=[
        "future_exit",
        "no_exit_date",
        "no_reason",
        "no_outcome",
        "forged_outcome",
        "status_not_leaving",
        "cross_border_not_in_work",
    ],
)
def test_loop_one_form_exit_bad_input_writes_nothing(client_for, active, overrides, field):
    response = client_for("coach_a").post(url("leave", active), _leave_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    active.refresh_from_db()
    assert (active.status, active.exit_date) == ("active", None)
    assert not Outcome.objects.exists()


def test_loop_one_form_exit_service_is_one_transaction(personas, active):
    """A refused outcome rolls the status change back (the service, not only the form)."""
    with pytest.raises(ValidationError) as exc:
        services.participant_leave(
            actor=personas.coach_a,
            participant=active,
            status="completed",
            exit_date=TODAY,
            exit_reason="Job",
            outcome="seeking_work",
            cross_border=True,
        )
    assert "cross_border" in exc.value.message_dict
    active.refresh_from_db()
    assert (active.status, active.exit_date) == ("active", None)
    assert not Outcome.objects.exists()


def test_loop_one_form_exit_of_someone_who_left_is_refused(client_for, personas):
    left = ParticipantFactory(
        partner=personas.coach_a.partner,
        coach=personas.coach_a,
        status=Participant.Status.COMPLETED,
        entry_date=TODAY - 100 * DAY,
        exit_date=TODAY - 10 * DAY,
        exit_reason="Done",
    )
    response = client_for("coach_a").post(url("leave", left), _leave_data(status="dropped_out"))
    assert response.status_code == 200
    assert response.context["form"].errors["status"]
    left.refresh_from_db()
    assert (left.status, left.exit_date) == ("completed", TODAY - 10 * DAY)


def test_loop_one_form_exit_replaces_the_status_steps_in_the_ui(client_for, active):
    page = client_for("coach_a").get(url("detail", active)).content.decode()
    assert url("leave", active) in page
    # An active participant has no status left but leaving: no "Change status" button.
    assert url("status", active) not in page
    status_form = client_for("coach_a").get(url("status", active))
    assert list(status_form.context["form"].fields["status"].choices) == []
    leave_form = client_for("coach_a").get(url("leave", active))
    assert [value for value, _label in leave_form.context["form"].fields["status"].choices] == [
        "completed",
        "dropped_out",
    ]


def test_loop_one_form_exit_status_form_no_longer_takes_leaving(client_for, active):
    response = client_for("coach_a").post(
        url("status", active),
        {"status": "completed", "exit_date": TODAY.isoformat(), "exit_reason": "Job"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["status"]
    active.refresh_from_db()
    assert active.status == "active"


# --- an action plan in one form -----------------------------------------------------------------


def _plan_data(**overrides):
    return {
        "title": "Towards an apprenticeship",
        "starts_on": TODAY.isoformat(),
        "goal_title": "German at B1",
        "goal_due_on": (TODAY + 90 * DAY).isoformat(),
        "step_1_title": "Language course",
        "step_1_due_on": (TODAY + 14 * DAY).isoformat(),
        "step_2_title": "Practice interview",
        "step_2_due_on": (TODAY + 30 * DAY).isoformat(),
        "step_3_title": "",
        "step_3_due_on": "",
        **overrides,
    }


def test_loop_one_form_plan_with_its_first_goal_and_steps(client_for, active):
    response = client_for("coach_a").post(url("plan_create", active), _plan_data())
    assert response.status_code == 302
    assert response["Location"].endswith("#plan")
    plan = ActionPlan.objects.get(participant=active)
    goal = plan.goals.get()
    assert (goal.title, goal.due_on) == ("German at B1", TODAY + 90 * DAY)
    assert [(s.title, s.due_on) for s in goal.steps.all()] == [
        ("Language course", TODAY + 14 * DAY),
        ("Practice interview", TODAY + 30 * DAY),
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"goal_title": ""}, "goal_title"),
        ({"goal_title": "   "}, "goal_title"),
        ({"step_1_title": "", "step_1_due_on": ""}, "step_1_title"),
        ({"step_2_due_on": ""}, "step_2_due_on"),
        ({"step_3_due_on": TODAY.isoformat()}, "step_3_title"),
        ({"step_2_due_on": (TODAY - DAY).isoformat()}, "step_2_due_on"),
        ({"goal_due_on": (TODAY - DAY).isoformat()}, "goal_due_on"),
        ({"starts_on": "2026-02-30"}, "starts_on"),
    ],
    ids=[
        "empty_goal",
        "blank_goal",
        "no_first_step",
        "step_without_date",
        "date_without_step",
        "step_before_the_plan",
        "goal_before_the_plan",
        "impossible_date",
    ],
)
def test_loop_one_form_plan_bad_input_writes_nothing(client_for, active, overrides, field):
    response = client_for("coach_a").post(url("plan_create", active), _plan_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not ActionPlan.objects.exists()
    assert not Goal.objects.exists()
    assert not Step.objects.exists()


def test_loop_one_form_plan_service_refuses_steps_without_a_goal(personas, active):
    with pytest.raises(ValidationError) as exc:
        services.action_plan_create(
            actor=personas.coach_a,
            participant=active,
            title="Plan",
            starts_on=TODAY,
            steps=[("Step", TODAY)],
        )
    assert "goal_title" in exc.value.message_dict
    assert not ActionPlan.objects.exists()


@pytest.fixture
def plan(active, personas):
    plan = ActionPlanFactory(participant=active, created_by=personas.coach_a, starts_on=TODAY)
    GoalFactory(plan=plan, title="Existing goal")
    return plan


def test_loop_one_form_plan_goal_added_in_place_answers_the_plan_card(client_for, active, plan):
    client = client_for("coach_a")
    response = client.post(
        url("goal_create", active, item_id=plan.public_id),
        {"title": "Driving licence", "due_on": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    # A fragment: the plan's card, not a page.
    assert "<html" not in html
    assert f'id="plan-{plan.public_id}"' in html
    assert "Driving licence" in html and "Existing goal" in html
    assert "data-announce" in html
    assert plan.goals.filter(title="Driving licence").exists()
    # The fragment shows the case: it is in the access log (SECURITY 31).
    assert AccessLog.objects.filter(participant=active, what="action plan (in place)").exists()


def test_loop_one_form_plan_step_added_in_place(client_for, active, plan):
    goal = plan.goals.get()
    response = client_for("coach_a").post(
        url("step_create", active, item_id=goal.public_id),
        {"title": "Book the theory test", "due_on": (TODAY + 7 * DAY).isoformat()},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Book the theory test" in response.content.decode()
    assert "<html" not in response.content.decode()
    assert goal.steps.get().title == "Book the theory test"


def test_loop_one_form_plan_empty_goal_in_place_shows_the_error_in_the_card(
    client_for, active, plan
):
    response = client_for("coach_a").post(
        url("goal_create", active, item_id=plan.public_id),
        {"title": "", "due_on": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'aria-invalid="true"' in html
    assert f'id="goal-{plan.public_id}-title-error"' in html
    assert plan.goals.count() == 1


def test_loop_one_form_plan_step_before_the_plan_in_place_is_refused(client_for, active, plan):
    goal = plan.goals.get()
    response = client_for("coach_a").post(
        url("step_create", active, item_id=goal.public_id),
        {"title": "Too early", "due_on": (TODAY - DAY).isoformat()},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="step-{goal.public_id}-due_on-error"' in html
    assert not goal.steps.exists()


def test_loop_one_form_plan_in_place_works_without_javascript(client_for, active, plan):
    """The same inline form posted without htmx: the page reloads at the plan."""
    response = client_for("coach_a").post(
        url("goal_create", active, item_id=plan.public_id), {"title": "Without JS"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#plan")
    assert plan.goals.filter(title="Without JS").exists()


def test_loop_one_form_plan_case_file_has_the_inline_forms(client_for, active, plan):
    goal = plan.goals.get()
    page = client_for("coach_a").get(url("detail", active)).content.decode()
    goal_url = url("goal_create", active, item_id=plan.public_id)
    step_url = url("step_create", active, item_id=goal.public_id)
    assert f'hx-post="{goal_url}"' in page and f'action="{goal_url}"' in page
    assert f'hx-post="{step_url}"' in page


def test_loop_one_form_plan_in_place_of_another_coach_is_404(client_for, active, plan):
    response = client_for("coach_b").post(
        url("goal_create", active, item_id=plan.public_id),
        {"title": "Forged"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 404
    assert plan.goals.count() == 1


def test_loop_one_form_exit_page_is_in_the_access_log(client_for, active):
    response = client_for("coach_a").get(url("leave", active))
    assert response.status_code == 200
    assert AccessLog.objects.filter(participant=active, what="leave form").count() == 1

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from participants.models import (
    Assessment,
    Attendance,
    LanguageSkill,
    Outcome,
    Participant,
    Step,
)
from tests.factories.accounts import UserFactory
from tests.factories.participants import (
    ActionPlanFactory,
    ActivityFactory,
    GoalFactory,
    ParticipantFactory,
)

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def url(name, participant=None, **kwargs):
    if participant is not None:
        kwargs["public_id"] = participant.public_id
    return reverse(f"participants:{name}", kwargs=kwargs)


def intake_data(**overrides):
    return {
        "first_name": "Freja",
        "last_name": "Nielsen",
        "date_of_birth": "2006-04-02",
        "gender": "female",
        "email": "freja@example.org",
        "phone": "",
        "street": "",
        "postcode": "6400",
        "municipality": "Sønderborg",
        "country_of_residence": "DK",
        "education_level": "isced_0_2",
        "labour_market_status": "unemployed",
        "preferred_language": "da",
        "entry_date": "",
        **overrides,
    }


@pytest.fixture
def coach_a(client_for, personas):
    client = client_for("coach_a")
    client.user = personas.coach_a
    return client


def field_errors(response, field):
    return response.context["form"].errors.get(field, [])


# --- intake -------------------------------------------------------------------------------------


def test_intake_creates_the_participant_for_the_coachs_partner(coach_a, personas):
    response = coach_a.post(url("create"), intake_data(coach=personas.coach_a.public_id))
    participant = Participant.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", participant)
    assert participant.partner == personas.coach_a.partner
    assert participant.coach == personas.coach_a


def test_intake_ignores_a_partner_sent_in_the_form(coach_a, personas, partner_b):
    coach_a.post(
        url("create"),
        intake_data(coach=personas.coach_a.public_id, partner=partner_b.pk, status="completed"),
    )
    participant = Participant.objects.get()
    assert participant.partner == personas.coach_a.partner
    assert participant.status == "interested"


def test_intake_with_birth_date_in_the_future_shows_the_form_again(coach_a, personas):
    with translation.override("en"):
        response = coach_a.post(
            url("create"),
            intake_data(
                coach=personas.coach_a.public_id,
                date_of_birth=(TODAY + DAY).isoformat(),
            ),
        )
    assert response.status_code == 200
    assert "The date of birth cannot be in the future." in field_errors(response, "date_of_birth")
    assert not Participant.objects.exists()


def test_intake_warns_of_a_duplicate_of_the_own_partner_and_confirm_creates(coach_a, personas):
    existing = ParticipantFactory(
        partner=personas.coach_a.partner,
        first_name="Freja",
        last_name="Nielsen",
        date_of_birth=datetime.date(2006, 4, 2),
    )
    data = intake_data(coach=personas.coach_a.public_id, email="")
    response = coach_a.post(url("create"), data)
    assert response.status_code == 200
    assert response.context["duplicates"].visible == [existing]
    assert url("detail", existing) in response.text
    assert Participant.objects.count() == 1
    fingerprint = response.context["fingerprint"]
    response = coach_a.post(url("create"), {**data, "confirm_fingerprint": fingerprint})
    assert response.status_code == 302
    assert Participant.objects.count() == 2


def test_intake_duplicate_of_another_partner_is_named_without_details(client_for, personas):
    hidden = ParticipantFactory(
        partner=personas.coach_a.partner,
        first_name="Freja",
        last_name="Nielsen",
        date_of_birth=datetime.date(2006, 4, 2),
        municipality="Hiddenborg",
    )
    client = client_for("coach_b")
    response = client.post(url("create"), intake_data(coach=personas.coach_b.public_id))
    assert response.status_code == 200
    assert "already exists in another partner" in response.text
    for leak in (str(hidden.public_id), hidden.partner.name, "Hiddenborg"):
        assert leak not in response.text
    assert Participant.objects.count() == 1


def test_intake_confirmation_is_only_for_the_checked_details(coach_a, personas):
    ParticipantFactory(partner=personas.coach_a.partner, email="freja@example.org")
    data = intake_data(coach=personas.coach_a.public_id)
    fingerprint = coach_a.post(url("create"), data).context["fingerprint"]
    # the e-mail changes after the warning, to another duplicate: warned again, not created
    ParticipantFactory(partner=personas.coach_a.partner, email="other@example.org")
    response = coach_a.post(
        url("create"),
        {**data, "email": "other@example.org", "confirm_fingerprint": fingerprint},
    )
    assert response.status_code == 200
    assert response.context["duplicates"]
    assert Participant.objects.count() == 2


def test_intake_refuses_a_coach_of_another_partner(coach_a, personas):
    response = coach_a.post(url("create"), intake_data(coach=personas.coach_b.public_id))
    assert response.status_code == 200
    assert field_errors(response, "coach")
    assert not Participant.objects.exists()


# --- status flow --------------------------------------------------------------------------------


@pytest.fixture
def p1(personas, partner_a):
    return ParticipantFactory(
        partner=partner_a,
        coach=personas.coach_a,
        status="active",
        entry_date=TODAY - 100 * DAY,
    )


def test_exit_before_entry_shows_the_form_again(coach_a, p1):
    response = coach_a.post(
        url("leave", p1),
        {
            "status": "completed",
            "exit_date": (TODAY - 101 * DAY).isoformat(),
            "exit_reason": "Apprenticeship",
            "outcome": "employed",
        },
    )
    assert response.status_code == 200
    assert any("before the entry date" in e for e in field_errors(response, "exit_date"))
    p1.refresh_from_db()
    assert (p1.status, p1.exit_date) == ("active", None)


def test_leaving_without_reason_shows_the_form_again(coach_a, p1):
    response = coach_a.post(
        url("leave", p1),
        {"status": "dropped_out", "exit_date": TODAY.isoformat(), "outcome": "seeking_work"},
    )
    assert response.status_code == 200
    assert field_errors(response, "exit_reason")


def test_status_not_offered_is_refused(coach_a, p1):
    response = coach_a.post(url("status", p1), {"status": "interested"})
    assert response.status_code == 200
    assert field_errors(response, "status")


def test_a_participant_who_left_without_an_exit_outcome_is_prompted_for_it(coach_a, p1):
    # Left before leaving took one form (or through an import): no exit outcome yet.
    Participant.objects.filter(pk=p1.pk).update(
        status="completed", exit_date=TODAY, exit_reason="Done"
    )
    page = coach_a.get(url("detail", p1))
    assert page.context["prompt_exit_outcome"] is True
    coach_a.post(
        url("outcome_edit", p1, timing="exit"),
        {"kind": "in_vocational_training", "date": TODAY.isoformat(), "cross_border": "on"},
    )
    page = coach_a.get(url("detail", p1))
    assert page.context["prompt_exit_outcome"] is False
    assert Outcome.objects.get(participant=p1).cross_border


def test_unknown_outcome_timing_is_404(coach_a, p1):
    assert coach_a.get(url("outcome_edit", p1, timing="ten_years")).status_code == 404


# --- the sections' bad input --------------------------------------------------------------------


def test_step_due_before_the_plan_began_shows_the_form_again(coach_a, p1):
    goal = GoalFactory(plan=ActionPlanFactory(participant=p1, starts_on=TODAY - 10 * DAY))
    response = coach_a.post(
        url("step_create", p1, item_id=goal.public_id),
        {"title": "Apply", "due_on": (TODAY - 11 * DAY).isoformat()},
    )
    assert response.status_code == 200
    assert any("before the action plan starts" in e for e in field_errors(response, "due_on"))
    assert not Step.objects.exists()


@pytest.mark.parametrize("level", ["D1", "A0", "native", ""])
def test_cefr_level_outside_a1_to_c2_shows_the_form_again(coach_a, p1, level):
    response = coach_a.post(
        url("language_add", p1),
        {"language": "de", "level": level, "assessed_on": TODAY.isoformat()},
    )
    assert response.status_code == 200
    errors = field_errors(response, "level")
    assert errors
    if level:
        assert "Choose a CEFR level from A1 to C2." in errors
    assert not LanguageSkill.objects.exists()


def test_valid_language_level_is_saved(coach_a, p1):
    response = coach_a.post(
        url("language_add", p1),
        {"language": "de", "level": "B1", "assessed_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    assert p1.language_skills.get().level == "B1"


RATINGS = {
    "kind": "entry",
    "rater": "self",
    "mobility_readiness": "2",
    "intercultural_competence": "3",
    "vocational_orientation": "3",
    "language_confidence": "1",
    "social_skills": "4",
    "note": "",
}


@pytest.mark.parametrize("bad", ["0", "6", "-3", "99"])
def test_rating_outside_one_to_five_shows_the_form_again(coach_a, p1, bad):
    response = coach_a.post(
        url("assessment_create", p1),
        {**RATINGS, "date": TODAY.isoformat(), "language_confidence": bad},
    )
    assert response.status_code == 200
    assert "Give a rating from 1 (low) to 5 (high)." in field_errors(
        response, "language_confidence"
    )
    assert not Assessment.objects.exists()


def test_second_entry_assessment_by_the_same_rater_shows_the_form_again(coach_a, p1):
    data = {**RATINGS, "date": TODAY.isoformat()}
    assert coach_a.post(url("assessment_create", p1), data).status_code == 302
    response = coach_a.post(url("assessment_create", p1), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    # Errors that belong to no single field are announced to screen readers.
    assert b'class="alert alert-block alert-danger" role="alert"' in response.content
    assert Assessment.objects.count() == 1


def test_case_note_with_follow_up_before_the_note_shows_the_form_again(coach_a, p1):
    response = coach_a.post(
        url("contact_create", p1),
        {
            "date": TODAY.isoformat(),
            "channel": "phone",
            "summary": "x",
            "follow_up_on": (TODAY - DAY).isoformat(),
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "follow_up_on")
    assert not p1.contacts.exists()


def test_script_typed_into_a_case_note_comes_back_escaped(coach_a, p1):
    coach_a.post(
        url("contact_create", p1),
        {"date": TODAY.isoformat(), "channel": "phone", "summary": "<script>alert(1)</script>"},
    )
    page = coach_a.get(url("detail", p1))
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


# --- consent buttons ----------------------------------------------------------------------------


# --- activities and attendance ------------------------------------------------------------------


def test_create_an_activity_and_register_many_at_once(coach_a, personas, partner_a, partner_b):
    response = coach_a.post(
        url("activity_create"),
        {
            "kind": "company_visit",
            "title": "Visit to a brewery in Flensburg",
            "description": "",
            "date": TODAY.isoformat(),
            "hours": "4.5",
            "country": "DE",
            "cross_border": "on",
        },
    )
    assert response.status_code == 302
    activity = personas.coach_a.partner.activities.get()
    assert response["Location"] == url("attendance_edit", public_id=activity.public_id)
    mine = [ParticipantFactory(partner=partner_a) for _ in range(3)]
    stranger = ParticipantFactory(partner=partner_b)
    page = coach_a.get(url("attendance_edit", public_id=activity.public_id))
    assert [p.pk for p in page.context["form"].candidates] == [
        p.pk for p in sorted(mine, key=lambda p: (p.last_name, p.first_name, p.pk))
    ]
    data = {
        f"p_{mine[0].public_id.hex}": "attended",
        f"p_{mine[1].public_id.hex}": "absent",
        f"p_{mine[2].public_id.hex}": "",
        # a participant of another partner, smuggled into the form, is ignored
        f"p_{stranger.public_id.hex}": "attended",
    }
    response = coach_a.post(url("attendance_edit", public_id=activity.public_id), data)
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("participant_id", "status")) == {
        mine[0].pk: "attended",
        mine[1].pk: "absent",
    }


def test_activity_with_zero_hours_shows_the_form_again(coach_a):
    response = coach_a.post(
        url("activity_create"),
        {
            "kind": "workshop",
            "title": "x",
            "date": TODAY.isoformat(),
            "hours": "0",
            "country": "DK",
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "hours")


def test_attendance_of_a_future_activity_shows_an_error(coach_a, partner_a):
    activity = ActivityFactory(partner=partner_a, date=TODAY + 5 * DAY)
    participant = ParticipantFactory(partner=partner_a)
    response = coach_a.post(
        url("attendance_edit", public_id=activity.public_id),
        {f"p_{participant.public_id.hex}": "attended"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Attendance.objects.exists()


# --- caseload page ------------------------------------------------------------------------------


def test_caseload_paginates_by_25(coach_a, partner_a):
    for n in range(27):
        ParticipantFactory(partner=partner_a, last_name=f"Person{n:02}")
    first = coach_a.get(url("caseload"))
    assert len(first.context["page"].rows) == 25
    last_row = first.context["page"].rows[-1]
    assert f"after={last_row.public_id}" in first.text
    second = coach_a.get(url("caseload") + f"?after={last_row.public_id}")
    assert [p.last_name for p in second.context["page"].rows] == ["Person25", "Person26"]


def test_caseload_filter_form_keeps_filters_in_the_page_links(coach_a, partner_a):
    for n in range(30):
        ParticipantFactory(partner=partner_a, status="active", last_name=f"Active{n:02}")
    response = coach_a.get(url("caseload") + "?status=active")
    last_row = response.context["page"].rows[-1]
    assert f"status=active&amp;after={last_row.public_id}" in response.text
    assert "status=active&amp;page=last" in response.text


def test_caseload_is_the_coachs_home(client_for):
    response = client_for("coach_a").get(reverse("home"))
    assert response["Location"] == url("caseload")


# --- a whole case, in German --------------------------------------------------------------------


def test_a_coach_runs_a_case_from_intake_to_six_month_outcome_in_german(partner_b):
    coach = UserFactory(roles=["coach"], partner=partner_b, mfa=True, preferred_language="de")
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    client.force_login(coach)
    with translation.override("de"):
        response = client.post(
            url("create"),
            intake_data(
                first_name="Lena",
                last_name="Schmidt",
                coach=coach.public_id,
                country_of_residence="DE",
                preferred_language="de",
            ),
        )
        participant = Participant.objects.get()
        assert response["Location"].startswith("/de/")
        start = TODAY - 250 * DAY
        for data in (
            {"status": "enrolled", "entry_date": start.isoformat()},
            {"status": "active"},
        ):
            assert client.post(url("status", participant), data).status_code == 302
        client.post(url("assessment_create", participant), {**RATINGS, "date": start.isoformat()})
        client.post(
            url("plan_create", participant),
            {
                "title": "Weg",
                "starts_on": start,
                "goal_title": "Dänisch",
                "step_1_title": "Sprachkurs",
                "step_1_due_on": (start + 30 * DAY).isoformat(),
            },
        )
        plan = participant.action_plans.get()
        goal = plan.goals.get()
        step = goal.steps.get()
        client.post(url("step_done", participant, item_id=step.public_id))
        client.post(
            url("contact_create", participant),
            {"date": start.isoformat(), "channel": "meeting", "summary": "Erstgespräch"},
        )
        exit_date = TODAY - 190 * DAY
        client.post(
            url("leave", participant),
            {
                "status": "completed",
                "exit_date": exit_date.isoformat(),
                "exit_reason": "Lehre",
                "outcome": "in_vocational_training",
                "cross_border": "on",
            },
        )
        page = client.get(url("detail", participant))
        assert page.context["prompt_six_month_outcome"] is True
        client.post(
            url("outcome_edit", participant, timing="six_months"),
            {"kind": "in_vocational_training", "date": TODAY.isoformat()},
        )
        page = client.get(url("detail", participant))
    participant.refresh_from_db()
    assert participant.status == "completed"
    step.refresh_from_db()
    assert step.done_on == TODAY
    assert participant.outcomes.count() == 2
    assert page.context["prompt_six_month_outcome"] is False
    assert page.context["prompt_exit_outcome"] is False
    assert page.wsgi_request.LANGUAGE_CODE == "de"
    assert '<html lang="de">' in page.text


def test_profile_entry_date_after_the_exit_shows_the_form_again(coach_a, personas, partner_a):
    left = ParticipantFactory(
        partner=partner_a,
        coach=personas.coach_a,
        status="completed",
        entry_date=TODAY - 100 * DAY,
        exit_date=TODAY - 10 * DAY,
        exit_reason="Done",
    )
    data = intake_data(coach=personas.coach_a.public_id, entry_date=(TODAY - 5 * DAY).isoformat())
    response = coach_a.post(url("edit", left), data)
    assert response.status_code == 200
    assert field_errors(response, "entry_date")
    left.refresh_from_db()
    assert left.entry_date == TODAY - 100 * DAY

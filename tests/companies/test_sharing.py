"""What a young person shares with a company for a placement: goals, activities, the CV
(issue 4: proposals show "relevant activities and goals the participant agreed to share, the CV
if shared"; SECURITY 9, 10)."""

import datetime

import pytest
from django.urls import reverse

from companies.models import Placement
from companies.services import placement_set_sharing
from jump.audit.models import AccessLog
from participants.models import Attendance, Document
from tests.factories.participants import (
    ActionPlanFactory,
    ActivityFactory,
    AttendanceFactory,
    DocumentFactory,
    GoalFactory,
)

from .conftest import withdraw_sharing

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(world):
    """P1's goals, activities (one attended, one missed) and documents; P2's goal."""
    plan = ActionPlanFactory(participant=world.p1, title="Plan P1")
    goal = GoalFactory(plan=plan, title="Forklift licence by summer")
    private_goal = GoalFactory(plan=plan, title="P1PRIVATEGOAL")
    attended = ActivityFactory(partner=world.p1.partner, title="Welding workshop Flensburg")
    missed = ActivityFactory(partner=world.p1.partner, title="Camp P1 missed")
    AttendanceFactory(activity=attended, participant=world.p1, status=Attendance.Status.ATTENDED)
    AttendanceFactory(activity=missed, participant=world.p1, status=Attendance.Status.ABSENT)
    cv = DocumentFactory(participant=world.p1, kind=Document.Kind.CV, original_name="CV Pia.pdf")
    certificate = DocumentFactory(
        participant=world.p1, kind=Document.Kind.CERTIFICATE, original_name="P1CERT.pdf"
    )
    other_goal = GoalFactory(plan=ActionPlanFactory(participant=world.p2), title="P2GOAL")
    return {
        "goal": goal,
        "private_goal": private_goal,
        "attended": attended,
        "missed": missed,
        "cv": cv,
        "certificate": certificate,
        "other_goal": other_goal,
    }


def sharing_url(placement):
    return reverse("companies:placement_sharing", kwargs={"public_id": placement.public_id})


def detail_url(placement):
    return reverse("companies:placement_detail", kwargs={"public_id": placement.public_id})


def cv_url(placement):
    return reverse("companies:placement_shared_cv", kwargs={"public_id": placement.public_id})


def share(world, items, placement=None):
    return placement_set_sharing(
        actor=world.personas.coach_a,
        placement=placement or world.placement_p1,
        goals=[items["goal"]],
        activities=[items["attended"]],
        cv=items["cv"],
    )


def test_the_coach_chooses_what_the_company_sees(client_for, world, items):
    coach = client_for("coach_a")
    page = coach.get(sharing_url(world.placement_p1))
    assert page.status_code == 200
    content = page.content.decode()
    # Only P1's own goals, attended activities and CVs are offered.
    assert "Forklift licence by summer" in content
    assert "Welding workshop Flensburg" in content
    assert "Camp P1 missed" not in content
    assert "P1CERT.pdf" not in content
    assert "P2GOAL" not in content
    response = coach.post(
        sharing_url(world.placement_p1),
        {
            "goals": [str(items["goal"].public_id)],
            "activities": [str(items["attended"].public_id)],
            "cv": str(items["cv"].public_id),
        },
    )
    assert response.status_code == 302
    placement = Placement.objects.get(pk=world.placement_p1.pk)
    assert list(placement.shared_goals.all()) == [items["goal"]]
    assert list(placement.shared_activities.all()) == [items["attended"]]
    assert placement.shared_cv == items["cv"]


def test_the_company_sees_the_shared_items_and_nothing_else(client_for, world, items):
    share(world, items)
    response = client_for("contact_x").get(detail_url(world.placement_p1))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Forklift licence by summer" in content
    assert "Welding workshop Flensburg" in content
    assert cv_url(world.placement_p1) in content
    for hidden in ("P1PRIVATEGOAL", "Camp P1 missed", "P1CERT.pdf", "Plan P1", "P1LASTNAME"):
        assert hidden not in content


def test_the_company_downloads_the_shared_cv_as_a_logged_attachment(client_for, world, items):
    share(world, items)
    response = client_for("contact_x").get(cv_url(world.placement_p1))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    log = AccessLog.objects.get(action=AccessLog.Action.DOWNLOAD)
    assert (log.actor, log.participant_id) == (world.personas.contact_x, world.p1.pk)


def test_no_shared_cv_or_another_company_is_404_and_writes_no_log(client_for, world, items):
    Placement.objects.filter(pk=world.placement_p1.pk).update(shared_cv=None)
    assert client_for("contact_x").get(cv_url(world.placement_p1)).status_code == 404
    share(world, items)
    assert client_for("contact_y").get(cv_url(world.placement_p1)).status_code == 404
    assert not AccessLog.objects.filter(action=AccessLog.Action.DOWNLOAD).exists()


def test_withdrawn_consent_hides_the_shared_items_on_the_next_request(client_for, world, items):
    share(world, items)
    contact = client_for("contact_x")
    assert contact.get(cv_url(world.placement_p1)).status_code == 200
    withdraw_sharing(world.p1, by=world.personas.coach_a)
    assert contact.get(cv_url(world.placement_p1)).status_code == 404
    assert contact.get(detail_url(world.placement_p1)).status_code == 404


def test_someone_elses_items_in_a_forged_post_are_refused_on_their_field(client_for, world, items):
    coach = client_for("coach_a")
    response = coach.post(
        sharing_url(world.placement_p1),
        {
            "goals": [str(items["other_goal"].public_id)],
            "activities": [str(items["missed"].public_id)],
            "cv": str(items["certificate"].public_id),
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"goals", "activities", "cv"}
    placement = Placement.objects.get(pk=world.placement_p1.pk)
    assert not placement.shared_goals.exists()
    assert placement.shared_cv == world.placement_p1.shared_cv  # unchanged


def test_the_service_refuses_items_that_are_not_the_young_persons(world, items):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        placement_set_sharing(
            actor=world.personas.coach_a,
            placement=world.placement_p1,
            goals=[items["other_goal"]],
            activities=[items["missed"]],
            cv=items["certificate"],
        )
    assert set(error.value.message_dict) == {"goals", "activities", "cv"}
    assert not world.placement_p1.shared_goals.exists()


def test_without_consent_nothing_can_be_shared(client_for, world, items):
    withdraw_sharing(world.p1, by=world.personas.coach_a)
    response = client_for("coach_a").post(
        sharing_url(world.placement_p1), {"goals": [str(items["goal"].public_id)]}
    )
    assert response.status_code == 200
    assert "not consented to sharing" in response.content.decode()
    assert not Placement.objects.get(pk=world.placement_p1.pk).shared_goals.exists()


def test_sharing_of_a_finished_placement_cannot_change(client_for, world, items):
    response = client_for("coach_a").post(
        sharing_url(world.placement_p1_done), {"goals": [str(items["goal"].public_id)]}
    )
    assert response.status_code == 200
    assert "only be changed while the placement is open" in response.content.decode()


def test_the_company_and_the_manager_cannot_choose(client_for, world, items):
    for persona in ("contact_x", "manager"):
        response = client_for(persona).post(
            sharing_url(world.placement_p1), {"goals": [str(items["goal"].public_id)]}
        )
        assert response.status_code == 403
    assert not Placement.objects.get(pk=world.placement_p1.pk).shared_goals.exists()


def test_the_coachs_placement_page_shows_what_the_company_sees(client_for, world, items):
    share(world, items)
    content = client_for("coach_a").get(detail_url(world.placement_p1)).content.decode()
    assert "What the company sees" in content
    assert "Forklift licence by summer" in content
    assert sharing_url(world.placement_p1) in content


def test_the_company_detail_page_reads_the_shared_items_in_a_fixed_number_of_queries(
    client_for, world, items, django_assert_max_num_queries
):
    share(world, items)
    extra_goal = GoalFactory(plan=items["goal"].plan, title="Second goal")
    placement_set_sharing(
        actor=world.personas.coach_a,
        placement=world.placement_p1,
        goals=[items["goal"], extra_goal],
        activities=[items["attended"]],
        cv=items["cv"],
    )
    contact = client_for("contact_x")
    contact.get(detail_url(world.placement_p1))
    with django_assert_max_num_queries(16):
        assert contact.get(detail_url(world.placement_p1)).status_code == 200


def test_goal_done_dates_show_as_reached(client_for, world, items):
    items["goal"].done_on = datetime.date(2026, 3, 1)
    items["goal"].save()
    share(world, items)
    content = client_for("contact_x").get(detail_url(world.placement_p1)).content.decode()
    assert "reached" in content

"""The young person's own pages: each shows their own things, and ticks and withdrawals tell
the coach."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jump.notifications.models import Kind, Notification
from participants.models import Consent, Step
from young_people import services

from .conftest import MARKER, OTHER

pytestmark = pytest.mark.django_db

PAGES = [
    "young_people:home",
    "young_people:plan",
    "young_people:placements",
    "young_people:consents",
]


@pytest.mark.parametrize("url_name", PAGES)
def test_each_page_shows_nothing_of_the_case_notes_or_another_young_person(
    client_for, world, url_name
):
    response = client_for("youth_p1").get(reverse(url_name))
    assert response.status_code == 200
    text = response.content.decode()
    assert MARKER not in text and OTHER not in text


def test_home_lists_the_next_things(client_for, world):
    response = client_for("youth_p1").get(reverse("young_people:home"))
    assert world.c1.step.title in response.content.decode()


def test_my_plan_shows_goals_and_steps(client_for, world):
    text = client_for("youth_p1").get(reverse("young_people:plan")).content.decode()
    assert world.c1.goal.title in text and world.c1.step.title in text


def test_ticking_a_step_done_tells_the_coach(client_for, world):
    client = client_for("youth_p1")
    url = reverse("young_people:step_tick", args=[world.c1.step.public_id])
    response = client.post(url)
    assert response.status_code == 302
    world.c1.step.refresh_from_db()
    assert world.c1.step.done_on is not None
    notification = Notification.objects.get(kind=Kind.STEP_TICKED)
    assert notification.recipient == world.personas.coach_a
    assert notification.object_id == world.c1.step.pk


def test_ticking_a_deleted_step_gives_a_message_not_a_500(client_for, world):
    client = client_for("youth_p1")
    url = reverse("young_people:step_tick", args=[world.c1.step.public_id])
    Step.objects.filter(pk=world.c1.step.pk).delete()
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "gone" in response.content.decode()


def test_another_young_persons_step_cannot_be_ticked(client_for, world):
    url = reverse("young_people:step_tick", args=[world.other_step.public_id])
    client_for("youth_p1").post(url)
    world.other_step.refresh_from_db()
    assert world.other_step.done_on is None
    assert not Notification.objects.exists()


def test_withdrawing_a_consent_needs_a_confirmation_and_tells_the_coach(client_for, world):
    client = client_for("youth_p1")
    url = reverse("young_people:consent_withdraw")
    page = client.get(url, {"purpose": "photos"})
    assert page.status_code == 200
    # Without ticking the confirmation nothing happens.
    client.post(url, {"purpose": "photos"})
    assert Consent.objects.filter(participant=world.p1, given=False).count() == 0
    response = client.post(url, {"purpose": "photos", "confirm": "on"})
    assert response.status_code == 302
    latest = Consent.objects.filter(participant=world.p1, purpose="photos").first()
    assert latest.given is False and latest.recorded_by == world.personas.youth_p1
    assert Consent.objects.filter(participant=world.p1, purpose="photos").count() == 2
    notification = Notification.objects.get(kind=Kind.CONSENT_WITHDRAWN)
    assert notification.recipient == world.personas.coach_a


def test_withdrawing_twice_gives_a_message_not_a_500(client_for, world):
    client = client_for("youth_p1")
    url = reverse("young_people:consent_withdraw")
    client.post(url, {"purpose": "photos", "confirm": "on"})
    response = client.post(url, {"purpose": "photos", "confirm": "on"}, follow=True)
    assert response.status_code == 200
    assert Consent.objects.filter(participant=world.p1, purpose="photos", given=False).count() == 1


@pytest.mark.parametrize("actor", ["coach_a", "manager", "admin", "outsider"])
def test_only_the_young_person_ticks_their_steps_and_withdraws_their_consents(world, actor):
    user = getattr(world.personas, actor)
    with pytest.raises(PermissionDenied):
        services.step_tick_by_young_person(
            actor=user, participant=world.p1, step_public_id=world.c1.step.public_id
        )
    with pytest.raises(PermissionDenied):
        services.consent_withdraw_by_young_person(
            actor=user, participant=world.p1, purpose="photos"
        )


def test_a_young_person_cannot_act_on_another_record(world):
    with pytest.raises(PermissionDenied):
        services.step_tick_by_young_person(
            actor=world.personas.youth_p1,
            participant=world.p2,
            step_public_id=world.other_step.public_id,
        )


def test_an_unknown_purpose_is_refused(world):
    with pytest.raises(ValidationError):
        services.consent_withdraw_by_young_person(
            actor=world.personas.youth_p1, participant=world.p1, purpose="nonsense"
        )


def test_the_withdrawal_applies_on_the_next_request_of_the_company(client_for, world):
    """SECURITY 10: P1 shared with company X; after the young person withdraws sharing, the
    company contact's next request for the placement is 404."""
    url = reverse("companies:placement_detail", args=[world.placement.public_id])
    assert client_for("contact_x").get(url).status_code == 200
    client_for("youth_p1").post(
        reverse("young_people:consent_withdraw"),
        {"purpose": "share_with_companies", "confirm": "on"},
    )
    assert client_for("contact_x").get(url).status_code == 404


def test_my_placement_shows_where_when_whom_to_ask_the_map_and_the_open_checklist(
    client_for, world
):
    placement = world.placement
    placement.cross_border = True
    placement.mentor_name = "Jens Mentor"
    placement.mentor_contact = "+45 1234"
    placement.health_insurance_card = True
    placement.save()
    text = client_for("youth_p1").get(reverse("young_people:placements")).content.decode()
    assert world.placement.offer.company.name in text
    assert "Jens Mentor" in text and "+45 1234" in text
    assert "https://www.openstreetmap.org/search?query=Flensburg" in text
    assert "Health card (EHIC)" in text and "Accident insurance" in text
    assert text.count("to do:") == 3 and text.count("ready:") == 1


def test_a_proposal_shows_what_the_company_sees_and_its_answer(client_for, world):
    placement = world.placement
    placement.status = "proposed"
    placement.save()
    text = client_for("youth_p1").get(reverse("young_people:placements")).content.decode()
    assert "What the firm sees of you" in text and "Wait for an answer" in text
    placement.status = "declined"
    placement.decline_reason = "No place left this spring"
    placement.save()
    text = client_for("youth_p1").get(reverse("young_people:placements")).content.decode()
    assert "The firm said no" in text and "No place left this spring" in text

"""The planned list of an activity (issue 18): a coach registers young people for an upcoming
activity with a capacity; attendance is later recorded from that list."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from participants import services
from participants.models import ActivityRegistration, Attendance, Participant
from tests.factories.participants import ActivityFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def upcoming(world):
    return ActivityFactory(
        partner=world.p1.partner,
        created_by=world.coach_a,
        date=timezone.localdate() + datetime.timedelta(days=7),
        capacity=2,
    )


def test_a_coach_registers_young_people_for_an_upcoming_activity(world, upcoming):
    added = services.activity_registration_add(
        actor=world.coach_a, activity=upcoming, participants=[world.p1]
    )
    assert added == 1
    registration = ActivityRegistration.objects.get(activity=upcoming)
    assert registration.participant == world.p1 and registration.registered_by == world.coach_a


def test_a_full_activity_refuses_with_a_message_and_writes_nothing(world, upcoming):
    others = ParticipantFactory.create_batch(2, partner=world.p1.partner, coach=world.coach_a)
    services.activity_registration_add(
        actor=world.coach_a, activity=upcoming, participants=[others[0]]
    )
    with pytest.raises(ValidationError, match="full"):
        services.activity_registration_add(
            actor=world.coach_a, activity=upcoming, participants=[world.p1, others[1]]
        )
    assert ActivityRegistration.objects.filter(activity=upcoming).count() == 1


def test_no_capacity_means_no_limit(world, upcoming):
    upcoming.capacity = None
    upcoming.save()
    people = ParticipantFactory.create_batch(4, partner=world.p1.partner, coach=world.coach_a)
    assert (
        services.activity_registration_add(
            actor=world.coach_a, activity=upcoming, participants=people
        )
        == 4
    )


def test_a_person_who_left_the_programme_is_refused(world, upcoming):
    gone = ParticipantFactory(
        partner=world.p1.partner, coach=world.coach_a, status=Participant.Status.DROPPED_OUT
    )
    with pytest.raises(ValidationError, match="left the programme"):
        services.activity_registration_add(
            actor=world.coach_a, activity=upcoming, participants=[world.p1, gone]
        )
    assert not ActivityRegistration.objects.filter(activity=upcoming).exists()


def test_only_participants_the_coach_may_change(world, upcoming):
    with pytest.raises(PermissionDenied):
        services.activity_registration_add(
            actor=world.coach_a, activity=upcoming, participants=[world.p2]
        )
    assert not ActivityRegistration.objects.filter(activity=upcoming).exists()


def test_a_past_activity_takes_no_registrations(world):
    with pytest.raises(ValidationError):
        services.activity_registration_add(
            actor=world.coach_a, activity=world.activity_a, participants=[world.p1]
        )


def test_capacity_below_the_registrations_is_a_field_message(world, upcoming):
    people = ParticipantFactory.create_batch(2, partner=world.p1.partner, coach=world.coach_a)
    services.activity_registration_add(actor=world.coach_a, activity=upcoming, participants=people)
    with pytest.raises(ValidationError) as exc:
        services.activity_update(actor=world.coach_a, activity=upcoming, capacity=1)
    assert "capacity" in exc.value.message_dict
    upcoming.refresh_from_db()
    assert upcoming.capacity == 2


def test_the_activity_page_lists_the_planned_list_and_registers(client_for, world, upcoming):
    client = client_for("coach_a")
    url = reverse("participants:activity_detail", args=[upcoming.public_id])
    page = client.get(url).content.decode()
    assert "Planned list" in page and world.p1.public_id.hex in page
    client.post(
        reverse("participants:activity_registration_add", args=[upcoming.public_id]),
        {"participants": [world.p1.public_id.hex]},
    )
    assert ActivityRegistration.objects.filter(activity=upcoming, participant=world.p1).exists()
    page = client.get(url).content.decode()
    assert (
        reverse(
            "participants:activity_registration_remove",
            args=[upcoming.public_id, world.p1.public_id],
        )
        in page
    )


def test_the_full_message_reaches_the_coach_on_the_page(client_for, world, upcoming):
    upcoming.capacity = 0
    upcoming.save()
    response = client_for("coach_a").post(
        reverse("participants:activity_registration_add", args=[upcoming.public_id]),
        {"participants": [world.p1.public_id.hex]},
        follow=True,
    )
    assert "The activity is full" in response.content.decode()
    assert not ActivityRegistration.objects.filter(activity=upcoming).exists()


def test_removing_takes_them_off_the_list(client_for, world, upcoming):
    services.activity_registration_add(
        actor=world.coach_a, activity=upcoming, participants=[world.p1]
    )
    client_for("coach_a").post(
        reverse(
            "participants:activity_registration_remove",
            args=[upcoming.public_id, world.p1.public_id],
        )
    )
    assert not ActivityRegistration.objects.filter(activity=upcoming).exists()


def test_attendance_is_offered_from_the_planned_list(client_for, world):
    # activity_a is in the past; P1 is on its list (conftest) and has attended. A second person
    # on the list without attendance is offered as attended and saved as such.
    Attendance.objects.filter(activity=world.activity_a).delete()
    client = client_for("coach_a")
    url = reverse("participants:attendance_edit", args=[world.activity_a.public_id])
    page = client.get(url).content.decode()
    assert "on the planned list" in page
    field = f"p_{world.p1.public_id.hex}"
    assert (
        '<option value="attended" selected>'
        in page.split(f'name="{field}"')[1].split("</select>")[0]
    )
    client.post(url, {field: "attended"})
    assert Attendance.objects.get(activity=world.activity_a, participant=world.p1).status == (
        "attended"
    )

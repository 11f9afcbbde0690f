"""The six-month follow-up without login (issue 18): an e-mail in the young person's language
with a link to three questions; the answer is a proposed six-month outcome that the coach
confirms or corrects. Expired, reused or forged links show a clear page and write nothing."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jump.notifications.models import Kind, Notification
from participants.models import Outcome, Participant
from participants.services import outcome_record
from tests.factories.participants import ParticipantFactory
from young_people import services
from young_people.models import FollowUpRequest

pytestmark = pytest.mark.django_db

SIX_MONTHS = datetime.timedelta(days=182)


@pytest.fixture
def leaver(personas, partner_a):
    return ParticipantFactory(
        partner=partner_a,
        coach=personas.coach_a,
        first_name="Nora",
        email="nora@example.org",
        preferred_language="de",
        country_of_residence="DK",
        status=Participant.Status.COMPLETED,
        entry_date=timezone.localdate() - SIX_MONTHS - datetime.timedelta(days=200),
        exit_date=timezone.localdate() - SIX_MONTHS,
    )


def link_of(message) -> str:
    return re.search(r"https?://\S+/follow-up/[^/\s]+/", message.body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def link(leaver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.follow_ups_create_due() == 1
    (message,) = mail.outbox
    return path_of(link_of(message))


ANSWER = {"doing": "work", "country": "DE", "since": "2026-01-05"}


def test_the_young_person_gets_the_e_mail_in_their_language_once(
    leaver, link, django_capture_on_commit_callbacks
):
    (message,) = mail.outbox
    assert message.to == ["nora@example.org"]
    assert message.subject == "Wie geht es dir jetzt?"  # German, her language, "du"
    with django_capture_on_commit_callbacks(execute=True):
        assert services.follow_ups_create_due() == 0  # one request per person
    assert len(mail.outbox) == 1
    request = FollowUpRequest.objects.get(participant=leaver)
    lifetime = request.expires_at - request.created_at
    assert datetime.timedelta(days=30, seconds=-5) < lifetime <= datetime.timedelta(days=30)


def test_no_e_mail_before_the_six_months_or_with_an_outcome_recorded(
    personas, partner_a, leaver, django_capture_on_commit_callbacks
):
    leaver.exit_date = timezone.localdate() - SIX_MONTHS + datetime.timedelta(days=1)
    leaver.save()
    other = ParticipantFactory(
        partner=partner_a,
        coach=personas.coach_a,
        email="otto@example.org",
        status=Participant.Status.COMPLETED,
        entry_date=timezone.localdate() - SIX_MONTHS - datetime.timedelta(days=100),
        exit_date=timezone.localdate() - SIX_MONTHS,
    )
    Outcome.objects.create(
        participant=other,
        timing=Outcome.Timing.SIX_MONTHS,
        kind=Outcome.Kind.EMPLOYED,
        date=timezone.localdate(),
        recorded_by=personas.coach_a,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.follow_ups_create_due() == 0
    assert mail.outbox == []


def test_the_page_asks_three_questions_in_their_language_without_login(client, link):
    response = client.get(link)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'lang="de"' in text
    assert "Was machst du jetzt?" in text
    assert 'name="doing"' in text and 'name="country"' in text and 'name="since"' in text


def test_the_answer_becomes_a_proposed_outcome_and_the_coach_is_told(
    client, personas, leaver, link
):
    response = client.post(link, ANSWER)
    assert response.status_code == 200
    assert "Danke" in response.content.decode()
    outcome = Outcome.objects.get(participant=leaver, timing=Outcome.Timing.SIX_MONTHS)
    assert outcome.status == Outcome.Status.PROPOSED
    assert outcome.kind == Outcome.Kind.EMPLOYED
    assert outcome.cross_border  # works in Germany, lives in Denmark
    request = FollowUpRequest.objects.get(participant=leaver)
    assert request.used_at is not None and request.outcome == outcome
    assert request.since == datetime.date(2026, 1, 5)
    notification = Notification.objects.get(kind=Kind.SIX_MONTH_FOLLOW_UP)
    assert notification.recipient == personas.coach_a
    assert notification.object_id == leaver.pk


def test_a_used_link_shows_a_clear_page_and_writes_nothing(client, leaver, link):
    client.post(link, ANSWER)
    before = Outcome.objects.get(participant=leaver).updated_at
    response = client.post(link, {**ANSWER, "doing": "looking"})
    assert response.status_code == 410
    assert "Du hast schon geantwortet" in response.content.decode()
    outcome = Outcome.objects.get(participant=leaver)
    assert outcome.kind == Outcome.Kind.EMPLOYED and outcome.updated_at == before


def test_an_expired_link_shows_a_clear_page_and_writes_nothing(client, leaver, link):
    FollowUpRequest.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(link, ANSWER)
    assert response.status_code == 410
    assert 'lang="de"' in response.content.decode()
    assert "zu alt" in response.content.decode()
    assert not Outcome.objects.filter(participant=leaver).exists()
    assert FollowUpRequest.objects.get().used_at is None


def test_a_forged_link_is_a_404_and_writes_nothing(client, leaver, link):
    forged = reverse("young_people:follow_up", kwargs={"token": "x" * 43})
    response = client.post(forged, ANSWER)
    assert response.status_code == 404
    assert not Outcome.objects.exists()


def test_bad_input_gives_a_message_on_the_field_and_writes_nothing(client, leaver, link):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    for data in ({**ANSWER, "since": future}, {**ANSWER, "doing": "x"}, {**ANSWER, "since": ""}):
        response = client.post(link, data)
        assert response.status_code == 400
    assert not Outcome.objects.exists()
    assert FollowUpRequest.objects.get().used_at is None


def test_the_coach_confirms_the_proposed_outcome_on_the_case_file(client, client_for, leaver, link):
    client.post(link, ANSWER)
    coach = client_for("coach_a")
    page = coach.get(reverse("participants:detail", args=[leaver.public_id])).content.decode()
    confirm = reverse("young_people:coach_outcome_confirm", args=[leaver.public_id])
    assert confirm in page
    assert client_for("coach_b").post(confirm).status_code == 404
    assert Outcome.objects.get(participant=leaver).status == Outcome.Status.PROPOSED
    assert coach.post(confirm).status_code == 302
    assert Outcome.objects.get(participant=leaver).status == Outcome.Status.CONFIRMED


def test_the_coach_correcting_the_proposed_outcome_confirms_it(client, personas, leaver, link):
    client.post(link, ANSWER)
    outcome_record(
        actor=personas.coach_a,
        participant=leaver,
        timing=Outcome.Timing.SIX_MONTHS,
        kind=Outcome.Kind.IN_VOCATIONAL_TRAINING,
        date=timezone.localdate(),
    )
    outcome = Outcome.objects.get(participant=leaver)
    assert outcome.status == Outcome.Status.CONFIRMED
    assert outcome.kind == Outcome.Kind.IN_VOCATIONAL_TRAINING

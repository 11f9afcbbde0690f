"""Issue 17 "Daily paths": the six-month outcome is dated at least five months after the exit
and not in the future; its link says what it is."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from jump.lib.dates import add_months
from participants.models import Outcome, Participant
from participants.services import case as case_services
from tests.factories.participants import ParticipantFactory

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def left(personas):
    return ParticipantFactory(
        status=Participant.Status.COMPLETED,
        partner=personas.coach_a.partner,
        entry_date=TODAY - 400 * DAY,
        exit_date=TODAY - 160 * DAY,  # six months not yet due: no prompt, only the link
        coach=personas.coach_a,
    )


def _record(personas, person, date):
    return case_services.outcome_record(
        actor=personas.coach_a,
        participant=person,
        timing="six_months",
        kind="employed",
        date=date,
    )


@pytest.mark.parametrize(
    "offset", [0, 30, 140], ids=["on_the_exit_day", "a_month_after", "under_five_months"]
)
def test_loop_six_month_outcome_too_soon_after_the_exit_is_refused(personas, left, offset):
    with pytest.raises(ValidationError) as exc:
        _record(personas, left, left.exit_date + offset * DAY)
    assert "five months" in " ".join(exc.value.message_dict["date"])
    assert not Outcome.objects.exists()


def test_loop_six_month_outcome_in_the_future_is_refused(personas):
    person = ParticipantFactory(
        status=Participant.Status.COMPLETED,
        partner=personas.coach_a.partner,
        entry_date=TODAY - 400 * DAY,
        exit_date=TODAY - 300 * DAY,
        coach=personas.coach_a,
    )
    with pytest.raises(ValidationError) as exc:
        _record(personas, person, TODAY + DAY)
    assert "future" in " ".join(exc.value.message_dict["date"])
    assert not Outcome.objects.exists()


def test_loop_six_month_outcome_five_months_after_the_exit_is_recorded(personas, left):
    earliest = add_months(left.exit_date, 5)
    assert _record(personas, left, earliest).date == earliest


def test_loop_six_month_outcome_form_shows_the_rule_on_the_field(client_for, left):
    url = reverse(
        "participants:outcome_edit", kwargs={"public_id": left.public_id, "timing": "six_months"}
    )
    response = client_for("coach_a").post(
        url, {"kind": "employed", "date": left.exit_date.isoformat()}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Record the six-month outcome"),
        ("da", "efter seks måneder"),
        ("de", "nach sechs Monaten"),
    ],
)
def test_loop_six_month_link_says_what_it_is(client_for, personas, left, language, words):
    personas.coach_a.preferred_language = language
    personas.coach_a.save()
    with translation.override(language):
        url = reverse("participants:detail", kwargs={"public_id": left.public_id})
    page = client_for("coach_a").get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert words in page


def test_loop_add_months_keeps_the_month_end():
    assert add_months(datetime.date(2026, 8, 31), 5) == datetime.date(2027, 1, 31)
    assert add_months(datetime.date(2026, 9, 30), 5) == datetime.date(2027, 2, 28)

"""SECURITY 38 — special-category data (GDPR Art. 9: a disability, health-related support needs)
is stored only while the participant's explicit consent for that purpose holds; withdrawing it
clears the data in the same transaction, from every page and export, and writes the access log.
No figure counts it: after a withdrawal the participant counts in every figure as before
(docs/indicators.md, "Decisions")."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jump.audit.models import AccessLog
from jump.reports.indicators import indicator_rows
from jump.reports.periods import Scope
from participants import services
from participants.models import Consent, Participant
from participants.privacy import pseudonymise
from tests.factories.participants import ConsentFactory, ParticipantFactory
from young_people.services import consent_withdraw_by_young_person

pytestmark = pytest.mark.django_db

NEEDS = "SECRET-38 needs a quiet room and short breaks"
ENTRY = datetime.date(2026, 3, 2)
MARCH = Scope(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


@pytest.fixture
def participant(personas, partner_a):
    return ParticipantFactory(
        partner=partner_a,
        coach=personas.coach_a,
        user=personas.youth_p1,
        status=Participant.Status.ACTIVE,
        entry_date=ENTRY,
    )


def give(participant, actor):
    return services.consent_record(
        actor=actor,
        participant=participant,
        purpose=Consent.Purpose.SPECIAL_CATEGORY,
        given=True,
        evidence="signed form SC-1",
    )


def store(participant, actor):
    return services.special_category_update(
        actor=actor, participant=participant, disability="yes", health_support_needs=NEEDS
    )


def stored(participant) -> tuple[str, str]:
    participant.refresh_from_db()
    return participant.disability, participant.health_support_needs


def case_page(client_for, participant) -> str:
    url = reverse("participants:detail", kwargs={"public_id": participant.public_id})
    return client_for("coach_a").get(url).content.decode()


def subject_access_file(client_for, participant) -> dict:
    url = reverse("audit:subject_access_download", kwargs={"public_id": participant.public_id})
    return json.loads(client_for("admin").get(url).content)["participant"][0]


def p_total() -> int:
    return next(row for row in indicator_rows(MARCH, ["P-TOTAL"])).current.value


# --- stored only with the consent -------------------------------------------------------------


def test_sec_38_storing_without_the_consent_is_refused_on_the_field(participant, personas):
    with pytest.raises(ValidationError) as exc:
        store(participant, personas.coach_a)
    assert set(exc.value.message_dict) == {"disability", "health_support_needs"}
    assert stored(participant) == ("", "")


def test_sec_38_a_withdrawn_consent_does_not_hold(participant, personas):
    give(participant, personas.coach_a)
    ConsentFactory(participant=participant, purpose=Consent.Purpose.SPECIAL_CATEGORY, given=False)
    with pytest.raises(ValidationError):
        store(participant, personas.coach_a)
    assert stored(participant) == ("", "")


def test_sec_38_another_purpose_is_no_consent_to_health_data(participant, personas):
    ConsentFactory(participant=participant, purpose=Consent.Purpose.PARTICIPATION, given=True)
    with pytest.raises(ValidationError):
        store(participant, personas.coach_a)


def test_sec_38_the_form_says_why_on_the_field_and_writes_nothing(
    participant, personas, client_for
):
    url = reverse("participants:special_category", kwargs={"public_id": participant.public_id})
    response = client_for("coach_a").post(url, {"disability": "yes", "health_support_needs": NEEDS})
    assert response.status_code == 200
    form = response.context["form"]
    assert "explicit consent" in form.errors["health_support_needs"][0]
    assert "explicit consent" in form.errors["disability"][0]
    assert stored(participant) == ("", "")


def test_sec_38_with_the_consent_it_is_stored_and_shown(participant, personas, client_for):
    give(participant, personas.coach_a)
    url = reverse("participants:special_category", kwargs={"public_id": participant.public_id})
    response = client_for("coach_a").post(url, {"disability": "yes", "health_support_needs": NEEDS})
    assert response.status_code == 302
    assert stored(participant) == ("yes", NEEDS)
    assert NEEDS in case_page(client_for, participant)
    assert subject_access_file(client_for, participant)["health_support_needs"] == NEEDS


# --- withdrawal clears it everywhere ----------------------------------------------------------


def test_sec_38_the_coach_recording_a_withdrawal_clears_page_and_export(
    participant, personas, client_for
):
    give(participant, personas.coach_a)
    store(participant, personas.coach_a)
    assert NEEDS in case_page(client_for, participant)

    url = reverse("participants:consent_record", kwargs={"public_id": participant.public_id})
    client_for("coach_a").post(url, {"purpose": "special_category", "given": "0"})

    assert stored(participant) == ("", "")
    assert NEEDS not in case_page(client_for, participant)
    exported = subject_access_file(client_for, participant)
    assert (exported["disability"], exported["health_support_needs"]) == ("", "")
    log = AccessLog.objects.get(participant=participant, action=AccessLog.Action.ERASE)
    assert log.actor == personas.coach_a
    assert "special-category" in log.what


def test_sec_38_the_young_persons_own_withdrawal_clears_it(participant, personas):
    give(participant, personas.coach_a)
    store(participant, personas.coach_a)
    consent_withdraw_by_young_person(
        actor=personas.youth_p1, participant=participant, purpose="special_category"
    )
    assert stored(participant) == ("", "")
    assert AccessLog.objects.filter(
        participant=participant, action=AccessLog.Action.ERASE, actor=personas.youth_p1
    ).exists()


def test_sec_38_withdrawing_another_consent_keeps_the_data(participant, personas):
    give(participant, personas.coach_a)
    store(participant, personas.coach_a)
    ConsentFactory(participant=participant, purpose=Consent.Purpose.PHOTOS, given=True)
    services.consent_record(
        actor=personas.coach_a,
        participant=participant,
        purpose=Consent.Purpose.PHOTOS,
        given=False,
    )
    assert stored(participant) == ("yes", NEEDS)


def test_sec_38_a_failed_clearing_leaves_the_consent_given(participant, personas, monkeypatch):
    """One transaction: when the clearing fails, the withdrawal is not written either."""
    give(participant, personas.coach_a)
    store(participant, personas.coach_a)

    def broken(**kwargs):
        raise RuntimeError("the log is down")

    monkeypatch.setattr(
        "participants.services.participants.special_category_clear_after_withdrawal", broken
    )
    with pytest.raises(RuntimeError):
        services.consent_record(
            actor=personas.coach_a,
            participant=participant,
            purpose=Consent.Purpose.SPECIAL_CATEGORY,
            given=False,
        )
    assert services.special_category_consent_holds(participant)
    assert stored(participant) == ("yes", NEEDS)


# --- counts -----------------------------------------------------------------------------------


def test_sec_38_the_participant_still_counts_after_the_withdrawal(participant, personas):
    """Decided (docs/indicators.md): no figure counts special-category data, and withdrawing it
    removes nobody from a figure."""
    give(participant, personas.coach_a)
    store(participant, personas.coach_a)
    before = p_total()
    assert before == 1
    services.consent_record(
        actor=personas.coach_a,
        participant=participant,
        purpose=Consent.Purpose.SPECIAL_CATEGORY,
        given=False,
    )
    assert p_total() == before


def test_sec_38_erasure_blanks_it_too(participant, personas):
    give(participant, personas.coach_a)
    store(participant, personas.coach_a)
    pseudonymise(participant)
    assert stored(participant) == ("", "")

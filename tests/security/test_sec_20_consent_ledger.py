"""SECURITY 20 — the consent ledger: per purpose, append-only (a withdrawal is a new row),
giving needs evidence, withdrawal as easy as giving; the admin cannot change it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from participants import services
from participants.models import Consent, Participant
from tests.factories.participants import ParticipantFactory
from tests.participants.test_views import url

pytestmark = pytest.mark.django_db


def test_sec_20_giving_consent_needs_evidence(personas):
    participant = ParticipantFactory(partner=personas.coach_a.partner)
    with pytest.raises(ValidationError) as exc:
        services.consent_record(
            actor=personas.coach_a, participant=participant, purpose="photos", given=True
        )
    assert "evidence" in exc.value.error_dict


def test_sec_20_consent_cannot_be_given_twice_or_withdrawn_when_not_given(personas):
    participant = ParticipantFactory(partner=personas.coach_a.partner, coach=personas.coach_a)
    with pytest.raises(ValidationError):
        services.consent_record(
            actor=personas.coach_a, participant=participant, purpose="photos", given=False
        )
    services.consent_record(
        actor=personas.coach_a, participant=participant, purpose="photos", given=True, evidence="x"
    )
    with pytest.raises(ValidationError):
        services.consent_record(
            actor=personas.coach_a,
            participant=participant,
            purpose="photos",
            given=True,
            evidence="x",
        )
    assert Consent.objects.filter(participant=participant).count() == 1


def test_sec_20_withdrawing_consent_adds_a_row_and_keeps_the_old_one(personas):
    participant = ParticipantFactory(partner=personas.coach_a.partner, coach=personas.coach_a)
    given = services.consent_record(
        actor=personas.coach_a,
        participant=participant,
        purpose="share_with_companies",
        given=True,
        evidence="Signed form",
    )
    assert participant in Participant.objects.with_consent("share_with_companies")
    services.consent_record(
        actor=personas.coach_a,
        participant=participant,
        purpose="share_with_companies",
        given=False,
    )
    rows = list(Consent.objects.filter(participant=participant).order_by("pk"))
    assert [r.given for r in rows] == [True, False]
    assert rows[0].pk == given.pk and rows[0].evidence == "Signed form"
    assert participant not in Participant.objects.with_consent("share_with_companies")


def test_sec_20_giving_consent_without_evidence_is_refused_with_a_message(coach_a_client, lone_p1):
    response = coach_a_client.post(
        url("consent_record", lone_p1), {"purpose": "photos", "given": "1"}, follow=True
    )
    assert not Consent.objects.exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_sec_20_give_and_withdraw_consent_from_the_page(coach_a_client, lone_p1):
    coach_a_client.post(
        url("consent_record", lone_p1),
        {"purpose": "share_with_companies", "given": "1", "evidence": "Signed form"},
    )
    coach_a_client.post(
        url("consent_record", lone_p1), {"purpose": "share_with_companies", "given": "0"}
    )
    rows = list(Consent.objects.filter(participant=lone_p1).order_by("pk"))
    assert [r.given for r in rows] == [True, False]
    page = coach_a_client.get(url("detail", lone_p1))
    state = {s.purpose: s for s in page.context["consent_states"]}["share_with_companies"]
    assert state.latest == rows[1] and not state.given


def test_sec_20_consent_ledger_cannot_be_changed_in_the_admin(client_for, participants_world):
    client = client_for("admin")
    consent = Consent.objects.filter(participant=participants_world.p1).first()
    assert client.get(reverse("admin:participants_consent_add")).status_code == 403
    response = client.post(
        reverse("admin:participants_consent_change", args=[consent.pk]),
        {"given": ""},
    )
    assert response.status_code == 403
    consent.refresh_from_db()
    assert consent.given

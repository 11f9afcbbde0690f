"""SECURITY 36 — a consent given for a participant under 18 on that day records the guardian
who gave it (name, relation, how); without it the consent is refused, nothing written."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from participants import services
from participants.models import Consent
from tests.factories.participants import ParticipantFactory
from tests.participants.test_views import intake_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def minor(personas, partner_a):
    today = timezone.localdate()
    return ParticipantFactory(
        partner=partner_a,
        coach=personas.coach_a,
        date_of_birth=today.replace(year=today.year - 16),
    )


def test_sec_36_a_minors_consent_without_the_guardian_is_refused(personas, minor):
    with pytest.raises(ValidationError) as exc:
        services.consent_record(
            actor=personas.coach_a,
            participant=minor,
            purpose=Consent.Purpose.PARTICIPATION,
            given=True,
            evidence="signed form",
        )
    assert {"guardian_name", "guardian_relation", "guardian_method"} <= set(exc.value.message_dict)
    assert not Consent.objects.filter(participant=minor).exists()


def test_sec_36_a_minors_consent_records_the_guardian(personas, minor):
    consent = services.consent_record(
        actor=personas.coach_a,
        participant=minor,
        purpose=Consent.Purpose.PARTICIPATION,
        given=True,
        evidence="signed form",
        guardian_name="Birgit Hansen",
        guardian_relation="mother",
        guardian_method=Consent.GuardianMethod.ON_PAPER,
    )
    consent.refresh_from_db()
    assert (consent.guardian_name, consent.guardian_relation, consent.guardian_method) == (
        "Birgit Hansen",
        "mother",
        "on_paper",
    )


def test_sec_36_an_adults_consent_needs_no_guardian(personas, partner_a):
    adult = ParticipantFactory(
        partner=partner_a, coach=personas.coach_a, date_of_birth=datetime.date(2000, 1, 1)
    )
    consent = services.consent_record(
        actor=personas.coach_a,
        participant=adult,
        purpose=Consent.Purpose.PHOTOS,
        given=True,
        evidence="signed",
        guardian_name="ignored",
    )
    assert consent.guardian_name == ""


def test_sec_36_the_case_file_form_refuses_a_minors_consent_without_the_guardian(client_for, minor):
    url = reverse("participants:consent_record", args=[minor.public_id])
    client = client_for("coach_a")
    response = client.post(url, {"purpose": "photos", "given": "1", "evidence": "signed"})
    assert response.status_code == 302
    assert not Consent.objects.filter(participant=minor).exists()
    client.post(
        url,
        {
            "purpose": "photos",
            "given": "1",
            "evidence": "signed",
            "guardian_name": "Birgit Hansen",
            "guardian_relation": "mother",
            "guardian_method": "in_person",
        },
    )
    assert Consent.objects.get(participant=minor).guardian_method == "in_person"
    page = client.get(reverse("participants:detail", args=[minor.public_id]))
    assert "Birgit Hansen" in page.content.decode()


def test_sec_36_intake_of_a_minor_asks_for_the_guardians_consent(client_for, personas):
    today = timezone.localdate()
    data = intake_data(
        first_name="Mia",
        date_of_birth=today.replace(year=today.year - 15).isoformat(),
        coach=personas.coach_a.public_id,
    )
    response = client_for("coach_a").post(reverse("participants:create"), data, follow=True)
    assert response.status_code == 200
    assert "under 18" in response.content.decode()


def test_sec_36_a_minor_is_invited_only_with_the_guardians_consent_on_file(
    personas, minor, django_capture_on_commit_callbacks
):
    from django.core import mail

    from young_people import services as youth_services

    with pytest.raises(ValidationError):
        youth_services.youth_invitation_create(
            actor=personas.coach_a, participant=minor, base_url="https://x.org/"
        )
    services.consent_record(
        actor=personas.coach_a,
        participant=minor,
        purpose=Consent.Purpose.PARTICIPATION,
        given=True,
        evidence="signed form",
        guardian_name="Birgit Hansen",
        guardian_relation="mother",
        guardian_method=Consent.GuardianMethod.BY_EMAIL,
    )
    with django_capture_on_commit_callbacks(execute=True):
        youth_services.youth_invitation_create(
            actor=personas.coach_a, participant=minor, base_url="https://x.org/"
        )
    (message,) = mail.outbox
    assert "Birgit Hansen" in message.body

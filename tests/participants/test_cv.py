import datetime
import io

import pypdf
from django.urls import reverse

from tests.factories.participants import (
    ActivityFactory,
    AttendanceFactory,
    LanguageSkillFactory,
    ParticipantFactory,
)

from .conftest import place_with_company


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def cv_participant(partner, coach, language):
    participant = ParticipantFactory(
        partner=partner,
        coach=coach,
        first_name="Lena",
        last_name="Schmidt",
        email="lena.schmidt@example.org",
        phone="+49 461 123456",
        preferred_language=language,
    )
    LanguageSkillFactory(participant=participant, language="da", level="B1")
    LanguageSkillFactory(
        participant=participant,
        language="da",
        level="A2",
        assessed_on=datetime.date(2025, 1, 1),  # older: the CV shows the latest level
    )
    AttendanceFactory(
        participant=participant,
        activity=ActivityFactory(
            title="Grenzcamp Sønderborg",
            kind="camp",
            date=datetime.date(2026, 3, 10),
            country="DK",
            cross_border=True,
        ),
    )
    AttendanceFactory(
        participant=participant,
        status="absent",
        activity=ActivityFactory(title="Missed workshop"),
    )
    return participant


def test_cv_pdf_has_the_profile_languages_and_activities(
    client_for, personas, partner_b, company_x
):
    participant = cv_participant(partner_b, personas.coach_b, "de")
    place_with_company(
        participant,
        company_x,
        status="completed",
        start_date=datetime.date(2026, 4, 1),
        end_date=datetime.date(2026, 5, 15),
    )
    response = client_for("coach_b").get(
        reverse("participants:cv_pdf", kwargs={"public_id": participant.public_id})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert "Lena Schmidt" in text
    assert "lena.schmidt@example.org" in text
    assert "B1" in text and "A2" not in text
    assert "Grenzcamp Sønderborg" in text
    assert "Missed workshop" not in text  # only attended activities
    assert "Company X" in text  # the placement, through the companies app
    # rendered in the participant's language (German month names come with Django)
    assert "März 2026" in text
    assert str(participant.date_of_birth.year) not in text  # no date of birth on the CV


def test_cv_pdf_follows_the_participants_language_not_the_coachs(client_for, personas, partner_a):
    participant = cv_participant(partner_a, personas.coach_a, "da")
    response = client_for("coach_a").get(
        reverse("participants:cv_pdf", kwargs={"public_id": participant.public_id})
    )
    text = pdf_text(response.content)
    assert "marts 2026" in text.lower()


def test_cv_page_is_printable_html_in_the_participants_language(client_for, personas, partner_b):
    participant = cv_participant(partner_b, personas.coach_b, "de")
    response = client_for("coach_b").get(
        reverse("participants:cv", kwargs={"public_id": participant.public_id})
    )
    assert response.status_code == 200
    assert '<html lang="de">' in response.text
    assert "Grenzcamp Sønderborg" in response.text
    assert "data-print" in response.text
    assert "<script>" not in response.text  # CSP: the print button's code is a static file

"""My CV (issue 18): their own texts and language ratings on the CEFR self-assessment grid,
the coach's rating beside theirs, and a PDF with the Europass sections in da, de or en."""

import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.participants import LanguageSkillFactory
from young_people.models import CvProfile, LanguageSelfAssessment

from .conftest import MARKER

pytestmark = pytest.mark.django_db

GRID = {
    "language": "de",
    "listening": "B2",
    "reading": "B1",
    "spoken_interaction": "A2",
    "spoken_production": "C1",
    "writing": "A1",
}


def _pdf_text(content: bytes, tmp_path) -> str:
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(content)
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_they_write_their_profile_text(client_for, world):
    client = client_for("youth_p1")
    response = client.post(
        reverse("young_people:cv"),
        {"statement": "I like cars.", "digital_skills": "Excel", "other_skills": "Football"},
    )
    assert response.status_code == 302
    profile = CvProfile.objects.get(participant=world.p1)
    assert (profile.statement, profile.digital_skills, profile.other_skills) == (
        "I like cars.",
        "Excel",
        "Football",
    )


def test_a_text_too_long_is_a_message_on_the_field_and_nothing_is_saved(client_for, world):
    response = client_for("youth_p1").post(reverse("young_people:cv"), {"statement": "x" * 1501})
    assert response.status_code == 200
    assert "statement" in response.context["profile_form"].errors
    assert not CvProfile.objects.filter(participant=world.p1).exists()


def test_they_rate_a_language_on_the_grid_beside_the_coachs_rating(client_for, world):
    # The coach's latest rating (the case file has an older one).
    LanguageSkillFactory(
        participant=world.p1, language="de", level="B1", assessed_on=timezone.localdate()
    )
    client = client_for("youth_p1")
    assert client.post(reverse("young_people:cv_language"), GRID).status_code == 302
    row = LanguageSelfAssessment.objects.get(participant=world.p1, language="de")
    assert row.levels() == ["B2", "B1", "A2", "C1", "A1"]
    page = client.get(reverse("young_people:cv"))
    (german,) = [r for r in page.context["language_rows"] if r.code == "de"]
    assert german.own == row and german.coach.level == "B1"


def test_a_second_rating_replaces_the_first(client_for, world):
    client = client_for("youth_p1")
    client.post(reverse("young_people:cv_language"), GRID)
    client.post(reverse("young_people:cv_language"), {**GRID, "writing": "B2"})
    assert LanguageSelfAssessment.objects.get(participant=world.p1).writing == "B2"


@pytest.mark.parametrize("bad", [{"listening": "D1"}, {"writing": ""}, {"language": "xx"}], ids=str)
def test_an_invalid_level_or_language_is_a_message_on_the_field(client_for, world, bad):
    response = client_for("youth_p1").post(reverse("young_people:cv_language"), {**GRID, **bad})
    assert response.status_code == 200
    assert set(bad) <= set(response.context["language_form"].errors)
    assert not LanguageSelfAssessment.objects.exists()


def test_removing_their_rating_keeps_the_coachs(client_for, world):
    skill = LanguageSkillFactory(participant=world.p1, language="de", level="B1")
    client = client_for("youth_p1")
    client.post(reverse("young_people:cv_language"), GRID)
    client.post(reverse("young_people:cv_language_delete", args=["de"]))
    assert not LanguageSelfAssessment.objects.exists()
    skill.refresh_from_db()


@pytest.mark.parametrize(
    ("language", "headings"),
    [
        (
            "da",
            [
                "Personlig profil",
                "Erhvervserfaring",
                "Uddannelse",
                "Sprogfærdigheder",
                "Digitale færdigheder",
                "Andre færdigheder",
            ],
        ),
        (
            "de",
            [
                "Persönliches Profil",
                "Berufserfahrung",
                "Schul- und Berufsbildung",
                "Sprachkenntnisse",
                "Digitale Kompetenzen",
                "Weitere Kompetenzen",
            ],
        ),
    ],
)
def test_the_pdf_has_the_europass_sections_and_the_grid_in_the_chosen_language(
    client_for, world, tmp_path, language, headings
):
    client = client_for("youth_p1")
    client.post(
        reverse("young_people:cv"),
        {"statement": "Ich mag Autos.", "digital_skills": "Excel", "other_skills": "Erste Hilfe"},
    )
    client.post(reverse("young_people:cv_language"), GRID)
    response = client.get(reverse("young_people:cv_pdf"), {"language": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    for heading in headings:
        assert heading in text, heading
    assert "Ich mag Autos." in text and "Erste Hilfe" in text
    assert world.placement.offer.company.name in text
    # The grid's row: listening, reading, spoken interaction, spoken production, writing.
    grid_line = next(line for line in text.splitlines() if "B2" in line and "C1" in line)
    assert grid_line.split()[-5:] == ["B2", "B1", "A2", "C1", "A1"] or grid_line.split()[-6:-1] == [
        "B2",
        "B1",
        "A2",
        "C1",
        "A1",
    ]
    assert MARKER not in text


def test_a_pdf_language_outside_da_de_en_is_a_404(client_for, world):
    response = client_for("youth_p1").get(reverse("young_people:cv_pdf"), {"language": "fr"})
    assert response.status_code == 404


def test_the_cv_page_reads_the_same_number_of_queries_for_1_and_3_languages(
    client_for, world, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("youth_p1")
    url = reverse("young_people:cv")
    client.post(reverse("young_people:cv_language"), GRID)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    count = len(one.captured_queries)  # now: a later request empties the log
    for code in ("da", "en"):
        client.post(reverse("young_people:cv_language"), {**GRID, "language": code})
        LanguageSkillFactory(participant=world.p1, language=code, level="B1")
    with django_assert_num_queries(count):
        client.get(url)

"""Importing participants: what the preview says of each row, and what the commit writes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jump.imports import services
from jump.imports.models import ImportJob, ImportRow
from participants.models import Participant
from tests.factories.participants import ParticipantFactory

from .files import (
    PARTICIPANT_HEADER_DA,
    PARTICIPANT_HEADER_DE,
    PARTICIPANT_HEADER_EN,
    csv_bytes,
    participant_row,
    upload,
    xlsx_bytes,
)


def rows_of(job):
    return {row.number: row for row in job.rows.all()}


def test_new_participants_from_a_danish_file_belong_to_the_coachs_partner(
    personas, make_job, partner_a
):
    data = xlsx_bytes(
        [
            PARTICIPANT_HEADER_DA,
            [
                "Søren",
                "Østergaard",
                datetime.date(2004, 5, 17),
                "Mand",
                "soren@example.dk",
                "Danmark",
                "ISCED 0–2 (op til grundskole)",
                "Ledig",
            ],
            ["Åse", "Ærø", "01.02.2005", "Kvinde", "", "Danmark", "3", "I uddannelse"],
        ],
        title="Deltagere forår 2026",
        merge_title=8,
    )
    job = make_job(data, name="deltagere.xlsx")
    assert job.status == ImportJob.Status.PREVIEWED
    assert (job.rows_total, job.count_new, job.count_error) == (2, 2, 0)
    assert Participant.objects.count() == 0  # the preview writes nothing

    job = services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=False)

    assert job.status == ImportJob.Status.COMMITTED and job.count_written == 2
    soren = Participant.objects.get(email="soren@example.dk")
    assert (soren.partner, soren.coach, soren.status) == (partner_a, personas.coach_a, "interested")
    assert (soren.gender, soren.education_level, soren.preferred_language) == (
        "male",
        "isced_0_2",
        "da",
    )
    aase = Participant.objects.get(first_name="Åse")
    assert aase.date_of_birth == datetime.date(2005, 2, 1)
    assert aase.labour_market_status == "in_education"


def test_unknown_gender_is_an_error_of_that_column_and_row(make_job):
    data = csv_bytes(
        [PARTICIPANT_HEADER_DE, participant_row(1), participant_row(2, gender="Weiblichx")]
    )
    job = make_job(data)
    row = rows_of(job)[3]
    assert row.outcome == ImportRow.Outcome.ERROR
    assert row.errors[0]["column"] == "Geschlecht"
    assert "Weiblichx" in row.errors[0]["message"]
    assert (job.count_new, job.count_error) == (1, 1)


def test_a_formula_cell_is_an_error_of_its_cell(make_job):
    data = xlsx_bytes([PARTICIPANT_HEADER_EN, participant_row(1, date_of_birth="=TODAY()-7000")])
    job = make_job(data, name="a.xlsx")
    [error] = rows_of(job)[2].errors
    assert error["column"] == "Date of birth"
    assert "Formulas are not accepted" in error["message"]


def test_the_second_row_with_the_same_e_mail_or_name_and_birth_date_is_a_duplicate(make_job):
    first = participant_row(1)
    same_email = participant_row(2, email="YOUNG1@example.org")
    same_person = participant_row(1, email="")
    job = make_job(csv_bytes([PARTICIPANT_HEADER_EN, first, same_email, same_person]))
    rows = rows_of(job)
    assert rows[2].outcome == ImportRow.Outcome.NEW
    assert (rows[3].outcome, rows[3].duplicate_of) == (ImportRow.Outcome.DUPLICATE, 2)
    assert (rows[4].outcome, rows[4].duplicate_of) == (ImportRow.Outcome.DUPLICATE, 2)
    assert job.count_duplicate == 2


def test_a_known_participant_is_updated_only_in_the_columns_of_the_file(
    personas, make_job, partner_a
):
    known = ParticipantFactory(
        partner=partner_a,
        coach=personas.coach_a,
        first_name="Pia",
        last_name="Hansen",
        date_of_birth=datetime.date(2005, 5, 17),
        email="pia@example.dk",
        phone="+45 1111",
        municipality="Sønderborg",
    )
    header = ["E-mail", "Kommune", "Telefon"]
    job = make_job(csv_bytes([header, ["PIA@example.dk", "Aabenraa", ""]]))
    [row] = job.rows.all()
    assert (row.outcome, row.target_id, row.changed_fields) == (
        "update",
        known.pk,
        ["municipality"],
    )

    services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=False)

    known.refresh_from_db()
    assert known.municipality == "Aabenraa"
    assert known.phone == "+45 1111"  # an empty cell changes nothing
    assert known.first_name == "Pia" and known.gender == "female"


def test_a_participant_is_matched_by_name_and_birth_date_without_an_e_mail(
    personas, make_job, partner_a
):
    known = ParticipantFactory(
        partner=partner_a,
        first_name="Jürgen",
        last_name="Weiß",
        date_of_birth=datetime.date(2004, 1, 2),
        email="",
    )
    header = ["Vorname", "Nachname", "Geburtsdatum", "Telefon"]
    job = make_job(csv_bytes([header, ["jürgen", "WEISS", "02.01.2004", "+49 461 1"]]))
    [row] = job.rows.all()
    assert row.outcome == "update" and row.target_id == known.pk


def test_another_partners_participant_is_never_matched_or_revealed(personas, make_job, partner_b):
    ParticipantFactory(partner=partner_b, email="young1@example.org")
    job = make_job(csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1)]))
    [row] = job.rows.all()
    assert row.outcome == "new" and row.target_id is None


def test_a_new_participant_needs_gender_country_education_and_status(make_job):
    header = ["Fornavn", "Efternavn", "Fødselsdato"]
    job = make_job(csv_bytes([header, ["Ny", "Person", "01.01.2004"]]))
    [row] = job.rows.all()
    assert row.outcome == "error"
    assert {error["field"] for error in row.errors} == {
        "gender",
        "country_of_residence",
        "education_level",
        "labour_market_status",
    }
    assert {error["column"] for error in row.errors} >= {"Gender", "Country of residence"}


def test_a_birth_date_in_the_future_is_refused_by_the_models_own_check(make_job):
    future = datetime.date.today() + datetime.timedelta(days=30)  # noqa: DTZ011
    job = make_job(csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1, date_of_birth=future)]))
    [row] = job.rows.all()
    assert row.errors[0]["column"] == "Date of birth"
    assert "future" in row.errors[0]["message"]


def test_a_coach_column_names_a_coach_of_the_partner(personas, make_job):
    header = [*PARTICIPANT_HEADER_EN, "Coach (e-mail)"]
    job = make_job(
        csv_bytes(
            [
                header,
                [*participant_row(1), personas.coach_a.email.upper()],
                [*participant_row(2), personas.coach_b.email],
                [*participant_row(3), "nobody@example.org"],
            ]
        )
    )
    rows = rows_of(job)
    assert rows[2].outcome == "new"
    assert rows[3].errors[0]["field"] == "coach" and rows[4].errors[0]["field"] == "coach"


def test_missing_required_column_refuses_the_file_and_stores_nothing(personas, settings):
    data = csv_bytes([["Fornavn", "Fødselsdato", "Køn"], ["A", "01.01.2004", "K"]])
    with pytest.raises(ValidationError) as info:
        services.import_job_create(
            actor=personas.coach_a, kind="participants", upload=upload("a.csv", data)
        )
    assert "Efternavn" in info.value.message_dict["file"][0]
    assert ImportJob.objects.count() == 0
    assert not (settings.PRIVATE_ROOT / "imports").exists()


def test_only_coaches_managers_and_admins_import_participants(personas):
    data = csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1)])
    for actor in (personas.trainer, personas.contact_x):
        with pytest.raises(PermissionDenied):
            services.import_job_create(
                actor=actor, kind="participants", upload=upload("a.csv", data)
            )

"""Importing the attendance at an activity, for the participants the importer may register."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from jump.imports import services
from participants.models import Attendance
from tests.factories.participants import ActivityFactory, AttendanceFactory, ParticipantFactory

from .files import csv_bytes, upload, xlsx_bytes


@pytest.fixture
def activity(personas, partner_a):
    return ActivityFactory(
        partner=partner_a, created_by=personas.coach_a, date=datetime.date(2026, 3, 10)
    )


@pytest.fixture
def people(personas, partner_a, partner_b):
    return {
        "pia": ParticipantFactory(
            partner=partner_a, first_name="Pia", last_name="Ørsted", email="pia@example.dk"
        ),
        "jonas": ParticipantFactory(
            partner=partner_a,
            first_name="Jonas",
            last_name="Møller",
            date_of_birth=datetime.date(2005, 7, 1),
            email="",
        ),
        "other": ParticipantFactory(partner=partner_b, email="lena@example.de"),
    }


def test_attendance_by_e_mail_or_by_name_only_for_participants_the_coach_may_register(
    personas, make_job, activity, people
):
    AttendanceFactory(
        activity=activity,
        participant=people["jonas"],
        status="absent",
        recorded_by=personas.coach_a,
    )
    data = xlsx_bytes(
        [
            ["E-Mail", "Vorname", "Nachname", "Geburtsdatum", "Anwesenheit"],
            ["PIA@example.dk", None, None, None, "Anwesend"],
            [None, "Jonas", "Møller", "01.07.2005", "Entschuldigt"],
            ["lena@example.de", None, None, None, "Anwesend"],
            ["pia@example.dk", None, None, None, "Abwesend"],
            [None, "Nobody", "Known", "01.01.2004", "Deltog"],
        ],
        title="Workshop 10.03.2026",
        merge_title=5,
    )
    job = make_job(data, name="fremmøde.xlsx", kind="attendance", activity=activity)
    rows = {row.number: row for row in job.rows.all()}
    assert (rows[4].outcome, rows[4].target_id) == ("new", people["pia"].pk)
    assert (rows[5].outcome, rows[5].changed_fields) == ("update", ["status"])
    # Another partner's participant is not found, and the message does not say they exist.
    assert rows[6].outcome == "error" and rows[6].errors[0]["column"] == "E-Mail"
    assert (rows[7].outcome, rows[7].duplicate_of) == ("duplicate", 4)
    assert rows[8].outcome == "error"

    job = services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=True)

    assert job.status == "committed" and job.count_written == 2
    statuses = dict(Attendance.objects.values_list("participant__first_name", "status"))
    assert statuses == {"Pia": "attended", "Jonas": "excused"}


def test_attendance_needs_an_activity_that_has_taken_place(personas, partner_a):
    future = ActivityFactory(partner=partner_a, date=datetime.date.today() + datetime.timedelta(3))  # noqa: DTZ011
    data = csv_bytes([["E-mail", "Attendance"], ["pia@example.dk", "Attended"]])
    with pytest.raises(ValidationError) as info:
        services.import_job_create(
            actor=personas.coach_a, kind="attendance", upload=upload("a.csv", data), activity=future
        )
    assert "activity" in info.value.message_dict


def test_attendance_file_without_a_way_to_name_participants_is_refused(personas, activity):
    data = csv_bytes([["Fornavn", "Fremmøde"], ["Pia", "Deltog"]])
    with pytest.raises(ValidationError) as info:
        services.import_job_create(
            actor=personas.coach_a,
            kind="attendance",
            upload=upload("a.csv", data),
            activity=activity,
        )
    message = info.value.message_dict["file"][0]
    assert "Last name" in message and "Date of birth" in message

"""Programme managers and admins import participants and companies into a partner they choose,
and attendance for an activity of any partner (issue 11); a manager's file only adds (a known
participant, company or attendance is an error row, never an update). A coach imports only into
their own partner, whatever the request says; trainers and company contacts get 404.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from companies.models import Company
from jump.imports import services
from jump.imports.models import ImportJob
from participants.models import Attendance, Participant
from tests.factories.accounts import UserFactory
from tests.factories.companies import CompanyFactory, valid_cvr
from tests.factories.participants import ActivityFactory, AttendanceFactory, ParticipantFactory

from .files import PARTICIPANT_HEADER_EN, csv_bytes, participant_row, upload

WITH_COACH = [*PARTICIPANT_HEADER_EN, "Coach (e-mail)"]


def post_file(client, data, name="list.csv", **extra):
    return client.post(
        reverse("imports:job_create", kwargs={"kind": "participants"}),
        {"file": upload(name, data), **extra},
    )


def test_a_manager_chooses_the_partner_and_the_rows_get_the_coach_the_file_names_or_none(
    client_for, personas, partner_b
):
    client = client_for("manager")
    form = client.get(reverse("imports:job_create", kwargs={"kind": "participants"}))
    assert form.context["form"].fields["partner"].required
    data = csv_bytes(
        [
            WITH_COACH,
            [*participant_row(1), personas.coach_b.email.upper()],
            [*participant_row(2), ""],
        ]
    )

    response = post_file(client, data, name="liste-b.csv", partner=partner_b.pk)

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert (job.partner, job.requested_by, job.count_new) == (partner_b, personas.manager, 2)
    client.post(reverse("imports:job_commit", kwargs={"public_id": job.public_id}))
    job.refresh_from_db()
    # Recorded like any import: who, when, file, counts.
    assert (job.status, job.count_written, job.original_filename) == (
        "committed",
        2,
        "liste-b.csv",
    )
    assert job.created_at and job.finished_at
    first, second = Participant.objects.order_by("first_name")
    assert (first.partner, first.coach, first.status) == (partner_b, personas.coach_b, "interested")
    assert (second.partner, second.coach) == (partner_b, None)


def test_the_partner_is_required_for_a_manager(client_for):
    response = post_file(
        client_for("manager"), csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1)])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["partner"] == ["This field is required."]
    assert ImportJob.objects.count() == 0


def test_the_service_refuses_a_managers_import_without_a_partner(personas):
    data = csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1)])
    with pytest.raises(ValidationError) as info:
        services.import_job_create(
            actor=personas.manager, kind="participants", upload=upload("a.csv", data)
        )
    assert info.value.message_dict == {"partner": ["Choose the partner."]}
    assert ImportJob.objects.count() == 0


def test_a_coach_has_no_partner_field_and_a_forged_partner_is_ignored(
    client_for, personas, partner_a, partner_b
):
    client = client_for("coach_a")
    form = client.get(reverse("imports:job_create", kwargs={"kind": "participants"}))
    assert "partner" not in form.context["form"].fields

    post_file(client, csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1)]), partner=partner_b.pk)
    job = ImportJob.objects.get()
    assert job.partner == partner_a
    client.post(reverse("imports:job_commit", kwargs={"public_id": job.public_id}))
    assert list(Participant.objects.values_list("partner", "coach")) == [
        (partner_a.pk, personas.coach_a.pk)
    ]
    # The service ignores it too.
    job = services.import_job_create(
        actor=personas.coach_a,
        kind="participants",
        upload=upload("b.csv", csv_bytes([PARTICIPANT_HEADER_EN, participant_row(2)])),
        partner=partner_b,
    )
    assert job.partner == partner_a


def test_a_managers_coach_column_must_name_a_coach_of_the_chosen_partner(
    personas, partner_b, make_job
):
    job = make_job(
        csv_bytes([WITH_COACH, [*participant_row(1), personas.coach_a.email]]),
        actor=personas.manager,
        partner=partner_b,
    )
    row = job.rows.get()
    assert row.outcome == "error"
    assert row.errors[0]["field"] == "coach"
    assert "not a coach of the participant's partner" in row.errors[0]["message"]


def test_a_manager_only_adds_participants_known_ones_are_errors(
    personas, partner_a, partner_b, make_job
):
    ParticipantFactory(partner=partner_b, email="young1@example.org", first_name="Old")
    ParticipantFactory(partner=partner_a, email="young2@example.org", first_name="Old")
    job = make_job(
        csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1), participant_row(2)]),
        actor=personas.manager,
        partner=partner_b,
    )
    same_partner, other_partner = job.rows.order_by("number")
    assert same_partner.outcome == other_partner.outcome == "error"
    assert "may only read their case file" in same_partner.errors[0]["message"]
    assert "known at another partner (Partner A" in other_partner.errors[0]["message"]
    with pytest.raises(ValidationError):
        services.import_job_commit(actor=personas.manager, job=job, skip_errors=False)
    assert not Participant.objects.exclude(first_name="Old").exists()


def test_an_admin_updates_participants_of_the_chosen_partner(personas, partner_b, make_job):
    known = ParticipantFactory(partner=partner_b, email="young1@example.org", first_name="Old")
    colleague = UserFactory(roles=["coach"], partner=partner_b)
    job = make_job(
        csv_bytes([WITH_COACH, [*participant_row(1), colleague.email], [*participant_row(2), ""]]),
        actor=personas.admin,
        partner=partner_b,
    )
    assert (job.count_new, job.count_update, job.count_error) == (1, 1, 0)
    job = services.import_job_commit(actor=personas.admin, job=job, skip_errors=False)
    assert (job.status, job.count_written) == ("committed", 2)
    known.refresh_from_db()
    assert (known.first_name, known.coach, known.partner) == ("Young1", colleague, partner_b)
    new = Participant.objects.get(email="young2@example.org")
    assert (new.partner, new.coach) == (partner_b, None)


# --- companies ---------------------------------------------------------------------------------

COMPANY_HEADER = ["Name", "Country", "CVR number", "City", "Sector"]


def company_file(*rows):
    return csv_bytes([COMPANY_HEADER, *rows])


def test_a_manager_previews_and_commits_new_companies_for_the_partner_they_choose(
    client_for, personas, partner_b
):
    client = client_for("manager")
    url = reverse("imports:job_create", kwargs={"kind": "companies"})
    form = client.get(url)
    assert form.status_code == 200
    assert form.context["form"].fields["partner"].required
    data = company_file(
        ["Vest ApS", "Danmark", valid_cvr(11), "Tønder", "IT"],
        ["Grænse Bageri", "Denmark", valid_cvr(12), "Padborg", "Food"],
    )

    response = client.post(url, {"file": upload("firmaer.csv", data), "partner": partner_b.pk})

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert (job.kind, job.partner, job.requested_by) == ("companies", partner_b, personas.manager)
    assert (job.count_new, job.count_error) == (2, 0)
    client.post(reverse("imports:job_commit", kwargs={"public_id": job.public_id}))
    job.refresh_from_db()
    assert (job.status, job.count_written) == ("committed", 2)
    created = Company.objects.filter(cvr__in=[valid_cvr(11), valid_cvr(12)])
    assert {(c.responsible_partner, c.created_by) for c in created} == {
        (partner_b, personas.manager)
    }
    assert created.count() == 2


def test_a_manager_does_not_update_a_known_company_it_is_an_error_row(
    personas, partner_b, make_job
):
    known = CompanyFactory(name="Old name ApS", cvr=valid_cvr(13), city="Sønderborg")
    job = make_job(
        company_file(
            ["New name ApS", "DK", known.cvr, "Aabenraa", "IT"],
            ["Nord ApS", "DK", valid_cvr(14), "Aabenraa", "IT"],
        ),
        actor=personas.manager,
        kind="companies",
        partner=partner_b,
    )
    known_row, new_row = job.rows.order_by("number")
    assert (known_row.outcome, known_row.target_id, known_row.changed_fields) == ("error", None, [])
    assert "already registered" in known_row.errors[0]["message"]
    assert "only coaches and admins update companies" in known_row.errors[0]["message"]
    assert new_row.outcome == "new"

    # All or nothing: the error row blocks the file, nothing is written.
    with pytest.raises(ValidationError):
        services.import_job_commit(actor=personas.manager, job=job, skip_errors=False)
    assert not Company.objects.filter(cvr=valid_cvr(14)).exists()
    known.refresh_from_db()
    assert (known.name, known.city) == ("Old name ApS", "Sønderborg")

    # Valid rows only: the new company is added, the known one stays as it was.
    job = services.import_job_commit(actor=personas.manager, job=job, skip_errors=True)
    assert (job.status, job.count_written) == ("committed", 1)
    assert Company.objects.get(cvr=valid_cvr(14)).responsible_partner == partner_b
    known.refresh_from_db()
    assert (known.name, known.city) == ("Old name ApS", "Sønderborg")


def test_a_company_registered_after_the_managers_preview_is_not_updated(
    personas, partner_b, make_job
):
    job = make_job(
        company_file(["Late ApS", "DK", valid_cvr(15), "Tønder", "IT"]),
        actor=personas.manager,
        kind="companies",
        partner=partner_b,
    )
    assert job.count_new == 1
    CompanyFactory(name="First ApS", cvr=valid_cvr(15))
    job = services.import_job_commit(actor=personas.manager, job=job, skip_errors=False)
    assert (job.status, job.count_written) == ("previewed", 0)
    row = job.rows.get()
    assert row.outcome == "error"
    assert "Since the preview, this company was registered" in row.errors[0]["message"]
    assert list(Company.objects.filter(cvr=valid_cvr(15)).values_list("name", flat=True)) == [
        "First ApS"
    ]


def test_the_manager_list_service_adds_only_and_is_not_for_contacts_or_trainers(
    personas, partner_b
):
    from companies import services as company_services

    fields = {"name": "Svc ApS", "country": "DK", "cvr": valid_cvr(16), "sector": "it"}
    company = company_services.company_create_from_list(
        actor=personas.manager, responsible_partner=partner_b, **fields
    )
    assert (company.responsible_partner, company.created_by) == (partner_b, personas.manager)
    # The same checks as a registration: a known number is refused, not updated.
    with pytest.raises(ValidationError):
        company_services.company_create_from_list(
            actor=personas.manager, responsible_partner=partner_b, **{**fields, "name": "Other"}
        )
    for persona in ("contact_x", "trainer", "coach_a"):
        with pytest.raises(PermissionDenied):
            company_services.company_create_from_list(
                actor=getattr(personas, persona),
                responsible_partner=partner_b,
                **{**fields, "cvr": valid_cvr(17)},
            )
    assert Company.objects.filter(name="Svc ApS").count() == 1


def test_a_coach_cannot_import_companies_into_another_partner_by_a_forged_post(
    client_for, personas, partner_a, partner_b
):
    client = client_for("coach_a")
    url = reverse("imports:job_create", kwargs={"kind": "companies"})
    assert "partner" not in client.get(url).context["form"].fields
    data = company_file(["Syd ApS", "DK", valid_cvr(18), "Tønder", "IT"])
    client.post(url, {"file": upload("a.csv", data), "partner": partner_b.pk})
    job = ImportJob.objects.get()
    assert job.partner == partner_a
    client.post(reverse("imports:job_commit", kwargs={"public_id": job.public_id}))
    assert Company.objects.get(cvr=valid_cvr(18)).responsible_partner == partner_a


# --- attendance --------------------------------------------------------------------------------


@pytest.fixture
def activity_b(personas, partner_b):
    return ActivityFactory(
        partner=partner_b, created_by=personas.coach_b, date=datetime.date(2026, 3, 10)
    )


def test_a_manager_adds_attendance_for_the_participants_of_the_activitys_partner(
    client_for, personas, partner_a, partner_b, activity_b
):
    lena = ParticipantFactory(partner=partner_b, first_name="Lena", email="lena@example.de")
    known = ParticipantFactory(partner=partner_b, first_name="Known", email="known@example.de")
    ParticipantFactory(partner=partner_a, first_name="Pia", email="pia@example.dk")
    AttendanceFactory(
        activity=activity_b, participant=known, status="absent", recorded_by=personas.coach_b
    )
    client = client_for("manager")
    url = reverse("imports:job_create", kwargs={"kind": "attendance"})
    assert client.get(url).status_code == 200
    data = csv_bytes(
        [
            ["E-mail", "Attendance"],
            ["lena@example.de", "Attended"],
            ["known@example.de", "Attended"],
            ["pia@example.dk", "Attended"],
        ]
    )

    response = client.post(
        url, {"file": upload("fremmøde.csv", data), "activity": activity_b.public_id}
    )

    assert response.status_code == 302
    job = ImportJob.objects.get()
    new, existing, other_partner = job.rows.order_by("number")
    assert (new.outcome, new.target_id) == ("new", lena.pk)
    assert existing.outcome == "error"
    assert "already registered" in existing.errors[0]["message"]
    # A participant of another partner than the activity's is not found (nothing said about them).
    assert other_partner.outcome == "error"
    assert other_partner.errors[0]["message"] == (
        "None of the participants you may register matches this row."
    )
    with pytest.raises(ValidationError):
        services.import_job_commit(actor=personas.manager, job=job, skip_errors=False)
    assert Attendance.objects.count() == 1

    client.post(
        reverse("imports:job_commit", kwargs={"public_id": job.public_id}), {"skip_errors": "on"}
    )
    job.refresh_from_db()
    assert (job.status, job.count_written) == ("committed", 1)
    statuses = dict(Attendance.objects.values_list("participant__first_name", "status"))
    assert statuses == {"Lena": "attended", "Known": "absent"}
    assert Attendance.objects.get(participant=lena).recorded_by == personas.manager


def test_the_attendance_list_service_never_changes_a_registration_for_a_manager(
    personas, partner_a, partner_b, activity_b
):
    from participants import services as participant_services

    known = ParticipantFactory(partner=partner_b)
    other = ParticipantFactory(partner=partner_a)
    AttendanceFactory(
        activity=activity_b, participant=known, status="absent", recorded_by=personas.coach_b
    )
    with pytest.raises(ValidationError):
        participant_services.attendance_add_from_list(
            actor=personas.manager, activity=activity_b, statuses={known: "attended"}
        )
    with pytest.raises(PermissionDenied):
        participant_services.attendance_add_from_list(
            actor=personas.manager, activity=activity_b, statuses={other: "attended"}
        )
    with pytest.raises(PermissionDenied):
        participant_services.attendance_add_from_list(
            actor=personas.trainer, activity=activity_b, statuses={known: "attended"}
        )
    assert list(Attendance.objects.values_list("participant", "status")) == [(known.pk, "absent")]


def test_a_coach_still_registers_attendance_only_for_their_own_participants(
    personas, make_job, activity_b, partner_b
):
    ParticipantFactory(partner=partner_b, email="lena@example.de")
    job = make_job(
        csv_bytes([["E-mail", "Attendance"], ["lena@example.de", "Attended"]]),
        kind="attendance",
        activity=activity_b,
    )
    assert job.rows.get().outcome == "error"


@pytest.mark.parametrize("persona", ["trainer", "contact_x"])
@pytest.mark.parametrize("kind", ["participants", "companies", "attendance"])
def test_trainers_and_company_contacts_get_404(client_for, personas, persona, kind):
    client = client_for(persona)
    assert client.get(reverse("imports:job_create", kwargs={"kind": kind})).status_code == 404
    assert client.get(reverse("imports:template", kwargs={"kind": kind})).status_code == 404
    with pytest.raises(PermissionDenied):
        services.import_job_create(
            actor=getattr(personas, persona),
            kind=kind,
            upload=upload("a.csv", company_file(["X ApS", "DK", valid_cvr(19), "", "IT"])),
        )

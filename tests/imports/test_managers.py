"""Programme managers and admins import participants into a partner they choose (issue 11);
a coach imports only into their own partner, whatever the request says."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jump.imports import services
from jump.imports.models import ImportJob
from participants.models import Participant
from tests.factories.accounts import UserFactory
from tests.factories.participants import ParticipantFactory

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

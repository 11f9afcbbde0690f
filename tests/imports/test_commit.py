"""The commit: one transaction (all valid rows or none), never twice, in a task for large files."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

import participants.services
import participants.services.participants as participant_services_module
from jump.imports import services, tasks
from jump.imports.models import ImportJob
from participants.models import Participant
from tests.factories.participants import ParticipantFactory

from .files import PARTICIPANT_HEADER_EN, csv_bytes, participant_row


@pytest.fixture
def job_with_one_bad_row(make_job):
    return make_job(
        csv_bytes(
            [
                PARTICIPANT_HEADER_EN,
                participant_row(1),
                participant_row(2, gender="unknown-gender"),
                participant_row(3),
            ]
        )
    )


def test_all_or_nothing_refuses_while_a_row_has_an_error_and_writes_nothing(
    personas, job_with_one_bad_row
):
    with pytest.raises(ValidationError) as info:
        services.import_job_commit(
            actor=personas.coach_a, job=job_with_one_bad_row, skip_errors=False
        )
    assert "1 row has an error" in info.value.message_dict["skip_errors"][0]
    assert Participant.objects.count() == 0
    job_with_one_bad_row.refresh_from_db()
    assert job_with_one_bad_row.status == ImportJob.Status.PREVIEWED


def test_valid_rows_only_writes_the_valid_rows(personas, job_with_one_bad_row):
    job = services.import_job_commit(
        actor=personas.coach_a, job=job_with_one_bad_row, skip_errors=True
    )
    assert job.status == ImportJob.Status.COMMITTED
    assert (job.count_written, job.count_error) == (2, 1)
    assert set(Participant.objects.values_list("first_name", flat=True)) == {"Young1", "Young3"}


def test_a_row_the_service_refuses_while_writing_rolls_back_every_row_already_written(
    personas, make_job, monkeypatch, partner_a
):
    known = ParticipantFactory(partner=partner_a, email="young3@example.org", first_name="Old")
    job = make_job(csv_bytes([PARTICIPANT_HEADER_EN, *(participant_row(n) for n in (1, 2, 3))]))
    assert (job.count_new, job.count_update) == (2, 1)
    real_validate = participant_services_module._validate

    def validate(participant):
        if participant.first_name == "Young3":
            raise ValidationError({"last_name": "Refused by the service."})
        real_validate(participant)

    # The new rows are written first, the update (row 4) is refused after them.
    monkeypatch.setattr(participant_services_module, "_validate", validate)

    job = services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=False)

    assert Participant.objects.count() == 1  # rows 2 and 3 (Young1, Young2) were rolled back
    known.refresh_from_db()
    assert known.first_name == "Old"
    assert job.status == ImportJob.Status.PREVIEWED
    assert "row 4" in job.error
    refused = job.rows.get(number=4)
    assert refused.outcome == "error"
    assert refused.errors == [
        {"column": "Last name", "field": "last_name", "message": "Refused by the service."}
    ]
    # The user may now import the others.
    job = services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=True)
    assert job.status == ImportJob.Status.COMMITTED and Participant.objects.count() == 3


def test_a_participant_added_since_the_preview_is_not_added_twice(personas, make_job, partner_a):
    job = make_job(csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1), participant_row(2)]))
    ParticipantFactory(partner=partner_a, email="young2@example.org")

    job = services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=True)

    assert job.status == ImportJob.Status.COMMITTED and job.count_written == 1
    assert Participant.objects.filter(email="young2@example.org").count() == 1
    assert "Since the preview" in job.rows.get(number=3).errors[0]["message"]


def test_a_committed_import_is_never_committed_again(personas, make_job):
    job = make_job(csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1)]))
    job = services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=False)
    with pytest.raises(ValidationError):
        services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=False)
    # A task delivered again (acks_late) finds the job committed and does nothing.
    assert tasks.commit_import(job.pk) == ImportJob.Status.COMMITTED
    services.import_job_commit_run(job_id=job.pk)
    assert Participant.objects.count() == 1


def test_a_commit_interrupted_before_its_end_runs_again_once(personas, make_job):
    """A worker lost mid-commit: its transaction was rolled back, the job is still committing;
    the task delivered again imports every row exactly once."""
    job = make_job(csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1), participant_row(2)]))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.COMMITTING)
    assert tasks.commit_import(job.pk) == ImportJob.Status.COMMITTED
    assert tasks.commit_import(job.pk) == ImportJob.Status.COMMITTED
    assert Participant.objects.count() == 2


def test_only_the_importer_commits(personas, make_job):
    job = make_job(csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1)]))
    for actor in (personas.manager, personas.admin, personas.coach_b):
        with pytest.raises(PermissionDenied):
            services.import_job_commit(actor=actor, job=job, skip_errors=False)


def test_large_files_are_previewed_and_committed_by_tasks_queued_after_commit(
    personas, make_job, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "INLINE_MAX_ROWS", 2)
    data = csv_bytes([PARTICIPANT_HEADER_EN, *(participant_row(n) for n in range(1, 6))])
    with django_capture_on_commit_callbacks() as callbacks:
        job = make_job(data)
    assert job.status == ImportJob.Status.UPLOADED and len(callbacks) == 1
    callbacks[0]()  # the worker runs the preview task
    job.refresh_from_db()
    assert (job.status, job.count_new, job.progress) == (ImportJob.Status.PREVIEWED, 5, 100)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=False)
    assert job.status == ImportJob.Status.COMMITTING and len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.COMMITTED and job.count_written == 5
    assert Participant.objects.count() == 5


def test_an_unexpected_failure_marks_the_import_failed_with_nothing_written(
    personas, make_job, monkeypatch
):
    job = make_job(csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1), participant_row(2)]))
    real_create = participants.services.participants_create_bulk
    written_before_the_failure = []

    def create(**kwargs):
        real_create(**kwargs)
        written_before_the_failure.append(Participant.objects.count())
        raise RuntimeError("disk full")

    monkeypatch.setattr(participants.services, "participants_create_bulk", create)
    job = services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=True)
    assert written_before_the_failure == [2]
    assert job.status == ImportJob.Status.FAILED and job.error
    assert Participant.objects.count() == 0

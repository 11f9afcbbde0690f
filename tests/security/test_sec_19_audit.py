"""SECURITY 19: every view of a participant, file download and export writes one access record;
denied requests write none; the application cannot edit or delete audit rows (PostgreSQL
triggers, and the model's own guards); managers review the log with filters."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from jump.audit.models import AccessLog, ErasureLedger
from jump.audit.services import access_log_record
from tests.factories.participants import DocumentFactory, ParticipantFactory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The append-only triggers exist on PostgreSQL only (run with DATABASE_URL=postgres…)",
)


@pytest.fixture
def record(personas, partner_a):
    participant = ParticipantFactory(partner=partner_a, coach=personas.coach_a)
    return access_log_record(
        actor=personas.coach_a, action=AccessLog.Action.VIEW, what="page", participant=participant
    )


def test_sec_19_the_model_refuses_to_change_or_delete_access_records(record):
    record.what = "changed"
    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()
    with pytest.raises(PermissionError):
        AccessLog.objects.filter(pk=record.pk).update(what="changed")
    with pytest.raises(PermissionError):
        AccessLog.objects.filter(pk=record.pk).delete()


@postgresql_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_accesslog SET what = 'changed' WHERE id = %s",
        "DELETE FROM audit_accesslog WHERE id = %s",
    ],
)
def test_sec_19_postgresql_refuses_raw_sql_update_and_delete_of_the_access_log(record, sql):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [record.pk])
    assert AccessLog.objects.get(pk=record.pk).what == "page"


@postgresql_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_erasureledger SET erased_on = '2000-01-01' WHERE id = %s",
        "DELETE FROM audit_erasureledger WHERE id = %s",
    ],
)
def test_sec_19_postgresql_refuses_raw_sql_changes_to_the_erasure_ledger(db, sql):
    entry = ErasureLedger.objects.create(subject_hash="a" * 64, erased_on=datetime.date(2026, 1, 1))
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.pk])
    assert ErasureLedger.objects.filter(pk=entry.pk, erased_on=entry.erased_on).exists()


@postgresql_only
def test_sec_19_postgresql_still_accepts_new_access_records(record, personas):
    access_log_record(actor=personas.manager, action=AccessLog.Action.EXPORT, what="export")
    assert AccessLog.objects.count() == 2


def test_sec_19_a_participant_page_view_writes_one_record_and_a_denied_one_none(
    personas, partner_a, client_for
):
    participant = ParticipantFactory(partner=partner_a, coach=personas.coach_a)
    url = reverse("participants:detail", kwargs={"public_id": participant.public_id})
    assert client_for("coach_b").get(url).status_code == 404
    assert client_for("contact_x").get(url).status_code == 404
    assert not AccessLog.objects.exists()
    assert client_for("coach_a").get(url).status_code == 200
    (entry,) = AccessLog.objects.all()
    assert (entry.actor, entry.participant, entry.action) == (
        personas.coach_a,
        participant,
        AccessLog.Action.VIEW,
    )
    assert entry.actor_roles == "coach"
    assert entry.path == url


def test_sec_19_a_file_download_writes_one_download_record(personas, partner_a, client_for):
    participant = ParticipantFactory(partner=partner_a, coach=personas.coach_a)
    document = DocumentFactory(participant=participant, uploaded_by=personas.coach_a)
    url = reverse(
        "participants:document_download",
        kwargs={"public_id": participant.public_id, "item_id": document.public_id},
    )
    assert client_for("coach_b").get(url).status_code == 404
    assert not AccessLog.objects.exists()
    response = client_for("coach_a").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Not response.close(): that sends request_finished, which closes the test's connection.
    (entry,) = AccessLog.objects.all()
    assert (entry.action, entry.participant) == (AccessLog.Action.DOWNLOAD, participant)
    assert str(document.public_id) in entry.what

"""SECURITY 19: every view of a participant, file download and export writes one access record;
denied requests write none; the application cannot edit or delete audit rows (PostgreSQL
triggers, and the model's own guards); managers review the log with filters."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jump.audit.models import AccessLog, ErasureLedger
from jump.audit.selectors import PAGE_SIZE
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


# --- the review page ---------------------------------------------------------------------------


@pytest.fixture
def log_world(personas, partner_a):
    p1 = ParticipantFactory(partner=partner_a, coach=personas.coach_a)
    p2 = ParticipantFactory(partner=partner_a, coach=personas.coach_a)
    access_log_record(
        actor=personas.coach_a, action=AccessLog.Action.VIEW, what="page one", participant=p1
    )
    access_log_record(
        actor=personas.manager,
        action=AccessLog.Action.EXPORT_NAMES,
        what="export two",
        reason="audit sample",
    )
    access_log_record(
        actor=personas.coach_a, action=AccessLog.Action.DOWNLOAD, what="file three", participant=p2
    )
    return SimpleNamespace(p1=p1, p2=p2, personas=personas)


def _shown(response) -> list[str]:
    return [record.what for record in response.context["records"]]


def test_sec_19_managers_review_the_log_newest_first_with_filters(log_world, client_for):
    client = client_for("manager")
    url = reverse("audit:log")
    assert _shown(client.get(url)) == ["file three", "export two", "page one"]
    assert _shown(client.get(url, {"action": "export_names"})) == ["export two"]
    assert _shown(client.get(url, {"participant": str(log_world.p1.public_id)})) == ["page one"]
    assert _shown(client.get(url, {"actor": "coach.a@"})) == ["file three", "page one"]
    today = timezone.localdate()
    assert len(_shown(client.get(url, {"date_from": today, "date_to": today}))) == 3
    tomorrow = today + datetime.timedelta(days=1)
    assert _shown(client.get(url, {"date_from": tomorrow})) == []
    html = client.get(url).content.decode()
    assert "audit sample" in html and "<caption" in html and 'scope="col"' in html


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"participant": "not-a-uuid"}, "participant"),
        ({"date_from": "2026-02-30"}, "date_from"),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "date_to"),
        ({"action": "<script>"}, "action"),
    ],
)
def test_sec_19_bad_filters_get_a_message_on_the_field_never_a_500(
    log_world, client_for, params, field
):
    response = client_for("admin").get(reverse("audit:log"), params)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["records"] == []


def test_sec_19_the_log_pages_by_key_and_a_bad_page_key_shows_the_first_page(
    log_world, client_for, personas
):
    AccessLog.objects.bulk_create(
        [
            AccessLog(actor=personas.coach_b, action=AccessLog.Action.VIEW, what=f"bulk {n}")
            for n in range(PAGE_SIZE)
        ]
    )
    client = client_for("manager")
    first = client.get(reverse("audit:log"))
    assert len(first.context["records"]) == PAGE_SIZE
    next_before = first.context["next_before"]
    second = client.get(reverse("audit:log"), {"before": next_before})
    assert _shown(second) == ["file three", "export two", "page one"]
    assert second.context["next_before"] is None
    for bad in ("x", "-5", "0", str(2**64), "١٢"):
        page = client.get(reverse("audit:log"), {"before": bad})
        assert page.status_code == 200
        assert len(page.context["records"]) == PAGE_SIZE, bad


def test_sec_19_the_review_page_needs_the_same_queries_for_1_and_20_records(
    log_world, client_for, personas
):
    client = client_for("manager")
    client.get(reverse("audit:log"))  # warm the session and the user's groups

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("audit:log")).status_code == 200
        return len(ctx)

    few = count()
    AccessLog.objects.bulk_create(
        [
            AccessLog(
                actor=personas.coach_b,
                action=AccessLog.Action.VIEW,
                what=f"more {n}",
                participant=log_world.p2,
            )
            for n in range(20)
        ]
    )
    assert count() == few


def test_sec_19_the_access_log_keeps_filters_but_not_what_was_typed_into_a_search(
    personas, partner_a, client_for
):
    ParticipantFactory(partner=partner_a, coach=personas.coach_a, first_name="Annegret")
    url = reverse("participants:caseload")
    response = client_for("coach_a").get(url, {"q": "Annegret", "status": "active", "page": "1"})
    assert response.status_code == 200
    paths = set(AccessLog.objects.values_list("path", flat=True))
    assert paths == {f"{url}?q=***&status=active&page=1"}
    assert not AccessLog.objects.filter(path__icontains="annegret").exists()

"""SECURITY 34 — the audit tables refuse TRUNCATE; only an explicit switch, which the test and
benchmark settings set and production settings never do, lets a test database be flushed."""

import json

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from jump.audit.models import AccessLog, ErasureLedger
from jump.audit.services import access_log_record
from tests.factories.participants import ParticipantFactory
from tests.test_settings import run_django

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The TRUNCATE trigger exists on PostgreSQL only (run with DATABASE_URL=postgres…)",
)

SWITCH = "jump.audit_truncate_allowed"


@pytest.fixture
def rows(personas, partner_a):
    participant = ParticipantFactory(partner=partner_a, coach=personas.coach_a)
    access_log_record(
        actor=personas.coach_a, action=AccessLog.Action.VIEW, what="page", participant=participant
    )
    ErasureLedger.objects.create(subject_hash="b" * 64, erased_on="2026-01-01")


@postgresql_only
@pytest.mark.parametrize("table", ["audit_accesslog", "audit_erasureledger"])
def test_sec_34_truncate_of_an_audit_table_is_refused_without_the_switch(rows, table):
    with (
        pytest.raises(DatabaseError, match="append-only: TRUNCATE refused"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # What a production connection is like: the switch off (for this transaction only).
        cursor.execute(f"SET LOCAL {SWITCH} = 'off'")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks of the inserts
        cursor.execute(f"TRUNCATE {table} CASCADE")
    assert AccessLog.objects.count() == 1
    assert ErasureLedger.objects.count() == 1


@postgresql_only
def test_sec_34_the_test_settings_switch_lets_a_test_database_be_flushed(rows):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s, true)", [SWITCH])
        assert cursor.fetchone()[0] == "on"
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE audit_accesslog, audit_erasureledger")
        assert AccessLog.objects.count() == 0
        transaction.set_rollback(True)
    assert AccessLog.objects.count() == 1


def test_sec_34_production_settings_never_set_the_switch():
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({k: str(v.get('OPTIONS', {})) for k, v in settings.DATABASES.items()}))"
    )
    result = run_django(
        {
            "DJANGO_SETTINGS_MODULE": "jump.settings.production",
            "SECRET_KEY": "x" * 60,
            "ERASURE_LEDGER_KEY": "y" * 60,
            "ALLOWED_HOSTS": "jump.example.org",
            "DATABASE_URL": "postgres://jump@127.0.0.1:5432/jump",
        },
        code,
    )
    assert result.returncode == 0, result.stderr
    options = json.loads(result.stdout.strip().splitlines()[-1])
    assert options
    assert not any(SWITCH in value for value in options.values())


def test_sec_34_the_test_settings_set_it_only_for_postgresql():
    options = settings.DATABASES["default"].get("OPTIONS", {}).get("options", "")
    assert (SWITCH in options) == (connection.vendor == "postgresql")

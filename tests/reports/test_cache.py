"""The dashboard's figure cache is exact: a write that could change a figure makes a new key.

These tests commit (transaction=True): the cache is used only outside a transaction, and the
data version is raised only after a commit."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jump.reports import cache, selectors
from jump.reports.cache import data_version, writes_figure_data
from jump.reports.periods import Scope
from participants.models import Participant

from . import builders as b

MARCH = Scope(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def p_total(scope: Scope) -> int:
    row = next(row for row in selectors.dashboard(scope)["rows"] if row.indicator.code == "P-TOTAL")
    return row.current.value


@pytest.fixture(autouse=True)
def _empty_cache(request):
    """The database cache keeps entries between tests that commit: start from an empty one."""
    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    from django.core.cache import cache as django_cache

    request.getfixturevalue("transactional_db")
    django_cache.clear()
    yield
    django_cache.clear()


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('INSERT INTO "participants_participant" ("id") VALUES (1)', True),
        ('UPDATE "companies_placement" SET "status" = \'active\'', True),
        ('DELETE FROM "participants_outcome" WHERE "id" = 1', True),
        ('TRUNCATE "participants_contact"', True),
        ("WITH moved AS (DELETE FROM x RETURNING *) INSERT INTO y SELECT * FROM moved", True),
        ('ALTER TABLE "participants_participant" ADD COLUMN "x" int', True),
        ('SELECT COUNT(*) FROM "participants_participant"', False),
        ('UPDATE "django_session" SET "session_data" = \'x\'', False),
        ('INSERT INTO "audit_accesslog" ("at") VALUES (now())', False),
        ('UPDATE "reports_dataversion" SET "version" = ("version" + 1)', False),
        ('INSERT INTO "jump_cache" ("cache_key") VALUES (\'k\')', False),
        ('SAVEPOINT "s1"', False),
        ('UPDATE "django_celery_beat_crontabschedule" SET "minute" = \'0\'', False),
    ],
)
def test_what_counts_as_a_write_to_figure_data(sql, writes):
    assert writes_figure_data(sql) is writes


@pytest.mark.django_db(transaction=True)
def test_second_dashboard_read_comes_from_the_cache(partner_a):
    b.participant(partner_a, entry=datetime.date(2026, 3, 10))
    with CaptureQueriesContext(connection) as first:
        assert p_total(MARCH) == 1
    with CaptureQueriesContext(connection) as second:
        assert p_total(MARCH) == 1
    # The version and the cached entry (the database cache: a SELECT); no indicator query.
    assert len(second.captured_queries) <= 2 < len(first.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_a_new_participant_changes_the_figure_at_once(partner_a):
    b.participant(partner_a, entry=datetime.date(2026, 3, 10))
    assert p_total(MARCH) == 1
    before = data_version()
    b.participant(partner_a, entry=datetime.date(2026, 3, 12))
    assert data_version() > before
    assert p_total(MARCH) == 2


@pytest.mark.django_db(transaction=True)
def test_a_bulk_update_outside_the_orm_save_changes_the_figure(partner_a):
    b.participant(partner_a, entry=datetime.date(2026, 3, 10))
    b.participant(partner_a, entry=datetime.date(2026, 3, 11))
    assert p_total(MARCH) == 2
    Participant.objects.filter(entry_date=datetime.date(2026, 3, 11)).update(
        status=Participant.Status.INTERESTED
    )
    assert p_total(MARCH) == 1
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE participants_participant SET status = %s", [Participant.Status.ACTIVE]
        )
    assert p_total(MARCH) == 2


@pytest.mark.django_db(transaction=True)
def test_the_version_rises_after_the_commit_and_not_for_a_rollback(partner_a):
    before = data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        b.participant(partner_a)
        raise RuntimeError
    assert data_version() == before
    with transaction.atomic():
        b.participant(partner_a)
        b.participant(partner_a)
        assert data_version() == before  # not yet: the writes are not committed
    assert data_version() == before + 1  # once per transaction


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_nothing_is_cached(partner_a):
    with transaction.atomic():
        b.participant(partner_a, entry=datetime.date(2026, 3, 10))
        assert p_total(MARCH) == 1
        transaction.set_rollback(True)
    assert p_total(MARCH) == 0


@pytest.mark.django_db(transaction=True)
def test_reads_and_session_writes_keep_the_version(partner_a):
    b.participant(partner_a)
    before = data_version()
    p_total(MARCH)  # computes and writes the cache entry
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=timezone.now())
    assert data_version() == before


@pytest.mark.django_db(transaction=True)
def test_partner_scopes_are_cached_apart(partner_a, partner_b):
    b.participant(partner_a, entry=datetime.date(2026, 3, 10))
    assert p_total(Scope(MARCH.start, MARCH.end, partner=partner_a)) == 1
    assert p_total(Scope(MARCH.start, MARCH.end, partner=partner_b)) == 0
    assert p_total(MARCH) == 1


def test_the_key_holds_everything_the_figures_depend_on():
    version = 7
    base = cache.scope_key("dashboard", MARCH, version)
    assert base == cache.scope_key("dashboard", MARCH, version)
    other_keys = {
        cache.scope_key("dashboard", MARCH, version + 1),
        cache.scope_key("dashboard", Scope(MARCH.start, MARCH.end, country="DK"), version),
        cache.scope_key("dashboard", Scope(MARCH.start, datetime.date(2026, 3, 30)), version),
    }
    assert base not in other_keys and len(other_keys) == 3

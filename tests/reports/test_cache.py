"""The dashboard's figure cache is exact: a write that could change a figure makes a new key.

These tests commit (transaction=True): the cache is used only outside a transaction, and the
data version is raised only after a commit."""

import dataclasses
import datetime
import importlib
import pickle
import re
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise

from jump.reports import cache, selectors
from jump.reports.cache import data_version, writes_figure_data
from jump.reports.periods import Scope
from participants.models import Participant

from . import builders as b

MARCH = Scope(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
MARCH_QUERY = {"start": "2026-03-01", "end": "2026-03-31"}
# The module (the package `jump.reports.views` names the view function `dashboard`).
dashboard_views = importlib.import_module("jump.reports.views.dashboard")
GERMAN_ENTERED_TITLE = "Eingetretene Teilnehmende pro Monat, nach Wohnsitzland"


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


# --- the dashboard's HTML (its figure part) ---------------------------------------------------


def _figure(html: str, code: str) -> str:
    block = re.search(rf'<tr id="indicator-{code}">(.*?)</tr>', html, re.S).group(1)
    return re.search(r'data-figure="current">([^<]*)<', block).group(1)


def _dashboard(client, language="en", **query):
    with translation.override(language):
        url = reverse("reports:dashboard")  # /en/…, /da/…, /de/…
    response = client.get(url, {**MARCH_QUERY, **query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_second_dashboard_view_inserts_the_cached_html_without_rendering_it(
    personas, client_for, partner_a
):
    b.participant(partner_a, entry=datetime.date(2026, 3, 10))
    client = client_for("manager")
    with CaptureQueriesContext(connection) as first:
        first_html = _dashboard(client)
    with (
        mock.patch.object(dashboard_views, "render_figures", side_effect=AssertionError) as render,
        mock.patch.object(selectors, "dashboard", side_effect=AssertionError) as figures,
        CaptureQueriesContext(connection) as second,
    ):
        second_html = _dashboard(client)
    assert not render.called and not figures.called
    fragment = dashboard_views.render_figures(MARCH, "start=2026-03-01&end=2026-03-31")
    for html in (first_html, second_html):
        assert fragment["tables"] in html and fragment["charts"] in html
    assert _figure(second_html, "P-TOTAL") == "1"
    assert 'id="chart-entered-caption"' in second_html
    # One cache read instead of the figures' read, the rendering and the cache writes.
    assert len(second.captured_queries) < len(first.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_after_a_write_the_next_dashboard_view_shows_the_new_figure(
    personas, client_for, partner_a
):
    b.participant(partner_a, entry=datetime.date(2026, 3, 10))
    client = client_for("manager")
    assert _figure(_dashboard(client), "P-TOTAL") == "1"
    before = data_version()
    b.participant(partner_a, entry=datetime.date(2026, 3, 12))
    assert data_version() > before
    assert _figure(_dashboard(client), "P-TOTAL") == "2"


@pytest.mark.django_db(transaction=True)
def test_danish_and_german_html_are_cached_apart(personas, client_for, partner_a):
    client = client_for("manager")
    version = data_version()
    assert "Optalte poster" in _dashboard(client, "da")
    german = _dashboard(client, "de")
    assert data_version() == version  # the same data version: only the language tells them apart
    assert "Gezählte Datensätze" in german
    assert "Optalte poster" not in german


@pytest.mark.django_db(transaction=True)
def test_two_partners_html_are_cached_apart(personas, client_for, partner_a, partner_b):
    b.participant(partner_a, entry=datetime.date(2026, 3, 10))
    client = client_for("manager")
    assert _figure(_dashboard(client, partner=partner_a.public_id), "P-TOTAL") == "1"
    assert _figure(_dashboard(client, partner=partner_b.public_id), "P-TOTAL") == "0"
    with mock.patch.object(dashboard_views, "render_figures", side_effect=AssertionError):
        # Both from the cache now, each its own.
        assert _figure(_dashboard(client, partner=partner_a.public_id), "P-TOTAL") == "1"
        assert _figure(_dashboard(client, partner=partner_b.public_id), "P-TOTAL") == "0"
    # A coach of partner A sees the same figure part; a coach of B cannot ask for A (404).
    assert _figure(_dashboard(client_for("coach_a")), "P-TOTAL") == "1"
    response = client_for("coach_b").get(
        reverse("reports:dashboard"), {**MARCH_QUERY, "partner": partner_a.public_id}
    )
    assert response.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_shared_html_holds_nothing_about_the_viewer(personas, client_for, partner_a):
    b.participant(partner_a, entry=datetime.date(2026, 3, 10))
    # Both logged in first: a login writes the user's last login, which raises the version.
    manager, coach = client_for("manager"), client_for("coach_a")
    render = mock.Mock(wraps=dashboard_views.render_figures)
    with mock.patch.object(dashboard_views, "render_figures", render):
        _dashboard(manager, partner=partner_a.public_id)
        coach_html = _dashboard(coach, partner=partner_a.public_id)
    # Rendered once, for the manager; the coach's page inserts it and shows their own shell.
    assert render.call_count == 1
    fragment = render(
        Scope(MARCH.start, MARCH.end, partner=partner_a), "start=2026-03-01&end=2026-03-31"
    )
    text = "".join(fragment.values())
    for user in (personas.manager, personas.coach_a):
        assert user.email not in text
    assert "csrfmiddlewaretoken" not in text
    assert _figure(coach_html, "P-TOTAL") == "1"


@pytest.mark.django_db(transaction=True)
def test_the_cached_figures_hold_no_lazy_translation(partner_a):
    b.participant(partner_a, entry=datetime.date(2026, 3, 10))
    with translation.override("de"):
        selectors.dashboard(MARCH)
        key = cache.scope_key("dashboard", MARCH, data_version())
    from django.core.cache import cache as django_cache

    stored = django_cache.get(key)
    assert stored is not None
    found = []

    def walk(value):
        if isinstance(value, Promise):
            found.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name))

    walk(stored)
    assert found == []
    assert b"django.utils.functional" not in pickle.dumps(stored)
    # Turned into text in the key's language.
    assert type(stored["entered"].title) is str
    assert stored["entered"].title == GERMAN_ENTERED_TITLE


def test_plain_turns_lazy_strings_into_text_in_the_active_language():
    from django.utils.translation import gettext_lazy

    from jump.reports.charts import Chart, Series

    counted = gettext_lazy("Records counted")
    chart = Chart("c", counted, "", [counted], [Series(counted, [1])])
    with translation.override("de"):
        result = cache.plain({"chart": chart, "pair": (counted, 2)})
    assert type(result["chart"].title) is str
    assert result["chart"].title == "Gezählte Datensätze"
    assert type(result["chart"].categories[0]) is str
    assert type(result["chart"].series[0].label) is str
    assert type(result["pair"][0]) is str and result["pair"][1] == 2
    assert isinstance(chart.title, Promise)  # the original is left as it was

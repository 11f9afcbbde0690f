"""Queries per page, as `make bench` counts them, on a small seeded programme.

The same pages, personas and counting as the benchmark (bench.pages): the second request
of each page through the test client, transaction control not counted. Goal of issue 12: at
most 10 queries per page, the participant page (a whole case file: 13 lists, read together since
issue 20) included; the admin pages are the reference and have none.

Transactional: the dashboard's figures are cached only outside a transaction (jump.reports.cache),
as in production; inside a test transaction every request would compute them.
"""

import pytest
from django.db import connection

from bench import pages, personas, seed

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the benchmark seeds with PostgreSQL's generate_series and meters its backends; "
    "the benchmark runs on PostgreSQL only",
)

GOAL = 10
BUDGETS: dict[str, int] = {}  # a page with a budget of its own (none since issue 20)


@pytest.fixture
def measured(transactional_db):
    from django.core.cache import cache

    cache.clear()
    seed.seed_scale(200, log=lambda line: None)
    cast = personas.cast()
    chosen = [page for page in pages.build_pages(cast) if page.kind != "reference"]
    cpu = {}
    yield pages.count_queries(chosen, cast, cpu=cpu), cpu
    cache.clear()


def test_every_page_stays_within_its_query_budget(measured):
    counts, _cpu = measured
    assert {"caseload_first", "dashboard", "participant", "catalogue"} <= set(counts)
    over = {name: count for name, count in counts.items() if count > BUDGETS.get(name, GOAL)}
    assert over == {}


def test_each_page_has_its_cpu_in_process_and_in_its_database_backend(measured):
    counts, cpu = measured
    assert set(cpu) == set(counts)
    for name, figures in cpu.items():
        assert figures["cpu_ms"] > 0, name
        assert 0 < figures["db_cpu_ms"] <= figures["cpu_ms"], name

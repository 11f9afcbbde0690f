"""The benchmark's reference SQL and the indicator engine agree, figure by figure."""

import datetime

import pytest
from django.db import connection

from bench import indicators_sql, seed
from jump.reports.periods import PROGRAMME_START

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The reference statements are hand-written PostgreSQL (age(), FILTER, ::regclass).",
)


@pytest.mark.parametrize(
    "start,end",
    [(PROGRAMME_START, None), (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))],
)
def test_engine_and_hand_written_sql_give_the_same_figures(db, start, end):
    today = datetime.date(2026, 11, 20)
    seed.seed_scale(300, today=today, log=lambda line: None)
    end = end or today
    engine = indicators_sql.engine_figures(start, end)
    reference = indicators_sql.figures(start, end)
    assert set(engine) == set(reference)
    assert engine["P-TOTAL"][0] > 0
    assert indicators_sql.differences(engine, reference) == []

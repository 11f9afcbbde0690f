"""Large exports do not hold their rows in memory: rows are read in chunks (`.iterator()`) and
written one by one (CSV through the csv module, XLSX in openpyxl's write-only mode), so the peak
memory of an export of 1 500 participants is about that of one of 500 (read 100 at a time)."""

import datetime
import tracemalloc

import pytest

from jump.reports.exports import content, write_report
from jump.reports.periods import Scope
from participants.models import Participant

D = datetime.date
pytestmark = pytest.mark.django_db


def add_participants(partner, count: int) -> None:
    Participant.objects.bulk_create(
        [
            Participant(
                first_name="A",
                last_name="B",
                date_of_birth=D(2005, 1, 1),
                gender="female",
                country_of_residence="DK",
                education_level="isced_0_2",
                labour_market_status="unemployed",
                partner=partner,
                status="active",
                entry_date=D(2026, 3, 10),
            )
            for _n in range(count)
        ],
        batch_size=1000,
    )


def peak_memory(fmt: str, path) -> int:
    tracemalloc.start()
    try:
        write_report(
            fmt=fmt,
            scope=Scope(D(2026, 3, 1), D(2026, 3, 31)),
            with_names=False,
            path=path,
            report_progress=lambda percent: None,
        )
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_memory_of_an_export_does_not_grow_with_its_rows(partner_a, tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(content, "ITERATOR_CHUNK", 100)  # both exports read several chunks
    add_participants(partner_a, 500)
    small = peak_memory(fmt, tmp_path / "small")
    add_participants(partner_a, 1000)
    large = peak_memory(fmt, tmp_path / "large")
    assert large < small * 1.25, (small, large)

"""The export benchmark: the full participant table as pseudonymised CSV through the reports
app (`jump.reports.exports`: `ReportContent.participants()` written by `write_csv_rows`, the
function `write_csv_zip` writes each file with: on PostgreSQL through `COPY`, pgcopy.py), against
two references: a `COPY` of the same rows (`same_rows_copy_ms`: the product's own SELECT,
`pgcopy.participants_sql`, copied to a sink — the goal's reference) and a `COPY` of the plain
16 columns (`copy_ms`: the floor, nothing computed); then the XLSX writer (`write_xlsx`,
openpyxl write-only) on the same table. `--python` also times the Python path (`python_csv_ms`:
rows built in Python and written through `csv_cell` and `csv.writer`, once).

Run as its own process (`python -m bench.export`), so that the peak resident memory
(`ru_maxrss`) is the export's and not the rest of the benchmark's; prints one JSON line.
"""

import csv
import dataclasses
import datetime
import io
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

COPY_SQL = """
COPY (
    SELECT p.public_id, pa.name, pa.country, p.status, p.gender,
           CASE WHEN a.age <= 17 THEN 'under 18' WHEN a.age <= 24 THEN '18-24'
                WHEN a.age <= 29 THEN '25-29' ELSE '30 and over' END,
           p.country_of_residence, p.education_level, p.labour_market_status,
           p.entry_date, p.exit_date, ox.kind, ox.cross_border, os.kind, os.cross_border,
           p.erased_at IS NOT NULL
    FROM participants_participant p
    JOIN accounts_partner pa ON pa.id = p.partner_id
    CROSS JOIN LATERAL (SELECT extract(year FROM age(p.entry_date, p.date_of_birth)) AS age) a
    LEFT JOIN participants_outcome ox ON ox.participant_id = p.id AND ox.timing = 'exit'
    LEFT JOIN participants_outcome os ON os.participant_id = p.id AND os.timing = 'six_months'
    WHERE p.status <> 'interested' AND p.entry_date IS NOT NULL AND p.entry_date <= %(end)s
      AND (p.exit_date IS NULL OR p.exit_date >= %(start)s)
    ORDER BY p.entry_date, p.id
) TO STDOUT WITH (FORMAT csv, HEADER)
"""


class CountingSink(io.RawIOBase):
    """A binary file that only counts what is written to it."""

    def __init__(self):
        super().__init__()
        self.size = 0
        self.lines = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if isinstance(data, memoryview):  # from a buffered writer
            data = data.tobytes()
        self.size += len(data)
        self.lines += data.count("\n") if isinstance(data, str) else data.count(b"\n")
        return len(data)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def copy_export(start, end) -> tuple[float, int]:
    from django.db import connection

    sink = CountingSink()
    started = time.perf_counter()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(COPY_SQL, {"start": start, "end": end}) as copy,
    ):
        for data in copy:
            sink.write(bytes(data))
    return time.perf_counter() - started, sink.lines - 1


def content_for(start, end):
    from jump.reports.exports.content import ReportContent
    from jump.reports.periods import Scope

    class ParticipantsOnly(ReportContent):
        def tables(self):
            return [self.participants()]

    return ParticipantsOnly(scope=Scope(start=start, end=end), with_names=False, rows=[])


def same_rows_copy(start, end) -> tuple[float, int]:
    """The reference: the product's SELECT of the participant table (every cell computed in
    SQL), copied as CSV to a sink — what the export costs with nothing done in Python."""
    from django.db import connection

    from jump.reports.exports.pgcopy import copy_statement

    source = content_for(start, end).participants().copy_source()
    sink = CountingSink()
    started = time.perf_counter()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(copy_statement(source), source.params) as copy,
    ):
        for data in copy:
            sink.write(bytes(data))
    return time.perf_counter() - started, sink.lines


def csv_export(start, end) -> tuple[float, int]:
    """The product's export of the table: `write_csv_rows` into a UTF-8 (with BOM) stream."""
    from jump.reports.exports.writers import Progress, write_csv_rows

    sink = CountingSink()
    started = time.perf_counter()
    table = content_for(start, end).participants()
    buffered = io.BufferedWriter(sink, buffer_size=64 * 1024)
    with io.TextIOWrapper(buffered, encoding="utf-8-sig", newline="") as text:
        write_csv_rows(text, table, (",", "."), Progress(lambda percent: None, total=1))
    return time.perf_counter() - started, sink.lines - 1


def python_csv_export(start, end) -> tuple[float, int]:
    """The Python path (the only one before issue 20; SQLite's): rows built in Python."""
    from jump.reports.exports.cells import csv_cell

    sink = CountingSink()
    started = time.perf_counter()
    writer = csv.writer(io.TextIOWrapper(sink, encoding="utf-8", newline="", write_through=True))
    table = dataclasses.replace(
        content_for(start, end).participants(), copy_source=lambda neutralised=True: None
    )
    for row in table.all_rows():
        writer.writerow([csv_cell(value) for value in row])
    return time.perf_counter() - started, sink.lines - 1


def xlsx_export(start, end) -> tuple[float, int]:
    from jump.reports.exports.writers import Progress, write_xlsx

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "participants.xlsx"
        started = time.perf_counter()
        write_xlsx(path, content_for(start, end), Progress(lambda percent: None, total=1))
        elapsed = time.perf_counter() - started
        return elapsed, path.stat().st_size


def main(repeats: int = 3, python: bool = False) -> dict:
    import django

    django.setup()
    from django.utils import timezone, translation

    from jump.reports.periods import PROGRAMME_START

    translation.activate("en")
    start, end = PROGRAMME_START, timezone.localdate()
    # The baseline: Django set up, the export modules imported, one export of an empty period
    # (a day long before the programme) done.
    empty = datetime.date(2000, 1, 1)
    xlsx_export(empty, empty)
    csv_export(empty, empty)
    baseline = rss_mb()
    copy_runs, same_rows_runs, csv_runs = [], [], []
    rows = copy_rows = same_rows = 0
    for _n in range(repeats):
        seconds, copy_rows = copy_export(start, end)
        copy_runs.append(seconds)
        seconds, same_rows = same_rows_copy(start, end)
        same_rows_runs.append(seconds)
        seconds, rows = csv_export(start, end)
        csv_runs.append(seconds)
    after_csv = rss_mb()
    extra = {}
    if python:
        seconds, _rows = python_csv_export(start, end)
        extra["python_csv_ms"] = round(seconds * 1000, 1)
    xlsx_seconds, xlsx_bytes = xlsx_export(start, end)
    after_xlsx = rss_mb()
    return {
        "rows": rows,
        "copy_rows": copy_rows,
        "same_rows_copy_rows": same_rows,
        "copy_ms": round(statistics.median(copy_runs) * 1000, 1),
        "same_rows_copy_ms": round(statistics.median(same_rows_runs) * 1000, 1),
        "csv_ms": round(statistics.median(csv_runs) * 1000, 1),
        "xlsx_ms": round(xlsx_seconds * 1000, 1),
        "xlsx_bytes": xlsx_bytes,
        "rss_baseline_mb": round(baseline, 1),
        "rss_peak_csv_mb": round(after_csv, 1),
        "rss_peak_xlsx_mb": round(after_xlsx, 1),
        **extra,
    }


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--python"]
    print(json.dumps(main(int(arguments[0]) if arguments else 3, "--python" in sys.argv)))

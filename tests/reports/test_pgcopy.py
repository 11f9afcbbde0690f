"""The participant table through `COPY` (pgcopy.py, issue 20) writes the same bytes as the
Python path (`participant_lines`, `csv_cell`, `csv.writer`) and the same XLSX cells, for text
that needs quoting, formulas, line breaks, unicode, empty values, every label and every
language; and the exports take that path on PostgreSQL."""

import dataclasses
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.db import connection
from django.utils import translation
from psycopg.pq import TransactionStatus

from jump.reports.exports import content as content_module
from jump.reports.exports import pgcopy, write_report
from jump.reports.exports.content import ReportContent
from jump.reports.exports.writers import Progress, write_csv_rows, write_xlsx_tables
from jump.reports.periods import Scope
from jump.reports.privacy import pseudonym
from participants.models import Outcome, Participant

from . import builders as b

D = datetime.date
MARCH = Scope(D(2026, 3, 1), D(2026, 3, 31))

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="COPY is PostgreSQL's (SQLite: Python path)"
    ),
]

TRICKY = [
    'Anne "Ann", Jr.',
    "line\nbreak",
    "crlf\r\nbreak",
    "lone\rcarriage",
    '=HYPERLINK("http://evil.example","x")',
    "+SUM(1+1)",
    "-2+3",
    "@SUM(A1)",
    "\tTabbed",
    "\rReturned",
    "Ærø ÆØÅ äöüß Straße 🙂",
    "semi;colon",
    "'already quoted",
    " leading space",
    "\\.",
    "",
]


@pytest.fixture
def tricky_programme(partner_a):
    """Participants with every label, unknown raw values, tricky text in every text column that
    reaches the table, both outcome timings, erased and not, all ages at the band limits."""
    partners = [b.PartnerFactory(name=name or "empty", country="DE") for name in TRICKY]
    # The empty name (the form requires one; the database holds "").
    partners[-1].name = ""
    partners[-1].save()
    partners.append(partner_a)
    people = []
    statuses = [s for s in Participant.Status.values if s != Participant.Status.INTERESTED]
    n = 0
    for index, text in enumerate(TRICKY):
        for gender in Participant.Gender.values:
            n += 1
            people.append(
                b.participant(
                    partners[index % len(partners)],
                    first_name=text,
                    last_name=TRICKY[(index + 3) % len(TRICKY)],
                    gender=gender,
                    status=statuses[n % len(statuses)],
                    education_level=Participant.Isced.values[n % 3],
                    labour_market_status=Participant.LabourMarketStatus.values[n % 5],
                    country_of_residence=["DK", "DE", "XX", "=1", ""][n % 5],
                    entry=D(2026, 3, 1 + n % 28),
                )
            )
    # Ages at the band limits, a 29 February birthday before and on the day after 28 February.
    for birth, entry in [
        (D(2008, 3, 11), D(2026, 3, 10)),  # 17
        (D(2008, 3, 10), D(2026, 3, 10)),  # 18
        (D(2001, 3, 11), D(2026, 3, 10)),  # 24
        (D(2001, 3, 10), D(2026, 3, 10)),  # 25
        (D(1996, 3, 11), D(2026, 3, 10)),  # 29
        (D(1996, 3, 10), D(2026, 3, 10)),  # 30
        (D(2008, 2, 29), D(2026, 2, 28)),  # 17 (in the programme since February)
        (D(2008, 2, 29), D(2026, 3, 1)),  # 18
    ]:
        people.append(b.participant(partner_a, date_of_birth=birth, entry=entry))
    # Every outcome kind at exit and after six months, across the border and not; one proposed.
    leavers = [
        b.participant(partner_a, entry=D(2026, 1, 5), exit=D(2026, 3, 1 + k))
        for k in range(len(Outcome.Kind.values))
    ]
    for k, (kind, leaver) in enumerate(zip(Outcome.Kind.values, leavers, strict=True)):
        across = kind in Outcome.CROSS_BORDER_KINDS
        b.outcome(leaver, Outcome.Timing.EXIT, kind, cross_border=across and k % 2 == 0)
        if k % 3:
            b.outcome(leaver, Outcome.Timing.SIX_MONTHS, kind, cross_border=across and k % 2 == 1)
    proposed = b.outcome(leavers[0], Outcome.Timing.SIX_MONTHS, Outcome.Kind.EMPLOYED)
    Outcome.objects.filter(pk=proposed.pk).update(status=Outcome.Status.PROPOSED)
    # Raw values outside the choices (kept as themselves; an unknown outcome as nothing).
    Participant.objects.filter(pk=people[0].pk).update(
        status="=legacy", gender="", education_level="odd,value"
    )
    Outcome.objects.filter(participant=leavers[1], timing=Outcome.Timing.EXIT).update(
        kind="retired"
    )
    b.erase(people[1])
    b.erase(leavers[2])
    # Not in the table: interested, entered after the period, left before it.
    b.participant(partner_a, status=Participant.Status.INTERESTED)
    b.participant(partner_a, entry=D(2026, 4, 2))
    b.participant(partner_a, entry=D(2025, 1, 2), exit=D(2026, 2, 1))
    return people


def ignore(percent: int) -> None:
    pass


def table_bytes(content: ReportContent, dialect=(",", "."), *, through_copy: bool) -> bytes:
    table = content.participants()
    if not through_copy:
        table = dataclasses.replace(table, copy_source=lambda neutralised=True: None)
    elif table.copy_source() is None:
        raise AssertionError("the participant table has no COPY form on PostgreSQL")
    raw = io.BytesIO()
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    write_csv_rows(text, table, dialect, Progress(ignore, total=1))
    text.flush()
    return raw.getvalue()


@pytest.mark.parametrize("language", ["da", "de", "en"])
@pytest.mark.parametrize("with_names", [False, True])
@pytest.mark.parametrize("dialect", [(",", "."), (";", ",")])
def test_the_copy_csv_is_byte_identical_to_the_python_path(
    tricky_programme, language, with_names, dialect
):
    with translation.override(language):
        content = ReportContent(scope=MARCH, with_names=with_names, rows=[])
        python = table_bytes(content, dialect, through_copy=False)
        copied = table_bytes(content, dialect, through_copy=True)
    assert python.count(b"\r\n") > 80  # the rows are there, not two empty files
    assert (b"Female" in python) == (language == "en")  # the labels are the language's
    assert copied == python


@pytest.mark.parametrize(
    "scope",
    [
        Scope(D(2026, 3, 1), D(2026, 3, 31), country="DE"),
        Scope(D(2026, 1, 1), D(2026, 2, 28)),
        Scope(D(2000, 1, 1), D(2000, 1, 2)),
    ],
    ids=["country", "february", "empty"],
)
def test_the_copy_csv_keeps_the_scope(tricky_programme, partner_a, scope):
    content = ReportContent(scope=scope, with_names=False, rows=[])
    assert table_bytes(content, through_copy=True) == table_bytes(content, through_copy=False)
    partner_scope = dataclasses.replace(MARCH, partner=partner_a)
    content = ReportContent(scope=partner_scope, with_names=False, rows=[])
    copied = table_bytes(content, through_copy=True)
    assert copied == table_bytes(content, through_copy=False)
    assert 10 < copied.count(b"\r\n") < 90  # partner A's rows and the header, not all


def test_the_pseudonym_in_sql_is_the_keyed_hash_of_privacy(tricky_programme):
    source = pgcopy.participants_sql(
        ReportContent(scope=MARCH, with_names=False, rows=[]).participants_in_table(),
        with_names=False,
    )
    with connection.cursor() as cursor:
        cursor.cursor.execute(
            f"SELECT q.* FROM ({source.sql}) q",  # noqa: S608
            source.params,
        )
        made = [row[0] for row in cursor.fetchall()]
    expected = [
        pseudonym(p.public_id)
        for p in ReportContent(scope=MARCH, with_names=False, rows=[]).participants_queryset()
    ]
    assert made == expected
    assert len(made) > 70


def test_the_pads_depend_on_the_secret_key(settings):
    ipad, opad = pgcopy.hmac_pads()
    settings.SECRET_KEY = "another-secret-key-" + "y" * 40
    assert pgcopy.hmac_pads() != (ipad, opad)
    assert len(ipad) == len(opad) == 64


def sheet_cells(path):
    sheet = openpyxl.load_workbook(path).worksheets[0]
    cells = [
        [(cell.value, cell.number_format, cell.data_type) for cell in row]
        for row in sheet.iter_rows()
    ]
    widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
    return cells, widths, sheet.freeze_panes, sheet.auto_filter.ref


@pytest.mark.parametrize("with_names", [False, True])
def test_the_copy_xlsx_has_the_python_paths_cells(tricky_programme, tmp_path, with_names):
    with translation.override("de"):
        content = ReportContent(scope=MARCH, with_names=with_names, rows=[])
        table = content.participants()
        progress = Progress(ignore, total=1)
        write_xlsx_tables(tmp_path / "copy.xlsx", [table], progress)
        python = dataclasses.replace(table, copy_source=lambda neutralised=True: None)
        write_xlsx_tables(tmp_path / "python.xlsx", [python], progress)
    copied, python_cells = (
        sheet_cells(tmp_path / "copy.xlsx"),
        sheet_cells(tmp_path / "python.xlsx"),
    )
    assert len(copied[0]) == 80  # the header and 79 rows
    assert any(isinstance(row[-7][0], datetime.datetime) for row in copied[0][1:])
    assert copied == python_cells


def test_the_report_files_take_the_copy_path(tricky_programme, tmp_path, monkeypatch):
    """The whole report (CSV ZIP and XLSX) writes its participant table by COPY: the Python
    rows are never made, and the file holds the same table as the Python path writes."""
    python_csv = tmp_path / "python.zip"
    monkeypatch.setattr(content_module, "copy_available", lambda: False)
    write_report(
        fmt="csv",
        scope=MARCH,
        with_names=False,
        path=python_csv,
        report_progress=ignore,
    )
    monkeypatch.undo()  # the COPY path again

    def not_in_python(self):
        raise AssertionError("the participant rows were built in Python")

    monkeypatch.setattr(ReportContent, "participant_lines", not_in_python)
    copied_csv, copied_xlsx = tmp_path / "copy.zip", tmp_path / "copy.xlsx"
    seen: list[int] = []
    write_report(
        fmt="csv", scope=MARCH, with_names=False, path=copied_csv, report_progress=seen.append
    )
    write_report(
        fmt="xlsx",
        scope=MARCH,
        with_names=False,
        path=copied_xlsx,
        report_progress=ignore,
    )
    with zipfile.ZipFile(python_csv) as python, zipfile.ZipFile(copied_csv) as copied:
        assert python.namelist() == copied.namelist()
        assert copied.read("participants.csv").startswith("\ufeff".encode())
        assert copied.read("participants.csv") == python.read("participants.csv")
    assert seen == sorted(seen) and seen[-1] >= 90  # progress still advances to the end
    assert openpyxl.load_workbook(copied_xlsx)["participants"].max_row == 80


def test_without_postgresql_the_table_has_no_copy_form(tricky_programme, monkeypatch):
    """SQLite (make run): the Python path writes the table."""
    monkeypatch.setattr(connection, "vendor", "sqlite")
    content = ReportContent(scope=MARCH, with_names=False, rows=[])
    assert content.participants().copy_source() is None
    assert content.participants().copy_source(neutralised=False) is None


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_progress_may_use_the_database_while_the_table_is_copied(
    tricky_programme, tmp_path, monkeypatch, fmt
):
    """The report task records its progress in the database on the same connection
    (`_report_progress`): never while a `COPY` is still sending rows on it."""
    monkeypatch.setattr(pgcopy, "BLOCK_BYTES", 1)  # a block per row: many blocks

    def record(percent: int) -> None:
        # Checked first: a query during the COPY would wait for the connection forever.
        assert connection.connection.info.transaction_status != TransactionStatus.ACTIVE
        assert Participant.objects.filter(status=Participant.Status.ACTIVE).exists()
        reported.append(percent)

    reported: list[int] = []
    write_report(
        fmt=fmt, scope=MARCH, with_names=False, path=tmp_path / "r", report_progress=record
    )
    assert reported[-1] >= 90


@pytest.mark.django_db(transaction=True)
def test_a_failure_while_the_table_is_copied_leaves_the_connection_usable(
    tricky_programme, monkeypatch
):
    """A writer that fails mid-stream (a full disk, a lost claim) ends the `COPY` at once, so
    the task can still record the failure on the same connection."""
    monkeypatch.setattr(pgcopy, "BLOCK_BYTES", 1)

    class FullDisk(io.RawIOBase):
        """Full after the header and a few rows."""

        written = 0

        def writable(self) -> bool:
            return True

        def write(self, data) -> int:
            if self.written > 1000:
                raise OSError(28, "No space left on device")
            self.written += len(data)
            return len(data)

    table = ReportContent(scope=MARCH, with_names=False, rows=[]).participants()
    text = io.TextIOWrapper(io.BufferedWriter(FullDisk(), buffer_size=16), newline="")
    with pytest.raises(OSError, match="No space"):
        write_csv_rows(text, table, (",", "."), Progress(ignore, total=1))
    assert connection.connection.info.transaction_status == TransactionStatus.IDLE
    assert Participant.objects.filter(status=Participant.Status.ACTIVE).exists()

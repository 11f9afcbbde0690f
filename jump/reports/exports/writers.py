"""The formats. Each writes to a path, row by row, and reports its progress.

XLSX: openpyxl's write-only mode (rows are streamed to the file, not kept in memory), a sheet
per table, with a frozen header, column widths measured on the content (all of a small table,
the first SAMPLE_ROWS rows of a large one), an autofilter, the header repeated on every printed
page, landscape and fit to the page's width; numbers and dates as typed cells. CSV: a ZIP with
one CSV per table, written through the csv module row by row, with the report's separator and
decimal mark. PDF: a summary (indicators, breakdowns, charts, definitions) by WeasyPrint.
"""

import csv
import dataclasses
import datetime
import io
import itertools
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import closing
from decimal import Decimal

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from .cells import csv_cell, xlsx_cell
from .content import COUNT, DATE, DECIMAL, PERCENT, ReportContent, Table
from .pgcopy import CopySource, copy_chunks

# Rows measured for the column widths of a large table (the rest is streamed, not measured).
SAMPLE_ROWS = 500
MIN_WIDTH, MAX_WIDTH = 6, 60
# Characters forbidden in a sheet's name, and its longest length (the XLSX format's rules).
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))
SHEET_NAME_LENGTH = 31

NUMBER_FORMATS = {
    COUNT: "#,##0",
    DECIMAL: "#,##0.##",
    PERCENT: "0.0",
    DATE: "yyyy-mm-dd",
}
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


class Progress:
    """Counts written rows and tells `report(percent)` now and then (at most every 2 %)."""

    def __init__(self, report, total: int, start: int = 10, end: int = 95):
        self.report, self.total, self.start, self.end = report, max(total, 1), start, end
        self.done = 0
        self.last = -1

    def step(self, rows: int = 1) -> None:
        self.done += rows
        percent = self.start + (self.end - self.start) * min(self.done, self.total) // self.total
        if percent >= self.last + 2:
            self.last = percent
            self.report(percent)


def sheet_name(name: str, taken: set[str]) -> str:
    base = str(name).translate(SHEET_NAME_FORBIDDEN)[:SHEET_NAME_LENGTH] or "sheet"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def shown_length(value) -> int:
    """About how many characters a cell needs (dates and numbers as the format shows them)."""
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, int | Decimal | float):
        return len(f"{value:,}") + 1
    return max((len(part) for part in str(value).splitlines()), default=0)


def column_widths(table: Table) -> list[float]:
    """Widths from the header and the content (the first SAMPLE_ROWS rows of the table)."""
    widths = [shown_length(title) for title in table.header]
    for row in itertools.islice(table.rows(), SAMPLE_ROWS):
        for index, value in enumerate(row):
            if index < len(widths):
                widths[index] = max(widths[index], shown_length(value))
    # The preamble's labels sit in the first column (its values are long sentences: left out).
    for line in table.preamble:
        if line:
            widths[0] = max(widths[0], shown_length(line[0]))
    return [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]


def _typed(sheet, value, kind: str | None):
    cell = WriteOnlyCell(sheet, value=xlsx_cell(value))
    if isinstance(value, datetime.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = NUMBER_FORMATS[DATE]
    elif isinstance(value, int | Decimal | float) and kind in NUMBER_FORMATS:
        cell.number_format = NUMBER_FORMATS[kind]
    return cell


def write_table_sheet(workbook, table: Table, taken: set[str], progress: Progress) -> None:
    sheet = workbook.create_sheet(title=sheet_name(table.name, taken))
    header_row = table.header_row
    # Set before the first row: write-only sheets write their views and columns first.
    sheet.freeze_panes = f"A{header_row + 1}"
    for index, width in enumerate(column_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    for line in table.preamble:
        sheet.append([_typed(sheet, value, None) for value in line])
    sheet.append([xlsx_cell(title) for title in table.header])
    last = header_row
    for row in table.rows():
        sheet.append([_typed(sheet, value, table.kind(i)) for i, value in enumerate(row)])
        last += 1
        progress.step()
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(table.header))}{last}"


def write_xlsx(path, content: ReportContent, progress: Progress) -> None:
    write_xlsx_tables(path, content.tables(), progress)


def spooled_rows(spool, date_columns: frozenset[int]) -> Iterator[list]:
    """The rows of a COPY spooled to `spool` (pgcopy.py), as the Python path yields them for a
    sheet: dates as dates (an empty one as None), text as text."""
    spool.seek(0)
    # Lines split at LF only, each with its line end: a quoted cell's line breaks stay whole.
    for row in csv.reader(line.decode() for line in spool):
        yield [
            (datetime.date.fromisoformat(value) if value else None)
            if index in date_columns
            else value
            for index, value in enumerate(row)
        ]


def write_copied_sheet(
    workbook, table: Table, source: CopySource, taken: set[str], progress: Progress
) -> None:
    """A table with an SQL form: its COPY spooled to a temporary file, the sheet written from
    it (the rows are read twice: the column widths' sample, then the sheet). The text comes
    as it is (not neutralised): the cells are made as for any other table (`_typed`)."""
    with tempfile.TemporaryFile() as spool, closing(copy_chunks(source)) as blocks:
        for block, _rows in blocks:
            spool.write(block)
        spool.flush()
        rows = dataclasses.replace(
            table,
            rows=lambda: spooled_rows(spool, source.date_columns),
            copy_source=lambda neutralised=True: None,
        )
        write_table_sheet(workbook, rows, taken, progress)


def write_xlsx_tables(path, tables: list[Table], progress: Progress) -> None:
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for table in tables:
        source = table.copy_source(neutralised=False)
        if source is not None:
            write_copied_sheet(workbook, table, source, taken, progress)
        else:
            write_table_sheet(workbook, table, taken, progress)
    workbook.save(path)


def csv_file_name(name: str) -> str:
    return str(name).translate(SHEET_NAME_FORBIDDEN).replace(" ", "-") + ".csv"


def write_csv_rows(text, table: Table, dialect: tuple[str, str], progress: Progress) -> None:
    """The table as CSV into `text` (a text stream over a binary one, newline=""): through
    `COPY` where the table has an SQL form on this database (pgcopy.py: the same bytes), else
    row by row."""
    separator, decimal_mark = dialect
    writer = csv.writer(text, delimiter=separator)
    source = table.copy_source()
    if source is not None:
        for row in itertools.chain(table.preamble, [table.header]):
            writer.writerow([csv_cell(value, decimal_mark) for value in row])
        text.flush()
        copied = 0
        # Closed at once if writing fails: the COPY is ended before anything else uses the
        # connection. Progress is told after it: the task records it on the same connection.
        with closing(copy_chunks(source, separator)) as blocks:
            for block, rows in blocks:
                text.buffer.write(block)
                copied += rows
        progress.step(copied)
        return
    for row in table.all_rows():
        writer.writerow([csv_cell(value, decimal_mark) for value in row])
        progress.step()


def write_csv_zip(
    path, content: ReportContent, progress: Progress, dialect: tuple[str, str] = (",", ".")
) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in content.tables():
            with (
                archive.open(csv_file_name(table.name), "w") as raw,
                # The byte-order mark tells a spreadsheet the file is UTF-8 (æøå, äöüß).
                io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text,
            ):
                write_csv_rows(text, table, dialect, progress)


def write_pdf(path, content: ReportContent, progress: Progress, charts) -> None:
    # Imported here: WeasyPrint loads pango at import, which only this writer needs.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    indicators = content.indicators()
    html = render_to_string(
        "reports/report_pdf.html",
        {
            "content": content,
            "rows": content.rows,
            "about": content.about(),
            "lines": list(content.pdf_lines()),
            "charts": charts,
            "definitions": list(content.definitions().rows()),
            "indicators": indicators,
        },
    )
    progress.step(progress.total // 2)
    # Self-contained (charts are inline SVG, fonts from fontconfig): nothing is ever fetched.
    HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf(path)
    progress.step(progress.total)

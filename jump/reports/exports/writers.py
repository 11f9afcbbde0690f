"""The three formats. Each writes to a path, row by row, and reports its progress.

XLSX: openpyxl's write-only mode (rows are streamed to the file, not kept in memory), a sheet
per table. CSV: a ZIP with one CSV per table, written through the csv module row by row. PDF: a
summary (indicators, breakdowns, charts, definitions) rendered by WeasyPrint.
"""

import csv
import io
import zipfile

from django.template.loader import render_to_string
from openpyxl import Workbook

from .cells import csv_cell, xlsx_cell
from .content import ReportContent


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


def write_xlsx(path, content: ReportContent, progress: Progress) -> None:
    workbook = Workbook(write_only=True)
    for table in content.tables():
        sheet = workbook.create_sheet(title=table.name)
        for row in table.all_rows():
            sheet.append([xlsx_cell(value) for value in row])
            progress.step()
    workbook.save(path)


def write_csv_zip(path, content: ReportContent, progress: Progress) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in content.tables():
            with (
                archive.open(f"{table.name}.csv", "w") as raw,
                io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text,
            ):
                writer = csv.writer(text)
                for row in table.all_rows():
                    writer.writerow([csv_cell(value) for value in row])
                    progress.step()


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
            "header": indicators.header,
            "lines": list(indicators.rows()),
            "charts": charts,
            "definitions": list(content.definitions().rows()),
        },
    )
    progress.step(progress.total // 2)
    # Self-contained (charts are inline SVG, fonts from fontconfig): nothing is ever fetched.
    HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf(path)
    progress.step(progress.total)

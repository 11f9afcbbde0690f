"""Report files: the content (content.py) written in one of the formats (writers.py); the
Jems-shaped table of a submitted period (jems.py)."""

import io

from ..indicators import indicator_rows
from ..periods import Scope
from .content import ReportContent, Table
from .writers import Progress, write_csv_rows, write_csv_zip, write_pdf, write_xlsx

__all__ = ["Progress", "ReportContent", "Table", "write_report"]


def write_report(
    *,
    fmt: str,
    scope: Scope,
    with_names: bool,
    path,
    report_progress,
    csv_dialect: tuple[str, str] = (",", "."),
) -> None:
    """Compute the figures for `scope` and write the report in `fmt` to `path`.

    `report_progress(percent)` is called as the work advances (and may raise to stop it).
    """
    from .. import selectors

    if fmt in ("jems_xlsx", "jems_csv"):
        write_jems(
            fmt=fmt,
            scope=scope,
            path=path,
            report_progress=report_progress,
            csv_dialect=csv_dialect,
        )
        return
    rows = indicator_rows(scope)
    report_progress(10)
    content = ReportContent(scope=scope, with_names=with_names, rows=rows)
    if fmt == "pdf":
        charts = [
            selectors.chart_entered_per_month(scope),
            selectors.chart_outcomes(scope),
            selectors.chart_cross_border(rows),
            selectors.chart_companies_by_sector(rows),
            selectors.chart_staff_trained(rows),
        ]
        write_pdf(path, content, Progress(report_progress, total=2), charts)
        return
    total = sum(table.count() for table in content.tables())
    progress = Progress(report_progress, total=total)
    if fmt == "xlsx":
        write_xlsx(path, content, progress)
    else:
        write_csv_zip(path, content, progress, csv_dialect)


def write_jems(*, fmt: str, scope: Scope, path, report_progress, csv_dialect) -> None:
    from ..models import ReportSubmission
    from .jems import jems_table
    from .writers import write_xlsx_tables

    submission = ReportSubmission.objects.get(period_start=scope.start, period_end=scope.end)
    table = jems_table(submission=submission, scope=scope)
    progress = Progress(report_progress, total=table.count())
    if fmt == "jems_xlsx":
        write_xlsx_tables(path, [table], progress)
        return
    with open(path, "wb") as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
        write_csv_rows(text, table, csv_dialect, progress)

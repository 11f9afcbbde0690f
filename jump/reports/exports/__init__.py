"""Report files: the content (content.py) written in one of three formats (writers.py)."""

from ..indicators import indicator_rows
from ..periods import Scope
from .content import ReportContent, Table
from .writers import Progress, write_csv_zip, write_pdf, write_xlsx

__all__ = ["Progress", "ReportContent", "Table", "write_report"]


def write_report(*, fmt: str, scope: Scope, with_names: bool, path, report_progress) -> None:
    """Compute the figures for `scope` and write the report in `fmt` to `path`.

    `report_progress(percent)` is called as the work advances (and may raise to stop it).
    """
    from .. import selectors

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
    writer = write_xlsx if fmt == "xlsx" else write_csv_zip
    writer(path, content, progress)

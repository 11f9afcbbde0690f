"""SECURITY 23 — pseudonymised reporting: a keyed hash instead of names, age band instead of
birth date, no free text, groups under 5 shown as "<5"."""

import datetime

import pytest

from tests.reports.builders import MARKER
from tests.reports.test_exports import D, build, csv_tables, pdf_text, sheet_text, xlsx

pytestmark = pytest.mark.django_db


def test_sec_23_small_groups_are_shown_as_less_than_five_in_a_pseudonymised_export(
    personas, reports_programme, django_capture_on_commit_callbacks
):
    workbook = xlsx(build(personas.manager, "xlsx", capture=django_capture_on_commit_callbacks))
    lines = {(row[0], str(row[3] or "").strip()): row for row in workbook["indicators"].values}
    # This period's number and its "<5" flag column (a hidden cell is empty, so sums work).
    assert lines[("P-GENDER", "Male")][6:8] == (None, "<5")  # three men
    # The only other non-zero line is hidden too, or 9 − 6 would give the three away.
    assert lines[("P-GENDER", "Female")][6:8] == (None, "<5")
    assert lines[("P-GENDER", "Diverse")][6:8] == (0, None)  # nobody is no small group
    assert lines[("P-GENDER", "")][6] == 9  # the figure itself (9) is reported as it is


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "pdf"])
def test_sec_23_a_default_export_has_no_name_birth_date_or_free_text(
    personas, reports_programme, django_capture_on_commit_callbacks, fmt
):
    run = build(personas.manager, fmt, capture=django_capture_on_commit_callbacks)
    if fmt == "xlsx":
        text = sheet_text(xlsx(run))
        dates = [
            cell.value.date()
            for sheet in xlsx(run).worksheets
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, datetime.datetime)
        ]
        assert D(2005, 5, 17) not in dates
    elif fmt == "csv":
        text = "\n".join(",".join(r) for rows in csv_tables(run).values() for r in rows)
    else:
        text = pdf_text(run)
    assert MARKER.lower() not in text.lower()  # names, e-mail, notes, reasons, comments
    assert "2005-05-17" not in text and "17.05.2005" not in text

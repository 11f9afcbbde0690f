"""Files that open, print and read well: every PDF page holds its text, the XLSX is a working
spreadsheet (LibreOffice reads the same numbers), the CSV opens as numbers in Danish and German
spreadsheets."""

import csv
import io
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from jump.reports import services

from .test_exports import build, programme, read_bytes  # noqa: F401 — the fixture

pytestmark = pytest.mark.django_db

LANGUAGES = ["da", "de", "en"]
SHEETS = {
    "da": ["indikatorer", "deltagere", "praktikforløb", "efteruddannelse", "definitioner"],
    "de": ["Indikatoren", "Teilnehmende", "Einsätze", "Fortbildung", "Definitionen"],
    "en": ["indicators", "participants", "placements", "training", "definitions"],
}


def in_language(personas, language):
    personas.manager.preferred_language = language
    personas.manager.save(update_fields=["preferred_language"])
    return personas.manager


@pytest.fixture
def submitted_january(personas, programme):  # noqa: F811
    """January–February submitted, so "previously reported" has frozen values."""
    import datetime

    services.report_submission_create(
        actor=personas.manager,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 2, 28),
        submitted_on=datetime.date(2026, 3, 5),
        reference="PR-1",
    )


# --- PDF ------------------------------------------------------------------------------------

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def words_outside_the_page(pdf: bytes, tmp_path: Path) -> list[str]:
    """Every word whose box (pdftotext's own text positions) leaves its page's box."""
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(source), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    pages = PAGE.findall(out)
    assert pages, "pdftotext found no page"
    outside = []
    for number, (width, height, body) in enumerate(pages, start=1):
        words = WORD.findall(body)
        assert words or number > 1, "no text on the first page"
        for x0, y0, x1, y1, text in words:
            if (
                float(x0) < 0
                or float(y0) < 0
                or float(x1) > float(width)
                or float(y1) > float(height)
            ):
                outside.append(f"page {number}: {text!r} at {x0},{y0}–{x1},{y1}")
    return outside


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("with_names", [False, True])
def test_no_text_lies_outside_the_page_in_any_pdf(
    personas, submitted_january, language, with_names, tmp_path, django_capture_on_commit_callbacks
):
    manager = in_language(personas, language)
    run = build(manager, "pdf", with_names=with_names, capture=django_capture_on_commit_callbacks)
    assert words_outside_the_page(read_bytes(run), tmp_path) == []


def test_the_pdf_shows_targets_alike_in_the_summary_and_the_table(
    personas, submitted_january, django_capture_on_commit_callbacks
):
    from .test_exports import pdf_text

    text = pdf_text(build(personas.manager, "pdf", capture=django_capture_on_commit_callbacks))
    assert "40.00" not in text and "40,00" not in text  # the P-TOTAL target is 40 everywhere


# --- XLSX -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_xlsx_is_a_working_spreadsheet(
    personas, submitted_january, language, django_capture_on_commit_callbacks
):
    manager = in_language(personas, language)
    run = build(manager, "xlsx", capture=django_capture_on_commit_callbacks)
    workbook = openpyxl.load_workbook(io.BytesIO(read_bytes(run)))
    assert workbook.sheetnames == SHEETS[language]
    for sheet in workbook.worksheets:
        header_row = int(re.match(r"A(\d+)", sheet.freeze_panes).group(1)) - 1
        assert sheet.auto_filter.ref.startswith(f"A{header_row}:")
        assert sheet.print_title_rows.replace("$", "") == f"{header_row}:{header_row}"
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        widths = [dimension.width for dimension in sheet.column_dimensions.values()]
        assert len(widths) >= 3 and len(set(widths)) > 1  # measured, not one default
    indicators = workbook.worksheets[0]
    rows = list(indicators.iter_rows())
    generated = rows[5][1]  # title, period, partner, country, country filter, generated
    assert generated.is_date and generated.number_format == "yyyy-mm-dd hh:mm"
    header_row = int(indicators.freeze_panes[1:]) - 1
    by_code = {row[0].value: row for row in rows[header_row:] if row[0].value and not row[3].value}
    total = by_code["P-TOTAL"]
    # previously reported 3 (hidden: blank with the flag beside it), this period 9, target 40.
    assert (total[4].value, total[5].value) == (None, "<5")
    assert total[6].value == 9 and total[6].data_type == "n"
    assert total[10].value == 40 and total[10].data_type == "n"
    assert total[11].value == Decimal("30.0") or total[11].value == 30
    dates = [cell for row in workbook.worksheets[1].iter_rows(min_row=2) for cell in row]
    assert any(cell.is_date for cell in dates)
    assert all(cell.number_format == "yyyy-mm-dd" for cell in dates if cell.is_date)
    # The widest column of the participants' sheet fits its dates (no "###" when printed).
    date_columns = {cell.column_letter for cell in dates if cell.is_date}
    for letter in date_columns:
        assert workbook.worksheets[1].column_dimensions[letter].width >= 12


def numeric_cells(workbook) -> dict[str, dict[tuple[int, int], Decimal]]:
    found = {}
    for sheet in workbook.worksheets:
        cells = {}
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, int | float | Decimal) and not isinstance(
                    cell.value, bool
                ):
                    cells[(cell.row, cell.column)] = Decimal(str(cell.value))
        found[sheet.title] = cells
    return found


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("fmt", ["xlsx", "jems_xlsx"])
def test_libreoffice_reads_the_same_numbers_from_every_xlsx(
    personas, submitted_january, fmt, tmp_path, django_capture_on_commit_callbacks
):
    import datetime

    if fmt == "jems_xlsx":
        services.report_submission_create(
            actor=personas.manager,
            period_start=datetime.date(2026, 3, 1),
            period_end=datetime.date(2026, 3, 31),
            submitted_on=datetime.date(2026, 4, 5),
            reference="PR-2",
        )
    run = build(personas.manager, fmt, capture=django_capture_on_commit_callbacks)
    source = tmp_path / "report.xlsx"
    source.write_bytes(read_bytes(run))
    workbook = openpyxl.load_workbook(source)
    # Comma-separated, UTF-8, raw values (not as shown), every sheet (-1) to its own file.
    options = "44,34,76,1,,1033,false,true,false,false,false,-1"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{options}",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    expected = numeric_cells(workbook)
    assert expected[workbook.sheetnames[0]], "the first sheet has numbers"
    outputs = sorted((tmp_path / "out").glob("*.csv"))
    assert len(outputs) == len(workbook.sheetnames)
    for title, cells in expected.items():
        path = next(p for p in outputs if p.stem.endswith("-" + title) or p.stem == title)
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        for (row, column), value in cells.items():
            assert Decimal(rows[row - 1][column - 1]) == value, (title, row, column)


# --- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "de"])
def test_the_csv_opens_with_semicolons_and_decimal_commas_in_danish_and_german(
    personas, submitted_january, language, django_capture_on_commit_callbacks
):
    manager = in_language(personas, language)
    run = build(manager, "csv", capture=django_capture_on_commit_callbacks)
    with zipfile.ZipFile(io.BytesIO(read_bytes(run))) as archive:
        names = archive.namelist()
        assert names == [f"{name}.csv" for name in SHEETS[language]]
        raw = archive.read(names[0])
    assert raw.startswith("\ufeff".encode())  # the BOM: a spreadsheet reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    total = next(row for row in rows if row and row[0] == "P-TOTAL" and not row[3])
    assert total[6] == "9"
    assert total[11] == "30,0"  # progress with a decimal comma
    assert run.download_name().endswith(".zip")


def test_the_separator_and_decimal_mark_can_be_chosen_per_report(
    personas, submitted_january, django_capture_on_commit_callbacks
):
    manager = in_language(personas, "de")
    run = build(
        manager,
        "csv",
        capture=django_capture_on_commit_callbacks,
        csv_separator=",",
        decimal_mark=".",
    )
    with zipfile.ZipFile(io.BytesIO(read_bytes(run))) as archive:
        raw = archive.read(archive.namelist()[0]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    total = next(row for row in rows if row and row[0] == "P-TOTAL" and not row[3])
    assert total[11] == "30.0"

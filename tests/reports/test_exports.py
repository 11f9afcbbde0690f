"""The three formats: what they contain, what they never contain, and that their numbers are the
dashboard's (SECURITY 17, 23)."""

import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from companies.models import Placement
from jump.audit.models import AccessLog
from jump.reports import services
from jump.reports.indicators import indicator_rows
from jump.reports.models import ReportRun
from jump.reports.periods import Scope
from jump.reports.privacy import pseudonym
from jump.reports.templatetags.reports_tags import figure, target_number
from participants.models import Outcome
from training_modules.models import Enrolment

from . import builders as b
from .builders import MARKER

D = datetime.date
MARCH = Scope(D(2026, 3, 1), D(2026, 3, 31))
SHEETS = ["indicators", "participants", "placements", "training", "definitions"]
# Text a spreadsheet would run as a formula, typed into names that reach the exports.
EVIL_PARTNER = '=HYPERLINK("http://evil.example","click")'
EVIL_COMPANY = "+SUM(1+1)"
EVIL_MODULE = "@SUM(A1)"
EVIL_PRACTICE_PARTNER = "-2+3"

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(partner_a):
    """Six women and three men entered in March, two people in January, outcomes, placements,
    training — with a marker in every personal-data field and formulas in names."""
    evil = b.PartnerFactory(name=EVIL_PARTNER, country="DE")
    people = [b.participant(partner_a, gender="female") for _n in range(6)]
    people += [b.participant(evil, gender="male", country_of_residence="DE") for _n in range(3)]
    early = [b.participant(partner_a, entry=D(2026, 1, 20)) for _n in range(2)]
    leaver = b.participant(partner_a, entry=D(2026, 1, 5), exit=D(2026, 3, 20))
    b.outcome(leaver, Outcome.Timing.EXIT, Outcome.Kind.EMPLOYED, cross_border=True)
    b.erase(early[0])
    trip = b.activity(partner_a, date=D(2026, 3, 12))
    for person in people[:5]:
        b.attend(trip, person)
    company = b.company(country="DE", name=EVIL_COMPANY, partner=partner_a)
    offer = b.offer(company, published=D(2026, 3, 2))
    done = b.placement(
        people[0],
        offer,
        status=Placement.Status.COMPLETED,
        start=D(2026, 3, 2),
        end=D(2026, 3, 20),
        cross_border=True,
    )
    b.feedback(done, would_hire=True)
    b.placement(
        people[1],
        offer,
        status=Placement.Status.COMPLETED,
        start=D(2026, 3, 2),
        end=D(2026, 3, 21),
        cross_border=True,
    )
    b.placement(people[2], offer, status=Placement.Status.DECLINED)
    learner = b.staff_user(evil, first_name=f"{MARKER}Staff", last_name=f"{MARKER}Learner")
    session = b.session(b.module(EVIL_MODULE), start=D(2026, 3, 5))
    b.enrol(session, learner, status=Enrolment.Status.COMPLETED, completed=D(2026, 3, 6))
    target = services.indicator_target_set(
        actor=b.staff_user(roles=["programme_manager"]),
        code="P-TOTAL",
        target_value=Decimal("40"),
        milestone_value=Decimal("10"),
        milestone_date=D(2026, 6, 30),
    )
    return SimpleNamespace(people=people, early=early, leaver=leaver, evil=evil, target=target)


def build(manager, fmt, *, with_names=False, capture=None, **kw) -> ReportRun:
    with capture(execute=True):
        run = services.report_run_request(
            actor=manager,
            period_start=MARCH.start,
            period_end=MARCH.end,
            format=fmt,
            with_names=with_names,
            reason="Checking the funder's sample for the audit" if with_names else "",
            **kw,
        )
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE, run.error
    return run


def read_bytes(run) -> bytes:
    with default_storage.open(run.file.name, "rb") as handle:
        return handle.read()


def xlsx(run):
    return openpyxl.load_workbook(io.BytesIO(read_bytes(run)))


def csv_tables(run) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(read_bytes(run))) as archive:
        return {
            name.removesuffix(".csv"): list(
                csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")))
            )
            for name in archive.namelist()
        }


def pdf_text(run) -> str:
    reader = PdfReader(io.BytesIO(read_bytes(run)))
    return "\n".join(page.extract_text() for page in reader.pages)


def sheet_text(workbook) -> str:
    return "\n".join(
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )


def number(value):
    """A figure as a Decimal (or None for "no value"), whatever the format wrote."""
    if value in (None, "", "–"):
        return None
    if value == "<5":
        return value
    return Decimal(str(value).replace(",", "").replace("%", "").strip())


def main_rows(rows_of_sheet) -> dict:
    """code → (previous, this period, cumulative, target, progress) from an indicators table."""
    found, started = {}, False
    for row in rows_of_sheet:
        if row and row[0] == "Code":
            started = True
            continue
        if started and row and row[0] and not row[3]:
            # Code, name, ESF+ name, breakdown, then each figure with its "<5" flag column.
            found[row[0]] = tuple(
                number(row[i + 1] if row[i + 1] == "<5" else row[i]) for i in (4, 6, 8, 10, 11)
            )
    return found


def for_funder(row, figure):
    """A figure as an export for the funder shows it: counts of 1–4, and a share whose parts
    are 1–4, as "<5" (docs/indicators.md, "Small counts")."""
    if row.indicator.unit == "percent":
        small = any(0 < part.value < 5 for part in figure.parts)
        return "<5" if small else figure.value
    return "<5" if figure.value and 0 < figure.value < 5 else figure.value


def expected(scope=MARCH, *, suppressed=True) -> dict:
    shown = for_funder if suppressed else (lambda row, figure: figure.value)
    return {
        row.indicator.code: tuple(
            number(v)
            for v in (
                shown(row, row.previous),
                shown(row, row.current),
                shown(row, row.cumulative),
                row.target.target_value if row.target else None,
                row.progress,
            )
        )
        for row in indicator_rows(scope)
    }


# --- contents -------------------------------------------------------------------------------


def test_xlsx_has_a_sheet_per_table_and_opens_with_openpyxl(
    personas, programme, django_capture_on_commit_callbacks
):
    workbook = xlsx(build(personas.manager, "xlsx", capture=django_capture_on_commit_callbacks))
    assert workbook.sheetnames == SHEETS
    participants = list(workbook["participants"].values)
    assert participants[0][0] == "Pseudonym"
    assert len(participants) == 1 + 9 + 2 + 1  # header, March, January, the leaver
    hashes = {row[0] for row in participants[1:]}
    assert pseudonym(programme.people[0].public_id) in hashes
    definitions = [row[0] for row in workbook["definitions"].values]
    assert "RCO81" in definitions and "C-HIRE" in definitions


def test_csv_is_a_zip_of_one_csv_per_table(personas, programme, django_capture_on_commit_callbacks):
    run = build(personas.manager, "csv", capture=django_capture_on_commit_callbacks)
    tables = csv_tables(run)
    assert sorted(tables) == sorted(SHEETS)
    assert run.download_name().endswith(".zip")
    assert tables["placements"][0][0] == "Participant (pseudonym)"
    assert len(tables["placements"]) == 3  # two completed placements; the declined one did not run


def test_pdf_opens_with_a_pdf_reader_and_carries_the_charts(
    personas, programme, django_capture_on_commit_callbacks
):
    run = build(personas.manager, "pdf", capture=django_capture_on_commit_callbacks)
    assert read_bytes(run).startswith(b"%PDF")
    text = pdf_text(run)
    assert "Participants entered per month, by country of residence" in text
    assert "Companies engaged by sector" in text
    assert "RCO81" in text


def test_an_export_with_names_carries_them_and_nothing_is_suppressed(
    personas, programme, django_capture_on_commit_callbacks
):
    run = build(
        personas.manager, "xlsx", with_names=True, capture=django_capture_on_commit_callbacks
    )
    workbook = xlsx(run)
    header = next(workbook["participants"].values)
    assert header[:4] == ("Pseudonym", "First name", "Last name", "Date of birth")
    assert MARKER in sheet_text(workbook)
    lines = {(row[0], str(row[3] or "").strip()): row for row in workbook["indicators"].values}
    assert lines[("P-GENDER", "Male")][6] == 3
    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT_NAMES)
    assert log.actor == personas.manager
    assert log.reason == "Checking the funder's sample for the audit"


# --- the same numbers everywhere ------------------------------------------------------------


def dashboard_numbers(client) -> dict:
    html = client.get(
        reverse("reports:dashboard"), {"start": "2026-03-01", "end": "2026-03-31"}
    ).content.decode()
    found = {}
    for code, block in re.findall(r'<tr id="indicator-([^"]+)">(.*?)</tr>', html, re.S):
        cells = dict(re.findall(r'data-figure="(\w+)">([^<]*)<', block))
        found[code] = tuple(number(cells[k]) for k in ("previous", "current", "cumulative"))
    return found


def test_the_three_formats_carry_the_dashboards_numbers(
    personas, programme, client_for, django_capture_on_commit_callbacks
):
    # January and February were submitted: "previously reported" is what was submitted.
    services.report_submission_create(
        actor=personas.manager,
        period_start=D(2026, 1, 1),
        period_end=D(2026, 2, 28),
        submitted_on=D(2026, 3, 10),
        reference="JEMS-PR-1",
    )
    want = expected(suppressed=False)
    # January: two people and the leaver; March: nine; the target 40 → 12 / 40 = 30 %.
    assert want["P-TOTAL"] == (3, 9, 12, 40, Decimal("30.0"))
    assert want["C-HIRE"][1] == Decimal("100.0")  # one completed with feedback, who would hire
    assert want["RCO81"][1] == 7  # five attendances, two placements
    shown = dashboard_numbers(client_for("manager"))
    assert shown == {code: values[:3] for code, values in want.items()}
    # The funder's files hide counts of 1–4 (the dashboard for managers shows them exactly).
    want = expected()
    assert want["P-TOTAL"][0] == "<5"

    capture = django_capture_on_commit_callbacks
    workbook = xlsx(build(personas.manager, "xlsx", capture=capture))
    assert main_rows(list(workbook["indicators"].values)) == want

    tables = csv_tables(build(personas.manager, "csv", capture=capture))
    assert main_rows(tables["indicators"]) == want

    text = " ".join(pdf_text(build(personas.manager, "pdf", capture=capture)).split())
    for row in indicator_rows(MARCH):
        unit = row.indicator.unit
        values = [for_funder(row, f) for f in (row.previous, row.current, row.cumulative)]
        line = [row.indicator.code, *(figure(value, unit) for value in values)]
        line.append(target_number(row.target.target_value) if row.target else "–")
        line.append(figure(row.progress, "percent"))
        assert " ".join(line) in text, row.indicator.code

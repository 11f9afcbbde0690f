"""Submitted periods are frozen: "previously reported" is what was submitted, a recount that
now differs is shown as a difference, erasure changes nothing; the Jems-shaped export."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jump.reports import services
from jump.reports.indicators import indicator_rows
from jump.reports.models import IndicatorTarget, ReportRun, ReportSubmission, SubmissionValue
from jump.reports.periods import Scope
from jump.reports.submissions import recounts

from . import builders as b
from .test_exports import build, read_bytes

D = datetime.date
JAN_FEB = (D(2026, 1, 1), D(2026, 2, 28))
MARCH = Scope(D(2026, 3, 1), D(2026, 3, 31))
pytestmark = pytest.mark.django_db


def submit(manager, start, end, reference="PR-1"):
    return services.report_submission_create(
        actor=manager,
        period_start=start,
        period_end=end,
        submitted_on=end + datetime.timedelta(days=10),
        reference=reference,
    )


def rows(scope=MARCH):
    return {row.indicator.code: row for row in indicator_rows(scope)}


def test_a_submission_freezes_the_figures_per_indicator_and_line(personas, partner_a):
    for _n in range(6):
        b.participant(partner_a, entry=D(2026, 1, 10), gender="male")
    submission = submit(personas.manager, *JAN_FEB)
    assert (submission.submitted_by, submission.reference) == (personas.manager, "PR-1")
    whole = SubmissionValue.objects.filter(submission=submission, partner=None, country="")
    assert whole.get(code="P-TOTAL", line="").value == 6
    assert whole.get(code="P-GENDER", line="male").value == 6
    by_partner = SubmissionValue.objects.get(
        submission=submission, partner=partner_a, country="", code="P-TOTAL", line=""
    )
    assert by_partner.value == 6


def test_a_late_entry_shows_as_a_difference_not_as_a_change_of_previously_reported(
    personas, partner_a, client_for
):
    for _n in range(6):
        b.participant(partner_a, entry=D(2026, 1, 10))
    submission = submit(personas.manager, *JAN_FEB)
    late = b.participant(partner_a, entry=D(2026, 2, 3))  # entered after the submission
    row = rows()["P-TOTAL"]
    assert row.previous.value == 6  # what was submitted, not the recount (7)
    assert row.cumulative.value == 7
    found = recounts(MARCH)
    assert [r.submission for r in found] == [submission]
    difference = {d.code: d for d in found[0].differences}["P-TOTAL"]
    assert (difference.submitted, difference.now, difference.change) == (6, 7, 1)

    html = (
        client_for("manager")
        .get(reverse("reports:dashboard"), {"start": "2026-03-01", "end": "2026-03-31"})
        .content.decode()
    )
    assert 'data-difference="P-TOTAL">+1<' in html
    # The evidence list names the records that changed since the submission: the late one.
    evidence = client_for("manager").get(
        reverse("reports:evidence", kwargs={"code": "P-TOTAL"}),
        {"start": "2026-01-01", "end": "2026-02-28", "since": str(submission.public_id)},
    )
    assert evidence.status_code == 200
    assert [p.pk for p in evidence.context["page"].object_list] == [late.pk]


def test_erasure_changes_no_frozen_or_recounted_figure(personas, partner_a):
    people = [b.participant(partner_a, entry=D(2026, 1, 10)) for _n in range(6)]
    submit(personas.manager, *JAN_FEB)
    b.erase(people[0])
    assert rows()["P-TOTAL"].previous.value == 6
    assert recounts(MARCH) == []


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2026, 1, 1), D(2026, 2, 28)),  # the same period twice
        (D(2026, 2, 1), D(2026, 3, 31)),  # overlapping it
    ],
)
def test_submitting_an_overlapping_period_is_refused_and_writes_nothing(personas, start, end):
    submit(personas.manager, *JAN_FEB)
    count = SubmissionValue.objects.count()
    with pytest.raises(ValidationError) as error:
        submit(personas.manager, start, end, reference="PR-2")
    assert "overlaps the report already submitted" in str(error.value)
    assert ReportSubmission.objects.count() == 1
    assert SubmissionValue.objects.count() == count


def test_only_managers_submit(personas):
    with pytest.raises(PermissionDenied):
        submit(personas.coach_a, *JAN_FEB)
    assert not ReportSubmission.objects.exists()


def test_the_submission_page_shows_a_clear_message_and_writes_nothing_on_overlap(
    personas, client_for
):
    submit(personas.manager, *JAN_FEB)
    response = client_for("manager").post(
        reverse("reports:submission_list"),
        {
            "period_start": "2026-02-01",
            "period_end": "2026-03-31",
            "submitted_on": "2026-04-10",
            "reference": "PR-2",
        },
    )
    assert response.status_code == 200
    assert "overlaps the report already submitted" in response.content.decode()
    assert ReportSubmission.objects.count() == 1


def test_a_target_for_an_unknown_indicator_is_refused(personas):
    with pytest.raises(ValidationError) as error:
        services.indicator_target_set(
            actor=personas.manager, code="NOPE", target_value=Decimal("1")
        )
    assert "There is no indicator with this code." in str(error.value)
    assert not IndicatorTarget.objects.exists()


def test_a_jems_export_needs_a_submitted_period(personas):
    with pytest.raises(ValidationError) as error:
        services.report_run_request(
            actor=personas.manager,
            period_start=MARCH.start,
            period_end=MARCH.end,
            format=ReportRun.Format.JEMS_XLSX,
        )
    assert "No report was submitted for exactly this period" in str(error.value)
    assert not ReportRun.objects.exists()


# --- the Jems-shaped export -----------------------------------------------------------------

JEMS_COLUMNS = [
    "Code",
    "Name",
    "ESF+ common indicator",
    "Type",
    "Serves result indicator",
    "Measurement unit",
    "Baseline",
    "Target",
    "Previously reported",
    "Previously reported: under 5",
    "This report",
    "This report: under 5",
    "Cumulative",
    "Cumulative: under 5",
    "Comment",
]


@pytest.fixture
def seeded_project(personas, partner_a, partner_b):
    """Seven participants of A and two of B entered in January (submitted), eight of A in
    March (submitted); six attendances at a cross-border trip in March; a target for RCO81."""
    for _n in range(7):
        b.participant(partner_a, entry=D(2026, 1, 10))
    for _n in range(2):
        b.participant(partner_b, entry=D(2026, 1, 12))
    march = [b.participant(partner_a, entry=D(2026, 3, 10)) for _n in range(8)]
    trip = b.activity(partner_a, date=D(2026, 3, 12))
    for person in march[:6]:
        b.attend(trip, person)
    services.indicator_target_set(actor=personas.manager, code="RCO81", target_value=Decimal("600"))
    submit(personas.manager, *JAN_FEB, reference="PR-1")
    submit(personas.manager, MARCH.start, MARCH.end, reference="PR-2")


def jems_rows(table_rows):
    started, found = False, {}
    for row in table_rows:
        if row and row[0] == "Code":
            assert list(row) == JEMS_COLUMNS
            started = True
            continue
        if started and row and row[0]:
            found[row[0]] = row
    return found


def test_the_jems_export_has_the_funders_columns_and_the_submitted_values(
    personas, seeded_project, partner_a, django_capture_on_commit_callbacks
):
    run = build(personas.manager, "jems_xlsx", capture=django_capture_on_commit_callbacks)
    assert run.download_name().endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(read_bytes(run)))
    found = jems_rows(workbook.active.values)
    codes = list(found)
    # Result indicators with the outputs that serve them beneath; RCR85 marked not computed.
    assert codes[:5] == ["RCR81", "RCO85", "RCR85", "RCO81", "RCO87"]
    assert found["RCO85"][4] == "RCR81" and found["RCO81"][4] == "RCR85"
    assert found["RCR85"][14].startswith("Not computed")
    total = found["P-TOTAL"]
    # previously 9 (January), this report 8 (March), cumulative 17; baseline 0.
    assert (total[6], total[8], total[10], total[12]) == (0, 9, 8, 17)
    assert found["RCO81"][7] == 600 and found["RCO81"][10] == 6
    assert found["R-EDU-LEAVE"][2].startswith("ESF+")

    # Per partner: B had two participants in January (hidden as "<5"), none in March.
    capture = django_capture_on_commit_callbacks
    per_partner = build(personas.manager, "jems_csv", capture=capture, partner=partner_a)
    text = read_bytes(per_partner).decode("utf-8-sig")
    found = jems_rows(csv.reader(io.StringIO(text)))
    assert (found["P-TOTAL"][8], found["P-TOTAL"][10], found["P-TOTAL"][12]) == ("7", "8", "15")


def test_a_jems_export_hides_small_headline_counts(
    personas, seeded_project, partner_b, django_capture_on_commit_callbacks
):
    run = build(
        personas.manager, "jems_csv", capture=django_capture_on_commit_callbacks, partner=partner_b
    )
    found = jems_rows(csv.reader(io.StringIO(read_bytes(run).decode("utf-8-sig"))))
    assert found["P-TOTAL"][8:10] == ["", "<5"]

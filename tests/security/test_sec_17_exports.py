"""SECURITY 17 — exports: cells starting with = + - @ tab or NUL are neutralised in CSV and
XLSX (opened with openpyxl); export files are private and downloadable only by their requester
(and admins)."""

import pytest
from django.urls import reverse

from jump.audit.models import AccessLog
from jump.reports.privacy import neutralise_cell
from tests.reports import builders as b
from tests.reports.test_exports import (
    EVIL_COMPANY,
    EVIL_MODULE,
    EVIL_PARTNER,
    D,
    build,
    csv_tables,
    xlsx,
)

pytestmark = pytest.mark.django_db


def test_sec_17_plain_text_numbers_and_dates_are_left_alone():
    assert neutralise_cell("Sønderborg") == "Sønderborg"
    assert neutralise_cell(-5) == -5
    assert neutralise_cell(D(2026, 3, 1)) == D(2026, 3, 1)
    assert neutralise_cell("") == ""


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r", "\0"])
def test_sec_17_every_formula_prefix_is_neutralised_by_the_one_shared_function(prefix):
    assert neutralise_cell(prefix + "1+1") == "'" + prefix + "1+1"


def test_sec_17_formula_like_text_is_neutralised_in_xlsx_and_csv(
    personas, reports_programme, django_capture_on_commit_callbacks
):
    workbook = xlsx(build(personas.manager, "xlsx", capture=django_capture_on_commit_callbacks))
    cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    for evil in (EVIL_PARTNER, EVIL_COMPANY, EVIL_MODULE):
        assert "'" + evil in values
        assert evil not in values
    tables = csv_tables(build(personas.manager, "csv", capture=django_capture_on_commit_callbacks))
    fields = {field for rows in tables.values() for row in rows for field in row}
    for evil in (EVIL_PARTNER, EVIL_COMPANY, EVIL_MODULE):
        assert "'" + evil in fields
        assert evil not in fields


def test_sec_17_an_admin_may_download_any_run(client_for, reports_world):
    response = client_for("admin").get(
        reverse("reports:run_download", args=[reports_world.run.public_id])
    )
    assert response.status_code == 200


def test_sec_17_another_manager_gets_404_for_a_run_and_its_file(client_for, reports_world):
    other = b.staff_user(roles=["programme_manager"], mfa=True)
    client = client_for("anon")
    client.force_login(other)
    for name in ("run_detail", "run_status", "run_download"):
        assert (
            client.get(reverse(f"reports:{name}", args=[reports_world.run.public_id])).status_code
            == 404
        )
    assert (
        client.post(
            reverse("reports:run_retry", args=[reports_world.failed_run.public_id])
        ).status_code
        == 404
    )
    assert reports_world.run.public_id not in [
        run.public_id for run in client.get(reverse("reports:run_list")).context["page"].object_list
    ]
    assert not AccessLog.objects.exists()

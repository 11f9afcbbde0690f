"""Importing companies: CVR numbers and German register entries checked, matched, written."""

from companies.models import Company
from jump.imports import services
from tests.factories.companies import CompanyFactory, valid_cvr

from .files import csv_bytes, xlsx_bytes

HEADER_DA = ["Navn", "Land", "CVR-nummer", "Registerret", "Registernummer", "By", "Branche"]


def rows_of(job):
    return {row.number: row for row in job.rows.all()}


def test_valid_and_invalid_cvr_numbers(make_job):
    data = xlsx_bytes(
        [
            HEADER_DA,
            ["Nordic Steel ApS", "Danmark", "13 58 56 28", None, None, "Sønderborg", "Industri"],
            ["Typo A/S", "Danmark", "13585627", None, None, "Aabenraa", "Industri"],
            ["Short ApS", "DK", "1234", None, None, "Tønder", "Energi"],
        ]
    )
    job = make_job(data, name="virksomheder.xlsx", kind="companies")
    rows = rows_of(job)
    assert rows[2].outcome == "new" and rows[2].values["cvr"] == "13585628"
    assert rows[3].outcome == "error"
    assert rows[3].errors == [
        {
            "column": "CVR-nummer",
            "field": "cvr",
            "message": "This CVR number is not valid: its check digit does not match.",
        }
    ]
    assert rows[4].errors[0]["message"] == "A CVR number has eight digits."


def test_german_companies_by_register_court_and_number(make_job):
    header = ["Name", "Land", "Registergericht", "Registernummer", "Ort", "Branche"]
    data = csv_bytes(
        [
            header,
            [
                "Förde Logistik GmbH",
                "Deutschland",
                "Amtsgericht Flensburg",
                "hrb 4711",
                "Flensburg",
                "Logistik",
            ],
            ["Nowhere GmbH", "Deutschland", "Atlantis", "HRB 1", "Flensburg", "Logistik"],
            ["Förde Logistik (Kopie)", "Deutschland", "AG Flensburg", "HRB 4711", "", "Logistik"],
        ]
    )
    job = make_job(data, kind="companies")
    rows = rows_of(job)
    assert rows[2].outcome == "new"
    assert (rows[2].values["register_court"], rows[2].values["register_number"]) == (
        "Flensburg",
        "HRB 4711",
    )
    assert rows[3].errors[0]["column"] == "Registergericht"
    assert (rows[4].outcome, rows[4].duplicate_of) == ("duplicate", 2)


def test_a_registered_company_is_updated_and_a_new_one_registered_for_the_coachs_partner(
    personas, make_job, partner_a
):
    known = CompanyFactory(name="Old name ApS", cvr=valid_cvr(1), city="Sønderborg")
    data = csv_bytes(
        [
            ["name", "country", "cvr", "city", "sector", "Website"],
            ["New name ApS", "DK", known.cvr, "", "", ""],
            ["Grænse Bageri", "Denmark", valid_cvr(2), "Padborg", "Food", "graensebageri.dk"],
        ],
        delimiter=",",
        bom=True,
    )
    job = make_job(data, kind="companies")
    rows = rows_of(job)
    assert (rows[2].outcome, rows[2].target_id, rows[2].changed_fields) == (
        "update",
        known.pk,
        ["name"],
    )
    assert rows[3].outcome == "new"

    job = services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=False)

    assert job.status == "committed" and job.count_written == 2
    known.refresh_from_db()
    assert (known.name, known.city) == ("New name ApS", "Sønderborg")
    bakery = Company.objects.get(cvr=valid_cvr(2))
    assert bakery.responsible_partner == partner_a and bakery.created_by == personas.coach_a
    assert bakery.website == "https://graensebageri.dk"


def test_a_danish_company_with_a_german_register_entry_is_refused_by_the_models_check(make_job):
    data = csv_bytes(
        [HEADER_DA, ["Mix ApS", "Danmark", valid_cvr(3), "Flensburg", "HRB 9", "Padborg", "IT"]]
    )
    job = make_job(data, kind="companies")
    [row] = job.rows.all()
    assert row.outcome == "error"
    assert row.errors[0]["column"] == "Registernummer"


def test_an_admin_chooses_the_responsible_partner(personas, make_job, partner_b):
    # (Programme managers import companies too, adding only: tests/imports/test_managers.py.)
    data = csv_bytes([HEADER_DA, ["Vest ApS", "Danmark", valid_cvr(4), "", "", "Tønder", "IT"]])
    job = make_job(data, kind="companies", actor=personas.admin, partner=partner_b)
    services.import_job_commit(actor=personas.admin, job=job, skip_errors=False)
    assert Company.objects.get(cvr=valid_cvr(4)).responsible_partner == partner_b


def test_a_coach_cannot_import_companies_for_another_partner(
    personas, make_job, partner_a, partner_b
):
    data = csv_bytes([HEADER_DA, ["Syd ApS", "Danmark", valid_cvr(5), "", "", "Tønder", "IT"]])
    job = make_job(data, kind="companies", partner=partner_b)
    assert job.partner == partner_a

"""SECURITY 9 — field-level minimisation: marker sweeps of every page a company contact and a
programme manager's reporting area can reach."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from tests.reports.test_exports import build, csv_tables, sheet_text

from .conftest import DATES_OF_BIRTH, MARK, P1_FIRST_NAME
from .sweep import body, crawl, dob_spellings

pytestmark = pytest.mark.django_db


def contact_start_urls(world):
    """The pages of the portal, and direct links to every placement and offer of the world."""
    urls = []
    for language in ("en", "da", "de"):
        with translation.override(language):
            urls += [
                reverse("home"),
                reverse("companies:portal"),
                reverse("companies:profile_edit"),
                reverse("companies:offer_list"),
                reverse("companies:proposal_list"),
                reverse("companies:placement_list"),
                reverse("companies:support_need_list"),
                reverse("notifications:list"),
                reverse("accounts:profile"),
            ]
            for placement in (world.placement_p1, world.placement_p2, world.placement_p1_y):
                for name in (
                    "placement_detail",
                    "placement_decline",
                    "placement_mentor",
                    "placement_feedback",
                ):
                    urls.append(reverse(f"companies:{name}", args=[placement.public_id]))
            for offer in (world.offer_x, world.offer_y):
                urls.append(reverse("companies:offer_detail", args=[offer.public_id]))
    return urls


def leaks(pages, allowed=()):
    """{url: what leaked} for every page that shows a marker or a date of birth."""
    dobs = set().union(*(dob_spellings(dob) for dob in DATES_OF_BIRTH.values()))
    found = {}
    for url, response in pages.items():
        text = body(response)
        for value in allowed:
            text = text.replace(value, "")
        hits = [dob for dob in dobs if dob in text]
        if MARK in text:
            at = text.index(MARK)
            hits.append(text[max(0, at - 40) : at + 40])
        if hits:
            found[url] = hits
    return found


@pytest.mark.parametrize("contact", ["contact_x", "contact_y"])
def test_sec_09_no_page_a_company_contact_reaches_shows_more_than_the_first_name(
    client_for, world, contact
):
    """P1 (sharing consent) is placed with X and proposed to Y: each contact may see P1's first
    name; P2 (no consent, at X) and P3 (at no company) not even that."""
    client = client_for(contact)
    pages = crawl(client, contact_start_urls(world))
    ok_pages = [url for url, response in pages.items() if response.status_code == 200]
    assert len(ok_pages) > 25, ok_pages  # the sweep really looked at the portal
    assert leaks(pages, allowed=[P1_FIRST_NAME]) == {}
    # The allowed field is there: the sweep would see a leak if there were one.
    assert any(P1_FIRST_NAME in body(response) for response in pages.values())


def test_sec_09_the_sweep_sees_a_leak_where_the_markers_are_shown(client_for, world):
    """The coach's case file shows the markers: the sweep's check is not blind."""
    client = client_for("coach_a")
    url = reverse("participants:detail", args=[world.p1.public_id])
    found = leaks({url: client.get(url)})
    assert found and any(MARK in hit for hit in found[url])


SKIP_FOR_MANAGER = ("/participants/", "/companies/", "/training/", "/admin/", "/data-quality/")


def test_sec_09_the_managers_reporting_area_shows_no_name_or_free_text(client_for, world):
    """The manager reads case files (docs/architecture.md: all, read), but the reports area —
    dashboard, evidence lists, targets, report runs — is pseudonymised: no name, address, date of
    birth or free text of any participant. The crawl stays out of participants pages, and out of the
    data-quality work list, which names the records to correct and links to their case files
    (which the manager may read)."""
    client = client_for("manager")
    period = "?start=2026-01-01&end=2026-12-31"
    start = [
        reverse("reports:dashboard"),
        reverse("reports:dashboard") + period,
        reverse("reports:target_list"),
        reverse("reports:run_list"),
        reverse("reports:run_create"),
    ]
    pages = crawl(client, start, skip=SKIP_FOR_MANAGER)
    report_pages = {url: r for url, r in pages.items() if "/reports/" in url}
    ok_pages = [url for url, r in report_pages.items() if r.status_code == 200]
    assert len(ok_pages) > 10, ok_pages
    assert any("/indicators/" in url for url in ok_pages)  # evidence lists were looked at
    assert leaks(report_pages) == {}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_sec_09_the_managers_default_report_file_has_no_marker(
    client_for, world, django_capture_on_commit_callbacks, fmt
):
    """The file a manager downloads (pseudonymised by default) carries none of the markers."""
    run = build(world.personas.manager, fmt, capture=django_capture_on_commit_callbacks)
    response = client_for("manager").get(reverse("reports:run_download", args=[run.public_id]))
    assert response.status_code == 200
    if fmt == "xlsx":
        workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        rows = list(workbook["participants"].values)
        text = sheet_text(workbook)
    else:
        tables = csv_tables(run)
        rows = tables["participants"]
        text = "\n".join(",".join(row) for table in tables.values() for row in table)
    assert len(rows) >= 1 + 3  # the header and the world's three participants
    assert MARK.lower() not in text.lower()
    assert not {d.isoformat() for d in DATES_OF_BIRTH.values()} & set(text.split())


def test_sec_09_a_report_with_names_does_carry_the_markers(
    world, django_capture_on_commit_callbacks
):
    """The check above is not blind: asked with names (and a reason), the file has them."""
    run = build(
        world.personas.manager, "xlsx", with_names=True, capture=django_capture_on_commit_callbacks
    )
    from tests.reports.test_exports import xlsx

    assert MARK in sheet_text(xlsx(run))

"""The coach's and the company's pages on a tablet (768 px) and a phone (390 px): nothing wider
than the screen, and a screenshot of each width for the README."""

import json

import pytest

from tests.e2e.conftest import (
    assert_no_horizontal_overflow,
    horizontal_overflow,
    log_in,
    screenshot,
)
from tests.factories.accounts import TEST_PASSWORD, TEST_TOTP_SECRET

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {768: 1024, 390: 844}


def test_coach_and_company_pages_fit_tablets_and_phones(page, new_context, live_server, world):
    base = live_server.url
    log_in(
        page, base, world.coach.email, TEST_PASSWORD, language="da", totp_secret=TEST_TOTP_SECRET
    )
    contact = new_context().new_page()
    log_in(contact, base, world.contact.email, TEST_PASSWORD, language="de")
    participant = world.participants[0].public_id
    pages = [
        (page, "caseload", "/da/participants/"),
        (page, "participant", f"/da/participants/{participant}/"),
        (page, "intake-form", "/da/participants/new/"),
        (page, "offers-coach", "/da/companies/offers/"),
        (page, "placement-coach", f"/da/companies/placements/{world.proposal.public_id}/"),
        (page, "dashboard-coach", "/da/reports/dashboard/"),
        (contact, "company-portal", "/de/companies/portal/"),
        (contact, "offers", "/de/companies/offers/"),
        (contact, "proposal", f"/de/companies/placements/{world.proposal.public_id}/"),
        (contact, "feedback-form", f"/de/companies/placements/{world.placed.public_id}/feedback/"),
    ]
    shots = {"caseload", "participant", "company-portal", "proposal"}
    too_wide = {}
    for width, height in WIDTHS.items():
        for browser_page, name, path in pages:
            browser_page.set_viewport_size({"width": width, "height": height})
            browser_page.goto(base + path)
            overflow, culprits = horizontal_overflow(browser_page)
            if overflow > 1:
                too_wide[f"{name} at {width}px"] = [overflow, culprits]
            if name in shots:
                screenshot(browser_page, f"{name}-{width}")
    # A tablet held sideways: the navigation bar is expanded there and has to fit too.
    for browser_page, name, path in pages[:1] + pages[5:6]:
        browser_page.set_viewport_size({"width": 1024, "height": 768})
        browser_page.goto(base + path)
        overflow, culprits = horizontal_overflow(browser_page)
        if overflow > 1:
            too_wide[f"{name} at 1024px"] = [overflow, culprits]
    assert too_wide == {}, json.dumps(too_wide, indent=2)
    assert_no_horizontal_overflow(contact)

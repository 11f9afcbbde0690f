"""WCAG 2.1 AA in the browser: axe-core on every main page in Danish, German and English, labels,
announced errors, keyboard-only use with a visible focus, the skip link and the `lang` attribute.

Each sweep logs one person in once and visits the main pages in all three languages and the
secondary pages (forms, details) in one of them each, in turn, to keep the run short. The result
of every page and language goes into the summary at the end of the run (and
var/e2e/axe-report.json).
"""

import json

import pytest
from playwright.sync_api import expect

from participants.models import Contact
from tests.e2e.conftest import (
    LANGUAGES,
    check_page,
    focused,
    in_days,
    log_in,
    run_axe,
    screenshot,
    submit,
    tab_to,
    totp_code,
)
from tests.factories.accounts import TEST_PASSWORD, TEST_TOTP_SECRET
from tests.factories.training_modules import CertificateFactory, EnrolmentFactory, SessionFactory
from training_modules.models import Enrolment

pytestmark = pytest.mark.django_db(transaction=True)


def sweep(page, base_url: str, pages: list[tuple], *, screenshots=None):
    """Visit every (name, path) in every language, every (name, path, languages) in those;
    fail with everything found on any of them. `screenshots` maps page names to the language
    to take a screenshot in."""
    screenshots = screenshots or {}
    found = {}
    for language in LANGUAGES:
        for name, path, *only in pages:
            if only and language not in only[0]:
                continue
            url = f"{base_url}/{language}{path}"
            response = page.goto(url)
            assert (response.status, page.url) == (200, url), name
            problems = check_page(page, name, language)
            if problems:
                found[f"{name} ({language})"] = problems
            if screenshots.get(name) == language:
                screenshot(page, f"{name}-{language}")
    assert found == {}, json.dumps(found, indent=2, ensure_ascii=False)


def test_coach_pages_are_accessible_in_every_language(page, live_server, world):
    log_in(page, live_server.url, world.coach.email, TEST_PASSWORD, totp_secret=TEST_TOTP_SECRET)
    participant = world.participants[0].public_id
    sweep(
        page,
        live_server.url,
        [
            ("caseload", "/participants/"),
            ("participant", f"/participants/{participant}/"),
            ("intake-form", "/participants/new/"),
            ("case-note-form", f"/participants/{participant}/notes/add/", "da"),
            ("offers-coach", "/companies/offers/", "de"),
            ("placement-coach", f"/companies/placements/{world.proposal.public_id}/", "en"),
            ("dashboard-coach", "/reports/dashboard/", "da"),
            ("notifications", "/notifications/"),
        ],
        screenshots={"caseload": "en", "notifications": "en"},
    )


def test_company_pages_are_accessible_in_every_language(page, live_server, world):
    log_in(page, live_server.url, world.contact.email, TEST_PASSWORD, language="de")
    sweep(
        page,
        live_server.url,
        [
            ("company-portal", "/companies/portal/"),
            ("offers", "/companies/offers/"),
            ("offer", f"/companies/offers/{world.offer.public_id}/", "de"),
            ("offer-form", f"/companies/register/{world.company.public_id}/offers/new/", "da"),
            ("proposals", "/companies/proposals/"),
            ("proposal", f"/companies/placements/{world.proposal.public_id}/", "en"),
            ("feedback-form", f"/companies/placements/{world.placed.public_id}/feedback/", "de"),
        ],
        screenshots={"company-portal": "en", "proposal": "en"},
    )


def test_manager_pages_are_accessible_in_every_language(page, live_server, world):
    log_in(page, live_server.url, world.manager.email, TEST_PASSWORD, totp_secret=TEST_TOTP_SECRET)
    sweep(
        page,
        live_server.url,
        [
            ("dashboard", "/reports/dashboard/"),
            ("reports", "/reports/runs/", "en"),
            ("report-form", "/reports/runs/new/", "da"),
            ("report", f"/reports/runs/{world.report.public_id}/"),
            ("data-quality", "/reports/data-quality/", "de"),
        ],
        screenshots={"dashboard": "en"},
    )


def test_training_pages_are_accessible_in_every_language(page, new_context, live_server, world):
    log_in(page, live_server.url, world.learner.email, TEST_PASSWORD)
    sweep(
        page,
        live_server.url,
        [
            ("catalogue", "/training/"),
            ("module", f"/training/modules/{world.module.public_id}/", "de"),
            ("session", f"/training/sessions/{world.session.public_id}/"),
            ("calendar", "/training/sessions/", "en"),
            ("my-training", "/training/my/", "da"),
            ("good-practices", "/training/good-practice/"),
            ("good-practice", f"/training/good-practice/{world.practice.public_id}/", "en"),
        ],
        screenshots={"catalogue": "en", "good-practices": "en"},
    )
    trainer = new_context().new_page()
    log_in(trainer, live_server.url, world.trainer.email, TEST_PASSWORD)
    sweep(
        trainer,
        live_server.url,
        [("attendance", f"/training/sessions/{world.session.public_id}/attendance/", "da")],
    )


def test_public_pages_are_accessible_in_every_language(page, live_server, world):
    past = SessionFactory(module=world.module, days=-20, trainers=[world.trainer])
    certificate = CertificateFactory(
        enrolment=EnrolmentFactory(
            session=past, person=world.learner, status=Enrolment.Status.COMPLETED
        )
    )
    sweep(
        page,
        live_server.url,
        [
            ("login", "/accounts/login/"),
            ("password-reset", "/accounts/password/reset/", "de"),
            ("certificate-lookup", "/training/verify/", "en"),
            ("certificate-verified", f"/training/verify/{certificate.verification_code}/"),
        ],
        screenshots={"login": "da"},
    )


def test_invalid_forms_announce_their_errors(page, live_server, world):
    base = live_server.url
    # A wrong password: the message is an alert.
    page.goto(f"{base}/de/accounts/login/")
    page.locator("input[name=login]").fill(world.coach.email)
    page.locator("input[name=password]").fill("not the password at all")
    submit(page)
    alert = page.locator("main form [role=alert]")
    expect(alert).to_be_visible()
    assert alert.inner_text().strip()

    # An intake form with only a first name (the browser's own checks off: the server decides):
    # every invalid field says so and points at its error text.
    log_in(
        page, base, world.coach.email, TEST_PASSWORD, language="de", totp_secret=TEST_TOTP_SECRET
    )
    page.goto(f"{base}/de/participants/new/")
    page.evaluate(
        "() => document.querySelectorAll('[required]').forEach(el => el.required = false)"
    )
    page.locator("#id_first_name").fill("Ida")
    submit(page)
    invalid = page.locator("main [aria-invalid=true]")
    assert invalid.count() >= 5  # last name, date of birth, gender, country, education, ...
    for index in range(invalid.count()):
        field = invalid.nth(index)
        described_by = field.get_attribute("aria-describedby")
        assert described_by, field.evaluate("el => el.outerHTML")
        texts = [
            page.locator(f"[id='{element_id}']").inner_text().strip()
            for element_id in described_by.split()
        ]
        assert any(texts), field.evaluate("el => el.outerHTML")
    assert run_axe(page) == []


def test_coach_adds_a_case_note_with_the_keyboard_only(page, live_server, world):
    """Tab, typing, arrows and Enter only; every element that takes the focus shows it."""
    base = live_server.url
    participant = world.participants[0]
    path = []

    page.goto(f"{base}/da/accounts/login/")
    path += tab_to(page, "a.skip-link")  # the first stop on every page
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    path += tab_to(page, "input[name=login]")
    page.keyboard.type(world.coach.email)
    path += tab_to(page, "input[name=password]")
    page.keyboard.type(TEST_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    path += tab_to(page, "input[name=code]")
    page.keyboard.type(totp_code(TEST_TOTP_SECRET))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base}/da/participants/"

    # Skip the navigation, open the young person's page, then the case-note form.
    path += tab_to(page, "a.skip-link")
    page.keyboard.press("Enter")
    path += tab_to(page, f"main a[href$='/participants/{participant.public_id}/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    path += tab_to(page, "#notes a[href$='/notes/add/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    follow_up = in_days(21)
    path += tab_to(page, "#id_channel")
    page.keyboard.press("ArrowDown")  # the first choice after the empty one: a meeting
    assert page.locator("#id_channel").input_value() == "meeting"
    path += tab_to(page, "#id_summary")
    page.keyboard.type("Telefonsamtale om praktikpladsen; hun ringer selv til virksomheden.")
    path += tab_to(page, "#id_follow_up_on")
    page.keyboard.type(follow_up.strftime("%m%d%Y"))  # the context's locale is en-US
    path += tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    note = Contact.objects.get(participant=participant, summary__startswith="Telefonsamtale")
    assert (note.channel, note.follow_up_on, note.author) == ("meeting", follow_up, world.coach)
    invisible = [stop for stop in path if stop and not (stop["outline"] or stop["shadow"])]
    assert invisible == [], invisible
    assert len(path) > 10


def test_skip_link_and_lang_follow_the_language_switch(page, live_server, world):
    base = live_server.url
    log_in(page, base, world.learner.email, TEST_PASSWORD, language="da")
    assert page.locator("html").get_attribute("lang") == "da"
    page.locator("header button[name=language][value=de]").click()
    page.wait_for_url(f"{base}/de/training/")
    assert page.locator("html").get_attribute("lang") == "de"
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["tag"] == "A" and (skip["outline"] or skip["shadow"])
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    world.learner.refresh_from_db()
    assert world.learner.preferred_language == "de"

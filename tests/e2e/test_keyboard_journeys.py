"""Keyboard-only journeys (issue 21): the company's accept, the manager's report request and the
trainer's completion, each done with keys only (Tab, typing, Space, Enter) and the number of key
presses recorded in var/e2e/keyboard-journeys.json. The coach's case note is in
test_accessibility.py. Every element that takes the focus on the way shows it.
"""

import datetime
import json

import pytest
import time_machine
from django.utils import timezone

from companies.models import Placement
from jump.reports.models import ReportRun
from tests.e2e.conftest import ROOT, focused, totp_code
from tests.factories.accounts import TEST_PASSWORD, TEST_TOTP_SECRET
from tests.factories.training_modules import EnrolmentFactory, SessionFactory
from training_modules.models import Enrolment

pytestmark = pytest.mark.django_db(transaction=True)

REPORT = ROOT / "var" / "e2e" / "keyboard-journeys.json"


class Keys:
    """Presses keys on a page and counts them; remembers every focus stop and its style."""

    def __init__(self, page):
        self.page = page
        self.presses = 0
        self.stops = []

    def press(self, key: str):
        self.presses += 1
        self.page.keyboard.press(key)

    def type(self, text: str):
        self.presses += len(text)
        self.page.keyboard.type(text)

    def tab_to(self, selector: str, *, limit: int = 150):
        for _ in range(limit):
            self.press("Tab")
            self.stops.append(focused(self.page))
            if self.page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    def enter_to_next_page(self):
        with self.page.expect_navigation():
            self.press("Enter")
        self.page.wait_for_load_state()

    def skip_navigation(self):
        self.tab_to("a.skip-link")
        self.press("Enter")
        assert self.page.evaluate("() => document.activeElement.id") == "main"

    def log_in(self, base, email, *, language, totp=False):
        self.page.goto(f"{base}/{language}/accounts/login/")
        self.tab_to("input[name=login]")
        self.type(email)
        self.tab_to("input[name=password]")
        self.type(TEST_PASSWORD)
        self.enter_to_next_page()
        if totp:
            self.tab_to("input[name=code]")
            self.type(totp_code(TEST_TOTP_SECRET))
            self.enter_to_next_page()

    def invisible_stops(self) -> list:
        return [stop for stop in self.stops if stop and not (stop["outline"] or stop["shadow"])]


def record(name: str, keys: Keys):
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    found = json.loads(REPORT.read_text()) if REPORT.exists() else {}
    found[name] = keys.presses
    REPORT.write_text(json.dumps(found, indent=2, sort_keys=True))
    assert keys.invisible_stops() == [], keys.invisible_stops()


@pytest.mark.parametrize("language", ["da", "de"])
def test_company_accepts_a_proposal_with_the_keyboard_only(page, live_server, world, language):
    world.contact.preferred_language = language  # pages come in the user's own language
    world.contact.save()
    keys = Keys(page)
    keys.log_in(live_server.url, world.contact.email, language=language)
    assert page.url.endswith(f"/{language}/companies/portal/")
    keys.skip_navigation()
    keys.tab_to(f"main a[href$='/placements/{world.proposal.public_id}/']")
    keys.enter_to_next_page()
    keys.tab_to("main form[action$='/accept/'] button")
    keys.enter_to_next_page()
    world.proposal.refresh_from_db()
    assert world.proposal.status == Placement.Status.ACCEPTED
    record(f"company-accept-{language}", keys)


@pytest.mark.parametrize("language", ["de", "da"])
def test_manager_requests_a_report_with_the_keyboard_only(page, live_server, world, language):
    keys = Keys(page)
    keys.log_in(live_server.url, world.manager.email, language=language, totp=True)
    before = ReportRun.objects.count()
    keys.tab_to("header a[href$='/reports/runs/']")
    keys.enter_to_next_page()
    keys.skip_navigation()
    keys.tab_to("main a[href$='/reports/runs/new/']")
    keys.enter_to_next_page()
    keys.tab_to("main form[method=post] button[type=submit]")
    keys.enter_to_next_page()
    assert ReportRun.objects.count() == before + 1
    assert "/reports/runs/" in page.url and not page.url.endswith("/new/")
    record(f"manager-report-{language}", keys)


def test_trainer_completes_an_enrolment_with_the_keyboard_only(page, live_server, world):
    session = SessionFactory(module=world.module, days=1, trainers=[world.trainer])
    enrolment = EnrolmentFactory(session=session, person=world.learner)
    afternoon = timezone.localtime(session.starts_at) + datetime.timedelta(hours=6)
    keys = Keys(page)
    with time_machine.travel(afternoon, tick=True):
        keys.log_in(live_server.url, world.trainer.email, language="da")
        keys.skip_navigation()
        keys.tab_to("main a[href$='/training/sessions/']")
        keys.enter_to_next_page()
        keys.skip_navigation()
        keys.tab_to(f"main a[href$='/sessions/{session.public_id}/']")
        keys.enter_to_next_page()
        keys.skip_navigation()
        keys.tab_to("main a[href$='/attendance/']")
        keys.enter_to_next_page()
        keys.tab_to("#attendance-form input[name=present]")
        keys.press("Space")
        keys.tab_to("#attendance-form button[type=submit]:not([form])")
        keys.enter_to_next_page()
        enrolment.refresh_from_db()
        assert enrolment.status == Enrolment.Status.ATTENDED
        keys.tab_to("#attendance-form button[form^='complete-']")
        keys.enter_to_next_page()
        enrolment.refresh_from_db()
        assert enrolment.status == Enrolment.Status.COMPLETED
    record("trainer-completion-da", keys)

"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Run with `make e2e`. Never `playwright install`: the browser is /usr/bin/chromium (apt).

Tests find controls by structure (input names, link targets, form actions), not by their
translated text, so they keep working when the Danish and German translations change; the page
language is checked through the `lang` attribute instead.
"""

import datetime
import json
import os
import time
from pathlib import Path

import pyotp
import pytest
from django.contrib.auth.models import Group
from django.db import connection

from jump.accounts.roles import Role
from jump.audit.triggers import APPEND_ONLY_TABLES  # rows PostgreSQL refuses to change

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from fixtures are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# `make screenshots` refreshes the pictures in docs/; an ordinary run keeps them under var/ so a
# test run leaves the working tree clean.
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS_DIR") or ROOT / "var" / "e2e" / "screenshots")
AXE_REPORT = ROOT / "var" / "e2e" / "axe-report.json"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LANGUAGES = ("da", "de", "en")

# page name → language → list of serious/critical violations, filled by `check_page`.
AXE_RESULTS: dict[str, dict[str, list]] = {}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def pytest_terminal_summary(terminalreporter):
    """The axe result per page and language, also written to var/e2e/axe-report.json."""
    if not AXE_RESULTS:
        return
    AXE_REPORT.parent.mkdir(parents=True, exist_ok=True)
    AXE_REPORT.write_text(json.dumps(AXE_RESULTS, indent=2, ensure_ascii=False, sort_keys=True))
    terminalreporter.section("axe-core: serious and critical WCAG 2.1 A/AA violations")
    for name in sorted(AXE_RESULTS):
        cells = [
            f"{language} {len(AXE_RESULTS[name][language])}"
            for language in LANGUAGES
            if language in AXE_RESULTS[name]
        ]
        terminalreporter.write_line(f"{name:<28} {'  '.join(cells)}")
    terminalreporter.write_line(f"(details: {AXE_REPORT.relative_to(ROOT)})")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp lets the tests inject axe-core; the app's own pages never need inline script.
    # A fixed locale: date inputs take their keyboard order (mm/dd/yyyy) from it.
    return {
        **browser_context_args,
        "bypass_csp": True,
        "viewport": {"width": 1280, "height": 900},
        "locale": "en-US",
        "timezone_id": "Europe/Copenhagen",
    }


@pytest.fixture
def new_context(browser, browser_context_args):
    """new_context() → a further browser context (another person at another computer)."""
    contexts = []

    def make(**overrides):
        context = browser.new_context(**{**browser_context_args, **overrides})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def _site_url_is_the_live_server(settings, live_server):
    """Links in e-mails come from JUMP_SITE_URL (never the request's host): in the browser tests
    the site is the live server."""
    settings.JUMP_SITE_URL = live_server.url


@pytest.fixture(autouse=True)
def _role_groups(transactional_db):
    """The roles are groups made by a data migration; a live-server test's flush empties them.
    The cache table is no model's, so the flush leaves it: emptied here, so that the login rate
    limits (allauth counts attempts per address in the cache, and every test logs in from
    127.0.0.1) start afresh in each test instead of adding up over the run."""
    from django.core.cache import cache

    cache.clear()
    for role in Role:
        Group.objects.get_or_create(name=role.value)


@pytest.fixture(autouse=True, scope="session")
def _fast_flush():
    """Empty the tables after each live-server test with DELETE instead of TRUNCATE.

    On PostgreSQL, TRUNCATE of the ~130 tables costs about four seconds per test here (every
    table gets new files, synced to disk); the few rows a browser test writes are deleted in
    milliseconds. Django creates foreign keys DEFERRABLE INITIALLY DEFERRED and runs the flush
    in one transaction, so the order of the DELETEs does not matter. The append-only tables
    of jump.audit refuse DELETE (a PostgreSQL trigger, SECURITY 19): those are truncated.
    """
    if connection.vendor != "postgresql":
        yield
        return
    # Patched on the class: Django keeps one connection object per thread and async context.
    operations = type(connection.ops)
    original = operations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences:
            return original(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        # Table names from Django's own introspection, quoted: nothing from outside.
        return [
            f"TRUNCATE {self.quote_name(table)};"
            if table in APPEND_ONLY_TABLES
            else f"DELETE FROM {self.quote_name(table)};"  # noqa: S608
            for table in tables
        ]

    operations.sql_flush = sql_flush
    yield
    operations.sql_flush = original


# --- checks ----------------------------------------------------------------------------------


def run_axe(page) -> list[dict]:
    """Serious and critical accessibility violations on the current page (WCAG 2.1 A/AA)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations']
        })"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def assert_accessible(page):
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=2, ensure_ascii=False)


UNLABELLED_FIELDS_JS = """() => [...document.querySelectorAll('input, select, textarea')]
    .filter(el => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type))
    .filter(el => !(el.labels && el.labels.length)
        && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map(el => el.outerHTML.slice(0, 160))"""


def unlabelled_fields(page) -> list[str]:
    """Form fields without a label (<label for>, aria-label or aria-labelledby)."""
    return page.evaluate(UNLABELLED_FIELDS_JS)


def check_page(page, name: str, language: str) -> list[dict]:
    """Record axe's serious/critical violations, unlabelled fields and a wrong `lang` of the
    current page under `name`/`language` (for the summary); returns what was found."""
    problems = run_axe(page)
    lang = page.locator("html").get_attribute("lang")
    if lang != language:
        problems.append({"id": "jump-lang", "impact": "serious", "help": f"lang={lang!r}"})
    fields = unlabelled_fields(page)
    if fields:
        problems.append({"id": "jump-label", "impact": "critical", "nodes": fields[:5]})
    AXE_RESULTS.setdefault(name, {})[language] = problems
    return problems


OVERFLOW_JS = """() => {
    const width = document.documentElement.clientWidth;
    const scrolledAway = (el) => {
        for (let up = el.parentElement; up; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== 'visible') return true;
        }
        return false;
    };
    const culprits = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolledAway(el))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} in #${
            (el.closest('[id]') || {}).id}`);
    return [document.documentElement.scrollWidth - width, culprits];
}"""


def horizontal_overflow(page) -> tuple[int, list[str]]:
    """How many pixels the page is wider than the viewport, and what sticks out."""
    overflow, culprits = page.evaluate(OVERFLOW_JS)
    return overflow, culprits


def assert_no_horizontal_overflow(page):
    overflow, culprits = horizontal_overflow(page)
    assert overflow <= 1, f"page is {overflow}px wider than the viewport: {culprits}"


FOCUS_STYLE_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {tag: el.tagName, text: (el.textContent || el.name || '').trim().slice(0, 40),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
            shadow: style.boxShadow !== 'none'};
}"""


def focused(page) -> dict | None:
    """The focused element and whether its focus is visible (an outline or a box shadow)."""
    return page.evaluate(FOCUS_STYLE_JS)


def tab_to(page, selector: str, *, limit: int = 150) -> list[dict]:
    """Press Tab until the element matching `selector` has the focus; returns every element
    focused on the way (with its focus style), fails after `limit` presses."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(focused(page))
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return seen
    raise AssertionError(f"Tab never reached {selector}")


# --- screenshots -----------------------------------------------------------------------------


def screenshot(page, name: str, *, full_page: bool = False):
    """<SCREENSHOTS>/<name>.png: the top of the page (the viewport only unless asked, to
    keep the files small)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


# --- people ----------------------------------------------------------------------------------


_LAST_CODE: dict[str, str] = {}


def totp_code(secret: str) -> str:
    """The current TOTP code, from a window with at least 5 s left: the server accepts only the
    current window (MFA_TOTP_TOLERANCE 0), so a code typed at second 29 could arrive too late."""
    totp = pyotp.TOTP(secret)
    left = totp.interval - time.time() % totp.interval
    if left < 5 or _LAST_CODE.get(secret) == totp.now():
        # Too late in the window, or this code was used already (codes are single-use: a second
        # login with the same secret in one window would be refused) — wait for the next one.
        time.sleep(left + 0.1)
    _LAST_CODE[secret] = totp.now()
    return _LAST_CODE[secret]


def log_in(page, base_url: str, email: str, password: str, *, language="da", totp_secret=None):
    """Log in through the login form (and the TOTP step); waits for the landing page."""
    page.goto(f"{base_url}/{language}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    if totp_secret:
        page.wait_for_url("**/2fa/authenticate/")
        page.locator("input[name=code]").fill(totp_code(totp_secret))
        page.locator("input[name=code]").press("Enter")
    page.wait_for_url(lambda url: "/accounts/" not in url)
    page.wait_for_load_state()


def log_out(page):
    """Log out through the user menu."""
    page.locator("header .dropdown-toggle").click()
    page.locator("header form[action*='/accounts/logout/'] button").click()
    page.wait_for_url("**/accounts/login/")


def submit(page, form: str = "main form[method=post]"):
    """Click the submit button of `form` and wait for the next page."""
    with page.expect_navigation():
        page.locator(form).locator("button[type=submit]").last.click()


def in_days(days: int) -> datetime.date:
    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def context(context):
    """pytest-playwright's context with a shorter default timeout (a step never takes 30 s)."""
    context.set_default_timeout(15_000)
    return context


# --- starting data ---------------------------------------------------------------------------


@pytest.fixture
def world(partner_a, company_x):
    """A small programme to look at: a Danish coach with two young people (one proposed to and
    one placed with company X, a German company), the company's contact, a manager with a
    finished report, a trainer and a staff learner with a session, a good practice, and a
    reminder in the coach's notifications. Everyone's password is TEST_PASSWORD; the coach and
    the manager log in with TEST_TOTP_SECRET."""
    from types import SimpleNamespace

    from companies.models import Placement
    from jump.notifications.services import reminders_create
    from jump.reports.services import report_run_request
    from participants.models import Consent, LanguageSkill
    from tests.factories.accounts import UserFactory
    from tests.factories.companies import OfferFactory, PlacementFactory
    from tests.factories.participants import (
        AssessmentFactory,
        ConsentFactory,
        ContactFactory,
        DocumentFactory,
        LanguageSkillFactory,
        ParticipantFactory,
        ParticipantShareFactory,
        StepFactory,
    )
    from tests.factories.training_modules import (
        EnrolmentFactory,
        GoodPracticeFactory,
        ModuleFactory,
        SessionFactory,
    )

    today = in_days(0)
    coach = UserFactory(
        email="mette.hansen@example.org",
        first_name="Mette",
        last_name="Hansen",
        roles=["coach"],
        partner=partner_a,
        mfa=True,
        preferred_language="da",
    )
    young = []
    for first_name, last_name in [("Freja", "Nielsen"), ("Noah", "Larsen")]:
        participant = ParticipantFactory(
            first_name=first_name,
            last_name=last_name,
            partner=partner_a,
            coach=coach,
            entry_date=today - datetime.timedelta(days=60),
        )
        for purpose in (Consent.Purpose.PARTICIPATION, Consent.Purpose.SHARE_WITH_COMPANIES):
            ConsentFactory(participant=participant, purpose=purpose, recorded_by=coach)
        LanguageSkillFactory(participant=participant, language=LanguageSkill.Language.GERMAN)
        AssessmentFactory(participant=participant, recorded_by=coach)
        ContactFactory(participant=participant, author=coach, date=today, follow_up_on=today)
        young.append(participant)
    # Every section of Freja's case file has something in it.
    StepFactory(
        goal__plan__participant=young[0],
        goal__plan__created_by=coach,
        title="Ansøgning på tysk",
        due_on=today + datetime.timedelta(days=7),
    )
    DocumentFactory(participant=young[0], uploaded_by=coach, original_name="CV Freja.pdf")
    ParticipantShareFactory(participant=young[0], granted_by=coach)
    reminders_create(today)

    contact = UserFactory(
        email="kontakt@firma-x.example",
        first_name="Kai",
        last_name="Jensen",
        roles=["company_contact"],
        company=company_x,
        preferred_language="de",
    )
    offer = OfferFactory(
        company=company_x,
        title="Praktikum Metallbau",
        place="Flensburg",
        start_date=today + datetime.timedelta(days=20),
        end_date=today + datetime.timedelta(days=50),
    )
    proposal = PlacementFactory(participant=young[0], offer=offer, proposed_by=coach)
    placed = PlacementFactory(
        participant=young[1],
        offer=OfferFactory(
            company=company_x,
            title="Schnuppertag Lager",
            start_date=today - datetime.timedelta(days=10),
            end_date=today - datetime.timedelta(days=10),
        ),
        status=Placement.Status.COMPLETED,
        proposed_by=coach,
    )

    manager = UserFactory(
        email="anke.christiansen@example.org",
        first_name="Anke",
        last_name="Christiansen",
        roles=["programme_manager"],
        mfa=True,
        preferred_language="de",
    )
    report = report_run_request(
        actor=manager,
        period_start=today.replace(month=1, day=1),
        period_end=today,
        format="xlsx",
    )

    trainer = UserFactory(
        email="soren.trainer@example.org",
        first_name="Søren",
        last_name="Nielsen",
        roles=["trainer"],
        partner=partner_a,
        preferred_language="da",
    )
    learner = UserFactory(
        email="camilla.lund@example.org",
        first_name="Camilla",
        last_name="Lund",
        roles=["staff_learner"],
        partner=partner_a,
        preferred_language="da",
    )
    module = ModuleFactory()
    session = SessionFactory(module=module, days=10, trainers=[trainer])
    enrolment = EnrolmentFactory(session=session, person=learner)
    practice = GoodPracticeFactory()
    return SimpleNamespace(
        coach=coach,
        participants=young,
        contact=contact,
        company=company_x,
        offer=offer,
        proposal=proposal,
        placed=placed,
        manager=manager,
        report=report,
        trainer=trainer,
        learner=learner,
        module=module,
        session=session,
        enrolment=enrolment,
        practice=practice,
    )

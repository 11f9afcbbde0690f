"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Run with `make e2e`. Never `playwright install`: the browser is /usr/bin/chromium (apt).
"""

import json
import os
from pathlib import Path

import pyotp
import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from fixtures are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


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
    return {**browser_context_args, "bypass_csp": True, "viewport": {"width": 1280, "height": 900}}


def run_axe(page) -> list[dict]:
    """Serious and critical accessibility violations on the current page (WCAG 2.1 A/AA)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
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


def assert_no_horizontal_overflow(page):
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"page is {overflow}px wider than the viewport"


def screenshot(page, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def log_in(page, base_url: str, email: str, password: str, *, language="da", totp_secret=None):
    page.goto(f"{base_url}/{language}/accounts/login/")
    page.get_by_label("E-mail" if language != "de" else "E-Mail").first.fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    if totp_secret:
        page.wait_for_url("**/2fa/authenticate/")
        page.locator("input[name=code]").fill(pyotp.TOTP(totp_secret).now())
        page.locator("input[name=code]").press("Enter")
    page.wait_for_load_state()

import pytest

from tests.e2e.conftest import assert_accessible, log_in, screenshot
from tests.factories.accounts import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["da", "de", "en"])
def test_login_page_is_accessible_in_every_language(page, live_server, language):
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    if language == "da":
        screenshot(page, "login-da")


def test_coach_logs_in_with_a_totp_code_and_sees_the_caseload(page, live_server, partner_a):
    UserFactory(
        email="coach@example.org",
        roles=["coach"],
        partner=partner_a,
        mfa=True,
        preferred_language="de",
    )
    log_in(
        page,
        live_server.url,
        "coach@example.org",
        TEST_PASSWORD,
        language="de",
        totp_secret=TEST_TOTP_SECRET,
    )
    assert "/de/participants/" in page.url
    assert page.locator("html").get_attribute("lang") == "de"


def test_skip_link_moves_focus_to_the_main_content(page, live_server):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"

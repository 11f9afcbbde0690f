"""WCAG 2.1 AA beyond what axe sees (issue 21), in Danish and German: the error summary after a
failing submit, the warning before the idle timeout and a form kept across it, the contrast of
the focus ring and of control borders, reflow at 320 px and at 1280 px with 200 % zoom with named,
focusable scrolling regions, and the report page's live region that keeps its node.

One browser context per person and language; each test logs in once.
"""

import json
import re
import time

import pytest
from playwright.sync_api import expect

from jump.reports.models import ReportRun
from participants.models import Contact
from tests.e2e.conftest import log_in, submit
from tests.factories.accounts import TEST_PASSWORD, TEST_TOTP_SECRET

pytestmark = pytest.mark.django_db(transaction=True)

ERROR_PREFIX = {"da": "Fejl:", "de": "Fehler:"}

# The contrast ratio (WCAG 2.1) of two CSS colours, the background found by walking up to the
# first ancestor with an opaque background (white when none).
CONTRAST_JS = """
window.jumpContrast = (() => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const background = (el) => {
    for (let up = el; up; up = up.parentElement) {
      const c = parse(getComputedStyle(up).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return {parse, ratio, background};
})();
"""

CONTROLS_JS = """() => {
  const {parse, ratio, background} = window.jumpContrast;
  const controls = [...document.querySelectorAll(
      'main input:not([type=hidden]):not([type=submit]), main select, main textarea,'
      + ' main progress')]
    .filter((el) => el.offsetParent !== null);
  const found = [];
  for (const el of controls) {
    const style = getComputedStyle(el);
    const behind = background(el.parentElement);
    const border = ratio(parse(style.borderTopColor).slice(0, 3), behind);
    el.focus();
    const focused = getComputedStyle(el);
    const ring = focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) >= 2
      ? ratio(parse(focused.outlineColor).slice(0, 3), behind) : 0;
    found.push({field: el.name || el.id || el.tagName, border: +border.toFixed(2),
                ring: el.tagName === 'PROGRESS' ? null : +ring.toFixed(2)});
  }
  document.activeElement && document.activeElement.blur();
  return found;
}"""

SCROLL_REGIONS_JS = """() => [...document.querySelectorAll('body *')]
  .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
                  && el.scrollWidth > el.clientWidth + 1)
  .map((el) => ({html: el.outerHTML.slice(0, 80), tabindex: el.tabIndex,
                 role: el.getAttribute('role'),
                 name: el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')}))
  .filter((r) => r.tabindex < 0 || !r.role || !r.name)"""


def assert_error_summary(page, language: str):
    """Focus on the summary, role=alert, a link per field, the title prefixed in the language."""
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    assert page.title().startswith(ERROR_PREFIX[language] + " "), page.title()
    links = summary.locator("a[href^='#']")
    assert links.count() >= 1
    # Following the first link puts the focus on its field.
    href = links.first.get_attribute("href")
    links.first.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == href[1:]


def control_contrast(page) -> list[dict]:
    page.evaluate(CONTRAST_JS)
    return [
        row
        for row in page.evaluate(CONTROLS_JS)
        if row["border"] < 3 or (row["ring"] is not None and row["ring"] < 3)
    ]


@pytest.mark.parametrize("language", ["da", "de"])
def test_failing_submits_show_a_focused_error_summary_and_controls_have_contrast(
    page, new_context, live_server, world, language
):
    base = live_server.url
    participant = world.participants[0].public_id
    log_in(
        page,
        base,
        world.coach.email,
        TEST_PASSWORD,
        language=language,
        totp_secret=TEST_TOTP_SECRET,
    )
    weak = {}
    forms = [
        ("intake", f"/{language}/participants/new/"),
        ("case-note", f"/{language}/participants/{participant}/notes/add/"),
    ]
    for name, path in forms:
        page.goto(base + path)
        weak[name] = control_contrast(page)
        # The server decides: the browser's own checks are switched off.
        page.evaluate(
            "() => document.querySelectorAll('[required]').forEach(e => e.required = false)"
        )
        submit(page, "main form[method=post]:not(#kept-form-send)")
        assert_error_summary(page, language)

    manager = new_context().new_page()
    log_in(
        manager,
        base,
        world.manager.email,
        TEST_PASSWORD,
        language=language,
        totp_secret=TEST_TOTP_SECRET,
    )
    manager.goto(f"{base}/{language}/reports/runs/new/")
    weak["report-form"] = control_contrast(manager)
    manager.evaluate(
        "() => document.querySelectorAll('[required]').forEach(e => e.required = false)"
    )
    manager.locator("#id_period_start").fill("2026-12-31")
    manager.locator("#id_period_end").fill("2026-01-01")
    submit(manager, "main form[method=post]")
    assert_error_summary(manager, language)

    contact = new_context().new_page()
    log_in(contact, base, world.contact.email, TEST_PASSWORD, language=language)
    contact.goto(f"{base}/{language}/companies/placements/{world.placed.public_id}/feedback/")
    weak["feedback-form"] = control_contrast(contact)
    contact.goto(f"{base}/{language}/companies/register/{world.company.public_id}/offers/new/")
    weak["offer-form"] = control_contrast(contact)
    # The offer form's language rows are told apart by their labels.
    labels = contact.locator("main label[for$='-language']").all_inner_texts()
    assert len(labels) == len(set(labels)) == 3, labels
    submit(contact, "main form[method=post]")
    assert_error_summary(contact, language)

    assert {name: rows for name, rows in weak.items() if rows} == {}, json.dumps(weak, indent=2)

    # The TOTP step has its own title, not the login page's.
    other = new_context().new_page()
    other.goto(f"{base}/{language}/accounts/login/")
    login_title = other.title()
    other.locator("input[name=login]").fill(world.coach.email)
    other.locator("input[name=password]").fill(TEST_PASSWORD)
    other.locator("main form button[type=submit]").click()
    other.wait_for_url("**/2fa/authenticate/")
    assert other.title() != login_title
    other.locator("input[name=code]").fill("000000")
    with other.expect_navigation():
        other.locator("input[name=code]").press("Enter")  # the last button cancels the login
    assert_error_summary(other, language)


def test_the_session_warning_appears_and_one_key_extends_the_session(
    page, live_server, world, settings
):
    base = live_server.url
    log_in(
        page, base, world.coach.email, TEST_PASSWORD, language="de", totp_secret=TEST_TOTP_SECRET
    )
    # A 6-second idle timeout with the warning 4 seconds before it.
    settings.SESSION_COOKIE_AGE = 6
    settings.SESSION_TOUCH_SECONDS = 0  # a seconds-long timeout: renewed by every request
    settings.SESSION_EXPIRY_WARNING_SECONDS = 4
    page.goto(f"{base}/de/participants/{world.participants[0].public_id}/notes/add/")
    page.locator("#id_summary").focus()
    dialog = page.locator("#session-warning")
    expect(dialog).to_be_visible(timeout=5_000)
    assert page.evaluate("() => document.activeElement.matches('[data-session-extend]')")
    page.keyboard.press("Enter")  # one key
    expect(dialog).to_be_hidden()
    assert page.evaluate("() => document.activeElement.id") == "id_summary"
    expect(page.locator("#live-announcer")).not_to_be_empty()
    # Past the first deadline the session is still alive: it was extended.
    page.wait_for_timeout(3_000)
    settings.SESSION_COOKIE_AGE = 30 * 60
    page.goto(f"{base}/de/participants/")
    assert page.url == f"{base}/de/participants/"


def test_a_case_note_sent_after_the_timeout_is_offered_again_after_login_and_saved_only_then(
    page, live_server, world, settings
):
    base = live_server.url
    participant = world.participants[0]
    log_in(
        page, base, world.coach.email, TEST_PASSWORD, language="da", totp_secret=TEST_TOTP_SECRET
    )
    settings.SESSION_COOKIE_AGE = 3
    settings.SESSION_TOUCH_SECONDS = 0  # a seconds-long timeout: renewed by every request
    settings.SESSION_EXPIRY_WARNING_SECONDS = 1
    page.goto(f"{base}/da/participants/{participant.public_id}/notes/add/")
    settings.SESSION_COOKIE_AGE = 30 * 60
    page.locator("#id_channel").select_option("meeting")
    page.locator("#id_summary").fill("Langsomt skrevet notat om praktikpladsen.")
    expect(page.locator("#session-warning [data-session-ended]")).to_be_visible(timeout=8_000)
    page.keyboard.press("Enter")  # closes the "session ended" dialog
    submit(page, "main form[method=post]")
    assert "/accounts/login/" in page.url
    assert not Contact.objects.filter(summary__startswith="Langsomt").exists()

    # TOTP codes are single-use: the second login needs the next code.
    time.sleep(30 - time.time() % 30 + 0.2)
    log_in(
        page, base, world.coach.email, TEST_PASSWORD, language="da", totp_secret=TEST_TOTP_SECRET
    )
    page.goto(f"{base}/da/participants/{participant.public_id}/notes/add/")
    kept = page.locator("#kept-form")
    expect(kept).to_be_visible()
    assert not Contact.objects.filter(summary__startswith="Langsomt").exists()
    # Put back into the form, reviewed, then saved by the user.
    kept.locator("[data-kept-restore]").click()
    assert page.locator("#id_summary").input_value().startswith("Langsomt skrevet notat")
    submit(page, "main form[method=post]:not(#kept-form-send)")
    note = Contact.objects.get(summary__startswith="Langsomt")
    assert (note.author, note.participant) == (world.coach, participant)
    page.goto(f"{base}/da/participants/")
    expect(page.locator("#kept-form")).to_have_count(0)


def test_pages_reflow_at_320_px_and_at_200_percent_zoom_with_named_scroll_regions(
    new_context, live_server, world
):
    base = live_server.url
    participant = world.participants[0].public_id
    problems = {}
    for label, viewport, scale in [("320px", (320, 640), 1), ("1280px@200%", (640, 450), 2)]:
        coach = new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=scale
        ).new_page()
        log_in(
            coach,
            base,
            world.coach.email,
            TEST_PASSWORD,
            language="da",
            totp_secret=TEST_TOTP_SECRET,
        )
        manager = new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=scale
        ).new_page()
        log_in(
            manager,
            base,
            world.manager.email,
            TEST_PASSWORD,
            language="de",
            totp_secret=TEST_TOTP_SECRET,
        )
        pages = [
            (coach, "/da/participants/"),
            (coach, f"/da/participants/{participant}/"),
            (coach, f"/da/participants/{participant}/notes/add/"),
            (coach, "/da/notifications/"),
            (coach, "/da/accessibility/"),
            (manager, "/de/reports/dashboard/"),
            (manager, "/de/reports/runs/"),
            (manager, "/de/reports/runs/new/"),
        ]
        for browser_page, path in pages:
            browser_page.goto(base + path)
            overflow = browser_page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            unnamed = browser_page.evaluate(SCROLL_REGIONS_JS)
            if overflow > 1 or unnamed:
                problems[f"{path} at {label}"] = {"overflow": overflow, "regions": unnamed}
    assert problems == {}, json.dumps(problems, indent=2)


def test_the_report_status_keeps_its_live_region_node_across_updates(page, live_server, world):
    base = live_server.url
    run = world.report
    ReportRun.objects.filter(pk=run.pk).update(status="running", progress=10, file="")
    log_in(
        page, base, world.manager.email, TEST_PASSWORD, language="de", totp_secret=TEST_TOTP_SECRET
    )
    page.goto(f"{base}/de/reports/runs/{run.public_id}/")
    # The manager's navigation (the longest: German labels, every staff entry) fits one line
    # at 1280 px.
    links = page.evaluate(
        """() => [...document.querySelectorAll('#main-nav .nav-link, #main-nav .btn')]
            .map((el) => [Math.round(el.getBoundingClientRect().top),
                          Math.round(el.getBoundingClientRect().right), el.textContent.trim()])"""
    )
    tops = [top for top, _right, _text in links]
    assert len(tops) > 8 and max(tops) - min(tops) < 16, json.dumps(links)
    region = page.locator("#run-status")
    assert region.get_attribute("role") == "status"
    page.evaluate("() => { document.getElementById('run-status').dataset.original = 'yes'; }")
    expect(region.locator("progress")).to_have_attribute("value", "10")
    assert page.title() != "Report · JUMP"
    ReportRun.objects.filter(pk=run.pk).update(progress=60)
    expect(region.locator("progress")).to_have_attribute("value", "60", timeout=10_000)
    ReportRun.objects.filter(pk=run.pk).update(status="failed")
    expect(region.locator(".alert-danger")).to_be_visible(timeout=10_000)
    # The same element all along: screen readers read each change of its contents.
    assert page.evaluate("() => document.getElementById('run-status').dataset.original") == "yes"
    assert region.get_attribute("aria-live") == "polite"
    assert not re.search(r"\b60 %", region.inner_text())


def test_mark_as_read_keeps_the_focus_and_announces_the_new_count(page, live_server, world):
    base = live_server.url
    log_in(
        page, base, world.coach.email, TEST_PASSWORD, language="de", totp_secret=TEST_TOTP_SECRET
    )
    page.goto(f"{base}/de/notifications/")
    button = page.locator("main form[action$='/read/'] button").first
    row_id = button.evaluate("(el) => el.closest('tr').id")
    button.focus()
    page.keyboard.press("Enter")
    announcer = page.locator("#live-announcer")
    expect(announcer).to_contain_text("Benachrichtigungen", timeout=5_000)
    # The focus stays in the same row (on its link-button), not at the top of the page.
    assert (
        page.evaluate(
            "() => document.activeElement.closest('tr') && document.activeElement.closest('tr').id"
        )
        == row_id
    )

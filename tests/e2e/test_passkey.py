"""A young person adds a passkey from their profile and logs in with it (issue 18: "may add a
passkey or TOTP, never required"). Chromium's virtual authenticator (through CDP) stands in for
the phone's fingerprint; the page runs under the app's real CSP (no bypass), and no script of
allauth's WebAuthn pages is refused by it."""

from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import translation

from tests.e2e.conftest import assert_accessible, log_in, log_out
from tests.factories.accounts import TEST_PASSWORD, UserFactory
from tests.factories.participants import ParticipantFactory


def test_young_person_adds_a_passkey_and_logs_in_with_it(new_context, live_server, partner_a):
    base = live_server.url
    assert base.startswith("http://localhost:"), base  # a WebAuthn origin needs a domain name
    youth = UserFactory(
        email="youth.dk@example.org", roles=["young_person"], preferred_language="da"
    )
    ParticipantFactory(first_name="Freja", partner=partner_a, user=youth, preferred_language="da")

    context = new_context(bypass_csp=False)
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )["authenticatorId"]

    log_in(page, base, youth.email, TEST_PASSWORD, language="da")
    with translation.override("da"):
        page.goto(base + reverse("accounts:profile"))
    page.get_by_role("link", name="Tilføj en adgangsnøgle").click()
    page.wait_for_url("**/2fa/webauthn/add/")
    page.locator("#id_name").fill("Min telefon")
    page.locator("#id_passwordless").check()
    with page.expect_navigation():
        page.locator("#mfa_webauthn_add").click()
    page.wait_for_load_state()
    assert "/webauthn/add/" not in page.url

    key = Authenticator.objects.get(user=youth, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Min telefon"
    assert key.wrap().is_passwordless is True
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert [c["isResidentCredential"] for c in credentials["credentials"]] == [True]

    # Logged out, the passkey alone opens the young person's pages.
    log_out(page)
    with page.expect_navigation(url=lambda url: "/accounts/" not in url):
        page.locator("#passkey_login").click()
    page.wait_for_url(f"{base}/da/young/")
    assert "Freja" in page.locator("main").inner_text()
    key.refresh_from_db()
    assert key.last_used_at is not None
    assert refused == []


def test_the_passkey_pages_are_accessible(page, live_server, partner_a):
    """axe-core on the login page with its passkey button and on the young person's passkey
    pages (allauth's templates in our layout)."""
    base = live_server.url
    youth = UserFactory(
        email="youth.de@example.org", roles=["young_person"], preferred_language="de"
    )
    ParticipantFactory(first_name="Lena", partner=partner_a, user=youth, preferred_language="de")
    page.goto(f"{base}/de/accounts/login/")
    assert page.locator("#passkey_login").is_visible()
    assert_accessible(page)
    log_in(page, base, youth.email, TEST_PASSWORD, language="de")
    with translation.override("de"):
        urls = [reverse(name) for name in ("accounts:profile", "mfa_add_webauthn", "mfa_index")]
    for url in urls:
        page.goto(base + url)
        assert page.locator("html").get_attribute("lang") == "de"
        assert_accessible(page)

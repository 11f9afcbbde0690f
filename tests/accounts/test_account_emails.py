"""Account e-mails are JUMP's own: the recipient's language (the page's when no account is
known), formal German, text and HTML, no host:port in the subject, links from JUMP_SITE_URL."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories.accounts import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://jump.example.org"

EXPECT = {
    "da": {"reset": "Nulstil", "confirm": "Bekræft", "hello": "Hej"},
    "de": {"reset": "Passwort", "confirm": "Bestätigen Sie", "hello": "Guten Tag"},
}


@pytest.fixture(autouse=True)
def _site(settings):
    settings.JUMP_SITE_URL = SITE


def english(name, **kwargs):
    with translation.override("en"):
        return reverse(name, **kwargs)


def check_message(message, language):
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert message.extra_headers["Content-Language"] == language
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.extra_headers["Message-ID"].endswith("@jump.example.org>")
    assert not re.search(r"\[?[\w.-]+:\d+\]?", message.subject)  # no host:port
    assert "testserver" not in message.body + html
    assert "/signup/" not in message.body + html
    links = re.findall(r"https?://[^\s\"<]+", message.body)
    assert links and all(link.startswith(f"{SITE}/{language}/") for link in links), links
    if language == "de":
        assert re.search(r"\b(Sie|Ihr|Ihre|Ihren)\b", message.body)
        assert not re.search(r"\b(du|dein|deine|dich|dir)\b", message.body, re.IGNORECASE)
    return html


@pytest.mark.parametrize("language", ["da", "de"])
def test_password_reset_mail_is_in_the_users_language_from_an_english_page(
    client, mailoutbox, language
):
    UserFactory(email=f"{language}@example.org", first_name="Kim", preferred_language=language)
    response = client.post(english("account_reset_password"), {"email": f"{language}@example.org"})
    assert response.status_code == 302
    (message,) = mailoutbox
    check_message(message, language)
    assert "Hello" not in message.body
    assert EXPECT[language]["hello"] in message.body
    assert "/password/reset/key/" in message.body


@pytest.mark.parametrize("language", ["da", "de"])
def test_email_confirmation_mail_is_in_the_users_language_from_an_english_page(
    client, mailoutbox, language
):
    user = UserFactory(email=f"{language}@example.org", preferred_language=language)
    user.emailaddress_set.update(verified=False)
    client.post(english("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    (message,) = mailoutbox
    check_message(message, language)
    assert "/confirm-email/" in message.body
    assert "Hello" not in message.body


@pytest.mark.parametrize("language", ["da", "de"])
def test_unknown_account_mail_is_in_the_page_language_and_has_no_sign_up_link(
    client, mailoutbox, language
):
    with translation.override(language):
        url = reverse("account_reset_password")
    client.post(url, {"email": "nobody@example.org"})
    (message,) = mailoutbox
    html = message.alternatives[0][0]
    assert message.extra_headers["Content-Language"] == language
    assert "http" not in message.body  # no link at all: sign-up is closed
    assert "signup" not in html
    assert EXPECT[language]["hello"] in message.body

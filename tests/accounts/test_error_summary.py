"""WCAG 3.3.1 / 4.1.3: every failed form page has one error summary (role="alert", a link to
each field) and a title starting with "Error:" in the page's language — from base.html."""

import re

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "prefix"), [("en", "Error:"), ("da", "Fejl:"), ("de", "Fehler:")]
)
def test_a_failed_form_has_an_error_summary_and_an_error_title(client, language, prefix):
    user = UserFactory(email="t@example.org", roles=["trainer"], preferred_language=language)
    client.force_login(user)
    client.cookies["django_language"] = language
    url = f"/{language}/me/profile/"
    ok = client.get(url).content.decode()
    assert 'id="error-summary"' not in ok
    assert not re.search(r"<title>\s*" + prefix, ok)

    html = client.post(url, {"first_name": "A", "last_name": "B", "preferred_language": "xx"})
    html = html.content.decode()
    assert re.search(r"<title>" + re.escape(prefix) + r" ", html)
    summary = re.search(r'<div id="error-summary"[^>]*>.*?</div>', html, re.S)[0]
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert 'href="#id_preferred_language"' in summary
    assert 'id="id_preferred_language"' in html


def test_the_required_star_is_explained_where_a_form_has_required_fields(client):
    client.force_login(UserFactory(email="u@example.org", roles=["trainer"]))
    assert (
        "Fields marked with * are required."
        in client.get(reverse("accounts:profile")).content.decode()
    )


def test_the_accessibility_statement_is_public_and_linked_from_every_page(client):
    for language in ("da", "de", "en"):
        page = client.get(f"/{language}/accessibility/")
        assert page.status_code == 200
        assert f'lang="{language}"' in page.content.decode()
    login = client.get(reverse("account_login")).content.decode()
    assert f'href="{reverse("accessibility_statement")}"' in login

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories.accounts import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def login_url(language="en"):
    with translation.override(language):
        return reverse("account_login")


def test_root_redirects_to_the_visitors_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_login_page_is_served_in_the_visitors_language(client):
    response = client.get(login_url("da"))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "da"
    assert b'<html lang="da">' in response.content


def test_unknown_language_prefix_is_404(client):
    assert client.get("/xx/accounts/login/").status_code == 404
    assert client.get("/fr/accounts/login/").status_code == 404


def test_wrong_password_shows_the_form_again_with_a_translated_error(client):
    UserFactory(email="someone@example.org")
    response = client.post(login_url("de"), {"login": "someone@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
    text = response.content.decode()
    assert "E-Mail-Adresse und/oder das Passwort sind leider falsch" in text


def test_login_redirects_to_home_in_the_users_preferred_language(client):
    user = UserFactory(email="d@example.org", preferred_language="de")
    response = client.post(login_url("da"), {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_login_sets_the_language_cookie_to_the_preference(client):
    user = UserFactory(email="d@example.org", preferred_language="da")
    client.force_login(user)
    response = client.get(reverse("accounts:profile"))
    assert response.cookies["django_language"].value == "da"

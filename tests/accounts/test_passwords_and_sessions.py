
import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    ["short pass", "password1234", "Produktionsskole2026!", "jumpjumpjump99", "x" * 129],
)
def test_weak_passwords_are_rejected(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize(
    "password",
    ["blue kettle over the fjord", "x7Gq!mZ2pL0w", "a" * 12 + "ferry timetable" * 4 + "zz"],
)
def test_long_passphrases_without_composition_rules_are_accepted(password):
    validate_password(password[:128])


def test_admin_site_is_only_for_administrators(client_for):
    assert client_for("admin").get(reverse("admin:index")).status_code == 200
    assert client_for("manager").get(reverse("admin:index")).status_code == 403


def test_admin_login_goes_through_the_rate_limited_login(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))

"""SECURITY 3 — passwords: at least 12 characters, 64+ allowed, no composition rules, not
common, not words of this programme."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    ["blue kettle over the fjord", "x7Gq!mZ2pL0w", "a" * 12 + "ferry timetable" * 4 + "zz"],
)
def test_sec_03_long_passphrases_without_composition_rules_are_accepted(password):
    validate_password(password[:128])


@pytest.mark.parametrize(
    "password",
    ["short pass", "password1234", "Produktionsskole2026!", "jumpjumpjump99", "x" * 129],
)
def test_sec_03_weak_passwords_are_rejected(password):
    with pytest.raises(ValidationError):
        validate_password(password)

"""Registration numbers: the Danish CVR number (modulus 11) and German register entries."""

import pytest
from django.core.exceptions import ValidationError

from companies.models import Company
from companies.registration import cvr_check_digit, normalise_cvr, normalise_german_register
from tests.factories.companies import CompanyFactory, valid_cvr


@pytest.mark.parametrize(
    "raw, stored",
    [
        ("13585628", "13585628"),  # python-stdnum's documented example
        ("DK 13585628", "13585628"),
        ("13 58 56 28", "13585628"),
        ("DK-1358-5628", "13585628"),
        ("10150817", "10150817"),
    ],
)
def test_valid_cvr_numbers_are_accepted_and_compacted(raw, stored):
    assert normalise_cvr(raw) == stored


@pytest.mark.parametrize(
    "raw, code",
    [
        ("13585627", "cvr_checksum"),  # last digit off by one
        ("13585682", "cvr_checksum"),  # two digits swapped
        ("1358562", "cvr_length"),
        ("135856281", "cvr_length"),
        ("03585628", "cvr_format"),  # a CVR number never starts with 0
        ("1358562X", "cvr_format"),
        ("", "cvr_format"),
    ],
)
def test_invalid_cvr_numbers_are_rejected_with_a_reason(raw, code):
    with pytest.raises(ValidationError) as error:
        normalise_cvr(raw)
    assert error.value.code == code


def test_the_check_digit_computed_for_demo_and_tests_is_valid():
    for n in range(200):
        assert normalise_cvr(valid_cvr(n)) == valid_cvr(n)
    assert cvr_check_digit("1358562") == 8


@pytest.mark.parametrize(
    "court, number, expected",
    [
        ("Flensburg", "HRB 1234", ("Flensburg", "HRB 1234")),
        ("Amtsgericht Flensburg", "hrb1234", ("Flensburg", "HRB 1234")),
        ("AG Kiel", "HRA 12 AB", ("Kiel", "HRA 12 AB")),
        ("Berlin", "HRB 5", ("Berlin (Charlottenburg)", "HRB 5")),
        ("", "", ("", "")),
    ],
)
def test_german_register_entries_are_validated_and_spelled_canonically(court, number, expected):
    assert normalise_german_register(court, number) == expected


@pytest.mark.parametrize(
    "court, number, field, code",
    [
        ("", "HRB 1234", "register_court", "register_court_missing"),
        ("Flensburg", "", "register_number", "register_number_missing"),
        ("Flensburg", "HRC 1234", "register_number", "register_number_format"),
        ("Flensburg", "HRB 0123", "register_number", "register_number_format"),
        ("Atlantis", "HRB 1234", "register_court", "register_court_unknown"),
    ],
)
def test_incomplete_or_unknown_german_register_entries_are_rejected(court, number, field, code):
    with pytest.raises(ValidationError) as error:
        normalise_german_register(court, number)
    assert [e.code for e in error.value.error_dict[field]] == [code]


@pytest.mark.django_db
def test_a_danish_company_needs_a_valid_cvr_and_no_german_entry(partner_a):
    company = Company(name="A/S", country="DK", sector="it", responsible_partner=partner_a, cvr="")
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert "cvr" in error.value.error_dict
    company.cvr = "13585627"
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert error.value.error_dict["cvr"][0].code == "cvr_checksum"
    company.cvr, company.register_number = "13585628", "HRB 1"
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert "register_number" in error.value.error_dict


@pytest.mark.django_db
def test_a_german_company_may_be_unregistered_but_never_half_registered(partner_b):
    company = Company(
        name="Handwerk", country="DE", sector="construction", responsible_partner=partner_b
    )
    company.full_clean()  # sole traders are often not in the commercial register
    company.register_number = "HRB 77"
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert "register_court" in error.value.error_dict


@pytest.mark.django_db
def test_a_cvr_number_and_a_register_entry_are_unique(partner_a):
    CompanyFactory(cvr="13585628")
    CompanyFactory(country="DE", register_court="Flensburg", register_number="HRB 1234")
    twin = Company(
        name="Twin", country="DK", cvr="13585628", sector="it", responsible_partner=partner_a
    )
    with pytest.raises(ValidationError, match="CVR number is already registered"):
        twin.full_clean()
    german_twin = Company(
        name="Zwilling",
        country="DE",
        register_court="Amtsgericht Flensburg",
        register_number="HRB 1234",
        sector="it",
        responsible_partner=partner_a,
    )
    with pytest.raises(ValidationError, match="register court and number is already registered"):
        german_twin.full_clean()

"""Cell values: dates in the accepted spellings, choices as code or label in three languages."""

import datetime

import pytest
from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900

from jump.imports.columns import CellError, Formula, normalise
from jump.imports.kinds import KINDS

PARTICIPANT = KINDS["participants"].columns.by_key
COMPANY = KINDS["companies"].columns.by_key


@pytest.mark.parametrize(
    "raw",
    [
        "17.05.2004",
        "17-05-2004",
        "2004-05-17",
        "17.5.2004",
        datetime.datetime(2004, 5, 17),  # noqa: DTZ001 - what openpyxl gives for a date cell
        datetime.date(2004, 5, 17),
        38124,  # the Excel serial number of 17 May 2004 in a cell formatted as a number
        "2004-05-17 00:00:00",
    ],
)
def test_dates_in_every_accepted_spelling(raw):
    assert PARTICIPANT["date_of_birth"].parse(raw, epoch=CALENDAR_WINDOWS_1900) == datetime.date(
        2004, 5, 17
    )


@pytest.mark.parametrize("raw", ["05/17/2004", "17.05.04", "gestern", "31.02.2004", 3.5e6])
def test_other_dates_are_errors_that_say_what_is_accepted(raw):
    with pytest.raises(CellError) as info:
        PARTICIPANT["date_of_birth"].parse(raw)
    assert "dd.mm.yyyy" in info.value.message or "exists" in info.value.message


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Kvinde", "female"),
        ("Weiblich", "female"),
        ("Female", "female"),
        (" female ", "female"),
        ("WEIBLICH", "female"),
        ("Mand", "male"),
        ("männlich", "male"),
        ("Divers", "diverse"),
        ("Keine Angabe", "not_stated"),
    ],
)
def test_gender_as_code_or_label_in_any_of_the_three_languages(raw, code):
    assert PARTICIPANT["gender"].parse(raw) == code


@pytest.mark.parametrize(
    ("key", "raw", "code"),
    [
        ("country_of_residence", "Tyskland", "DE"),
        ("country_of_residence", "Dänemark", "DK"),
        ("education_level", "ISCED 3-4", "isced_3_4"),
        ("education_level", "2", "isced_0_2"),
        ("labour_market_status", "Langzeitarbeitslos", "long_term_unemployed"),
        ("labour_market_status", "Ledig", "unemployed"),
        ("preferred_language", "Tysk", "de"),
    ],
)
def test_participant_choices(key, raw, code):
    assert PARTICIPANT[key].parse(raw) == code


def test_an_unknown_value_names_the_value_and_the_allowed_ones():
    with pytest.raises(CellError) as info:
        PARTICIPANT["gender"].parse("Weiblichx")
    assert "Weiblichx" in info.value.message
    assert "Female" in info.value.message and "Male" in info.value.message


def test_formulas_are_not_accepted_in_any_column():
    for column in PARTICIPANT.values():
        with pytest.raises(CellError, match="Formulas are not accepted"):
            column.parse(Formula("=A1"))


def test_numbers_in_text_columns_are_read_without_decimals_and_websites_get_https():
    assert PARTICIPANT["postcode"].parse(6400.0) == "6400"
    assert COMPANY["cvr"].parse(13585628) == "13585628"
    assert COMPANY["website"].parse("www.example.dk") == "https://www.example.dk"


def test_too_long_text_and_bad_e_mail_are_errors():
    with pytest.raises(CellError, match="100"):
        PARTICIPANT["first_name"].parse("x" * 101)
    with pytest.raises(CellError):
        PARTICIPANT["email"].parse("not-an-address")


def test_every_spelling_of_every_kind_means_one_thing():
    """Headings and values are unique after normalising (the tables would be ambiguous)."""
    for kind in KINDS.values():
        for column in kind.columns:
            assert column.header_keys
            column._choice_lookup  # noqa: B018 - raises ValueError on a collision
    assert normalise(" E-Mail-Adresse ") == "emailadresse"

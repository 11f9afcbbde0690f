"""What makes an export safe to hand out: keyed pseudonyms, age bands, suppression of small
groups (SECURITY 23) and neutralised spreadsheet cells (SECURITY 17)."""

import datetime

from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

# Fixed salt: the key is derived from SECRET_KEY and this salt, so a pseudonym is stable across
# reports (the funder can follow one person through months) but cannot be recomputed without
# the server's secret. Rotating SECRET_KEY changes every pseudonym.
PSEUDONYM_SALT = "jump.reports.pseudonym.v1"
PSEUDONYM_LENGTH = 16

# Groups smaller than this are shown as "<5" in the aggregate tables of a pseudonymised export.
SMALL_GROUP = 5
SMALL_GROUP_LABEL = "<5"

# A spreadsheet treats a cell starting with one of these as a formula (or strips it).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("under 18")
    FROM_18_TO_24 = "18_24", _("18–24")
    FROM_25_TO_29 = "25_29", _("25–29")
    FROM_30 = "30_plus", _("30 and over")


# (band, lowest age, highest age) — the same limits drive the database aggregation.
AGE_BAND_LIMITS = (
    (AgeBand.UNDER_18, None, 17),
    (AgeBand.FROM_18_TO_24, 18, 24),
    (AgeBand.FROM_25_TO_29, 25, 29),
    (AgeBand.FROM_30, 30, None),
)


def pseudonym(public_id) -> str:
    """The keyed hash that stands for a person in reports: HMAC-SHA256 of the public id."""
    digest = salted_hmac(PSEUDONYM_SALT, str(public_id), algorithm="sha256").hexdigest()
    return digest[:PSEUDONYM_LENGTH]


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    """Completed years on `day` (a 29 February birthday is reached on 1 March)."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - int(before_birthday)


def age_band(date_of_birth: datetime.date | None, day: datetime.date | None) -> str:
    """The age band on `day` (the entry date), as its translated label; "" if unknown."""
    if date_of_birth is None or day is None:
        return ""
    age = age_on(date_of_birth, day)
    for band, low, high in AGE_BAND_LIMITS:
        if (low is None or age >= low) and (high is None or age <= high):
            return str(band.label)
    return ""


def suppress_small(value):
    """A count of 1–4 becomes "<5"; 0, larger counts and anything not a count stay."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < SMALL_GROUP:
        return SMALL_GROUP_LABEL
    return value


def neutralise_cell(value):
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (CSV, XLSX)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def is_small(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < SMALL_GROUP


def suppress_breakdown(values: list) -> list:
    """One column of a breakdown as a funder's export shows it (docs/indicators.md, "Small
    counts"): every count of 1–4 is "<5", and when exactly one line is hidden, the smallest
    other non-zero line is hidden too, so the hidden one cannot be worked out from the total."""
    hidden = {index for index, value in enumerate(values) if is_small(value)}
    if len(hidden) == 1:
        others = [
            (value, index)
            for index, value in enumerate(values)
            if index not in hidden and isinstance(value, int) and value > 0
        ]
        if others:
            hidden.add(min(others)[1])
    return [SMALL_GROUP_LABEL if index in hidden else value for index, value in enumerate(values)]

"""Company registration numbers: the Danish CVR number and German commercial-register entries.

The checks themselves come from python-stdnum (`stdnum.dk.cvr`: modulus 11 over eight digits;
`stdnum.de.handelsregisternummer`: the list of register courts). This module turns them into
Django validation errors with translated messages and a canonical spelling to store.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.de import handelsregisternummer
from stdnum.dk import cvr as stdnum_cvr
from stdnum.exceptions import InvalidChecksum, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError

# Only the sections for businesses: A (partnerships, sole traders) and B (GmbH, AG …).
_REGISTER_NUMBER_RE = re.compile(
    r"^(?P<section>HRA|HRB)\s*(?P<number>[1-9][0-9]{0,5})(?:\s+(?P<suffix>[A-Z]{1,3}))?$",
    re.IGNORECASE,
)
# People write the court as "Amtsgericht Flensburg" or "AG Flensburg"; stdnum knows "Flensburg".
_COURT_PREFIX_RE = re.compile(r"^\s*(?:amtsgericht|ag)\s+", re.IGNORECASE)


def normalise_cvr(value: str) -> str:
    """The eight-digit CVR number, or ValidationError (format, length, check digit)."""
    try:
        return stdnum_cvr.validate(value)
    except InvalidChecksum:
        raise ValidationError(
            _("This CVR number is not valid: its check digit does not match."),
            code="cvr_checksum",
        ) from None
    except InvalidLength:
        raise ValidationError(_("A CVR number has eight digits."), code="cvr_length") from None
    except StdnumError:
        raise ValidationError(
            _("A CVR number has eight digits and does not start with 0."), code="cvr_format"
        ) from None


def cvr_check_digit(first_seven: str) -> int | None:
    """The eighth digit that makes `first_seven` a valid CVR number (None when there is none)."""
    weights = (2, 7, 6, 5, 4, 3, 2)
    digit = -sum(w * int(n) for w, n in zip(weights, first_seven, strict=True)) % 11
    return digit if digit < 10 else None


def normalise_german_register(court: str, number: str) -> tuple[str, str]:
    """(court, number) in canonical spelling, e.g. ("Flensburg", "HRB 1234"), or ValidationError.

    Errors are keyed by field ("register_court" / "register_number").
    """
    court = (court or "").strip()
    number = (number or "").strip()
    if not court and not number:
        return "", ""
    errors = {}
    if not court:
        errors["register_court"] = ValidationError(
            _("Enter the register court (Amtsgericht) of this register number."),
            code="register_court_missing",
        )
    match = _REGISTER_NUMBER_RE.match(number)
    if not number:
        errors["register_number"] = ValidationError(
            _("Enter the register number (HRA or HRB and the number)."),
            code="register_number_missing",
        )
    elif match is None:
        errors["register_number"] = ValidationError(
            _("Enter the register number as HRA or HRB followed by the number, e.g. HRB 1234."),
            code="register_number_format",
        )
    if errors:
        raise ValidationError(errors)
    assert match is not None  # else errors named register_number
    section = match["section"].upper()
    canonical_number = " ".join(
        part for part in (section, match["number"], (match["suffix"] or "").upper()) if part
    )
    bare_court = _COURT_PREFIX_RE.sub("", court)
    try:
        canonical = handelsregisternummer.validate(f"{bare_court} {canonical_number}")
    except StdnumError:
        raise ValidationError(
            {
                "register_court": ValidationError(
                    _("%(court)s is not a German register court."),
                    code="register_court_unknown",
                    params={"court": court},
                )
            }
        ) from None
    canonical_court = canonical[: -len(canonical_number) - 1]
    return canonical_court, canonical_number

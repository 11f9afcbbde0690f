"""The columns of an import file: headings in three languages, and how a cell becomes a value.

The headings and the words for allowed values below are data, not interface text: a file
written in Danish must be read the same way whatever language the importer's browser shows, so
each column and each value carries its Danish, German and English spelling (plus the spellings
partners use in practice) literally. Matching ignores case, spaces and punctuation. The labels
of the model choices in each language (gettext) are accepted as well.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

LANGUAGES = ("da", "de", "en")

_NON_ALNUM = re.compile(r"[\W_]+")


def normalise(text) -> str:
    """Lower case without spaces or punctuation: "E-Mail-Adresse " → "emailadresse"."""
    return _NON_ALNUM.sub("", str(text).casefold())


class Formula:
    """A cell whose content is a formula (never evaluated, never accepted)."""

    def __init__(self, text: str = ""):
        self.text = text

    def __repr__(self):
        return f"Formula({self.text!r})"


class CellProblem:
    """A cell that holds an Excel error value such as #DIV/0!."""

    def __init__(self, text: str):
        self.text = text


class CellError(Exception):
    """A cell's content is not a valid value for its column; the message is translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Choice:
    code: str
    en: str
    da: str
    de: str
    aliases: tuple[str, ...] = ()

    def label(self, language: str) -> str:
        return getattr(self, language if language in LANGUAGES else "en")


@dataclass(frozen=True, eq=False)
class Column:
    """One column of an import file. `key` is the model field (or an import-only key)."""

    key: str
    en: str
    da: str
    de: str
    type: str = "text"  # text | date | email | choice | url
    required: bool = False  # the column must be in the file
    needed_for_new: bool = False  # a new record needs a value (an update does not)
    aliases: tuple[str, ...] = ()
    max_length: int | None = None
    choices: tuple[Choice, ...] = ()
    # Model choices whose translated labels are accepted too (e.g. Participant.Gender).
    model_choices: Iterable[tuple[str, object]] | None = None
    help: object = ""  # lazily translated explanation for the template's second sheet

    def heading(self, language: str | None = None) -> str:
        language = language or translation.get_language() or "en"
        return getattr(self, language[:2] if language[:2] in LANGUAGES else "en")

    @cached_property
    def header_keys(self) -> frozenset[str]:
        return frozenset(normalise(h) for h in (self.en, self.da, self.de, *self.aliases))

    @cached_property
    def _choice_lookup(self) -> dict[str, str]:
        lookup: dict[str, str] = {}
        for choice in self.choices:
            for spelling in (choice.code, choice.en, choice.da, choice.de, *choice.aliases):
                key = normalise(spelling)
                if lookup.get(key, choice.code) != choice.code:
                    raise ValueError(f"{self.key}: {spelling!r} means two values")
                lookup[key] = choice.code
        if self.model_choices is not None:
            for language in LANGUAGES:
                with translation.override(language):
                    for code, label in self.model_choices:
                        # The literal spellings above win over a translation that collides.
                        lookup.setdefault(normalise(str(label)), code)
        return lookup

    def allowed_values(self, language: str | None = None) -> str:
        language = language or translation.get_language() or "en"
        return ", ".join(choice.label(language[:2]) for choice in self.choices)

    def parse(self, raw: object, *, epoch: object = None) -> Any:
        """The value of a cell for this column; None when the cell is empty."""
        if raw is None:
            return None
        _refuse_formula_or_error(raw)
        if self.type == "date":
            return parse_date(raw, epoch=epoch)
        text = cell_text(raw)
        if text == "":
            return None
        if "\x00" in text:
            raise CellError(_("The cell contains characters that are not allowed."))
        if self.type == "choice":
            return self._parse_choice(text)
        if self.type == "email":
            return _parse_email(text)
        return self._parse_text(text)

    def _parse_choice(self, text: str) -> str:
        code = self._choice_lookup.get(normalise(text))
        if code is None:
            raise CellError(
                _("“%(value)s” is not an allowed value. Allowed: %(allowed)s.")
                % {"value": text[:60], "allowed": self.allowed_values()}
            )
        return code

    def _parse_text(self, text: str) -> str:
        """Free text (and web addresses, given https:// when they name no scheme)."""
        if self.type == "url" and "://" not in text:
            text = f"https://{text}"
        if self.max_length and len(text) > self.max_length:
            raise CellError(
                _("At most %(max)s characters (this cell has %(length)s).")
                % {"max": self.max_length, "length": len(text)}
            )
        return text


def _refuse_formula_or_error(raw: object) -> None:
    """A formula or a spreadsheet error (#DIV/0! …) is never a value."""
    if isinstance(raw, Formula):
        raise CellError(_("Formulas are not accepted: enter the value itself."))
    if isinstance(raw, CellProblem):
        raise CellError(_("The cell shows the spreadsheet error %(error)s.") % {"error": raw.text})


def _parse_email(text: str) -> str:
    try:
        validate_email(text)
    except ValidationError:
        raise CellError(_("Enter a valid e-mail address.")) from None
    return text


def cell_text(raw) -> str:
    """A cell as text: 6400 (a number) → "6400", not "6400.0"; dates as ISO."""
    if isinstance(raw, bool):
        return "1" if raw else "0"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, Decimal) and raw == raw.to_integral_value():
        return str(int(raw))
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat() if raw.time() == datetime.time() else raw.isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    return " ".join(str(raw).split())


_DATE_PATTERNS = (
    # dd.mm.yyyy, dd-mm-yyyy (day first, as in Denmark and Germany)
    (re.compile(r"^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$"), ("day", "month", "year")),
    # ISO yyyy-mm-dd
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("year", "month", "day")),
)
# Serial numbers of Excel dates between 1900 and 2200, for date cells formatted as numbers.
_EXCEL_SERIAL_RANGE = (1, 110_000)


def parse_date(raw, *, epoch=None) -> datetime.date | None:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        if _EXCEL_SERIAL_RANGE[0] <= raw <= _EXCEL_SERIAL_RANGE[1]:
            from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel

            value = from_excel(float(raw), epoch=epoch or CALENDAR_WINDOWS_1900)
            return value.date() if isinstance(value, datetime.datetime) else value
        raise CellError(_date_message())
    text = cell_text(raw)
    if text == "":
        return None
    # "2005-05-17 00:00:00" from programs that write timestamps
    text = re.sub(r"[ T]00:00(:00)?$", "", text)
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                return datetime.date(parts["year"], parts["month"], parts["day"])
            except ValueError:
                raise CellError(
                    _("%(value)s is not a date that exists.") % {"value": text}
                ) from None
    raise CellError(_date_message())


def _date_message() -> str:
    return _("Enter the date as dd.mm.yyyy, dd-mm-yyyy or yyyy-mm-dd (or as an Excel date).")


@dataclass
class ColumnSet:
    """The columns of one kind of import, and which of them must be in the file."""

    columns: tuple[Column, ...]
    by_key: dict[str, Column] = field(init=False)

    def __post_init__(self):
        self.by_key = {column.key: column for column in self.columns}
        seen: dict[str, str] = {}
        for column in self.columns:
            for header in column.header_keys:
                if seen.setdefault(header, column.key) != column.key:
                    raise ValueError(f"heading {header!r} names {seen[header]} and {column.key}")

    def __iter__(self):
        return iter(self.columns)

    def __len__(self):
        return len(self.columns)

    @cached_property
    def _header_lookup(self) -> dict[str, Column]:
        return {header: column for column in self.columns for header in column.header_keys}

    def match_header(self, text) -> Column | None:
        if text is None:
            return None
        return self._header_lookup.get(normalise(cell_text(text)))

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.required)


def describe(column: Column) -> str:
    """A column named in all three languages for a message: "Nachname (Efternavn, Last name)"."""
    own = column.heading()
    others = [h for h in (column.da, column.de, column.en) if h != own]
    others = list(dict.fromkeys(others))
    return f"{own} ({', '.join(others)})" if others else own

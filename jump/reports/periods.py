"""Reporting periods: the programme's start, the scope of a figure, local-day bounds."""

import datetime
from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import Partner

# The first day of the programme's eligibility period. "Cumulative" figures run from here and
# "previously reported" is everything from here to the day before a period. A constant, not a
# setting: changing it changes every figure ever reported, which is a decision for the
# programme's managing authority, not for an operator's environment.
PROGRAMME_START = datetime.date(2026, 1, 1)


# Periods a report can be asked for: dates a reporting period can have, at most ten years long
# (a longer one is a typing error, and would make a chart of thousands of months).
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2099, 12, 31)
LONGEST = datetime.timedelta(days=3660)


def period_errors(start: datetime.date | None, end: datetime.date | None) -> dict:
    """Errors of a period by its end ("start" / "end"), as the forms and models report them."""
    errors: dict[str, str | Promise] = {}
    for key, day in (("start", start), ("end", end)):
        if day is not None and not EARLIEST <= day <= LATEST:
            errors[key] = _("Choose a date between %(first)s and %(last)s.") % {
                "first": EARLIEST.isoformat(),
                "last": LATEST.isoformat(),
            }
    if errors or start is None or end is None:
        return errors
    if end < start:
        errors["end"] = _("The period cannot end before it starts.")
    elif end - start > LONGEST:
        errors["end"] = _("A period is at most ten years long.")
    return errors


@dataclass(frozen=True)
class Scope:
    """What a figure is computed for: a period [start, end] (inclusive), optional filters.

    `partner` is a Partner (or None for all); `country` "DK"/"DE" (or "" for both). What the
    filters mean for each kind of record is written in the indicator definitions (FILTERS).
    """

    start: datetime.date
    end: datetime.date
    partner: Partner | None = None
    country: str = ""

    def previous(self) -> "Scope | None":
        """Everything reported before this period: programme start to the day before."""
        if self.start <= PROGRAMME_START:
            return None
        return replace(self, start=PROGRAMME_START, end=self.start - datetime.timedelta(days=1))

    def cumulative(self) -> "Scope":
        """Programme start (or the period's start, if earlier) to the period's end."""
        return replace(self, start=min(PROGRAMME_START, self.start))

    def shifted_back(self, days: int) -> tuple[datetime.date, datetime.date]:
        """The period moved `days` back: whose date + `days` falls in the period."""
        delta = datetime.timedelta(days=days)
        return self.start - delta, self.end - delta

    def day_bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start of the first day, start of the day after the last) in local time."""
        return local_midnight(self.start), local_midnight(self.end + datetime.timedelta(days=1))


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def previous_month(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the calendar month before `today`'s."""
    last = today.replace(day=1) - datetime.timedelta(days=1)
    return last.replace(day=1), last


def year_to_date(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The dashboard's default period: this calendar year up to today."""
    return max(today.replace(month=1, day=1), PROGRAMME_START), today

"""The indicator engine: every figure of docs/indicators.md, from aggregate queries.

`INDICATORS` — code → Indicator, in the order of the definitions.
`indicator_rows(scope)` — per indicator: previously reported, this period, cumulative, target
and progress; the one function behind the dashboard and every export, so they agree.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ..periods import Scope
from . import companies, cooperation, participants, staff
from .base import COUNT, FILTERS, PERCENT, Evidence, Figure, Indicator, Part

if TYPE_CHECKING:
    from ..models import IndicatorTarget

INDICATORS: dict[str, Indicator] = {
    indicator.code: indicator
    for indicator in (
        *participants.INDICATORS,
        *cooperation.INDICATORS,
        *companies.INDICATORS,
        *staff.INDICATORS,
    )
}

__all__ = [
    "COUNT",
    "BreakdownLine",
    "FILTERS",
    "INDICATORS",
    "PERCENT",
    "Evidence",
    "Figure",
    "Indicator",
    "Part",
    "Row",
    "compute",
    "indicator_rows",
]


@dataclass(frozen=True)
class BreakdownLine:
    """One breakdown line across the three scopes (0 where a scope has no such group)."""

    key: str
    label: str
    group: str
    level: int
    previous: int
    current: int
    cumulative: int

    @property
    def text(self) -> str:
        return f"{self.group} – {self.label}" if self.group else str(self.label)


@dataclass
class Row:
    """One line of the monitoring table, as the funder's system asks for it."""

    indicator: Indicator
    previous: Figure
    current: Figure
    cumulative: Figure
    target: "IndicatorTarget | None" = None

    @property
    def progress(self) -> Decimal | None:
        """Cumulative value as a percentage of the target (one decimal)."""
        return _share(self.cumulative.value, self.target and self.target.target_value)

    @property
    def milestone_progress(self) -> Decimal | None:
        return _share(self.cumulative.value, self.target and self.target.milestone_value)

    def breakdown(self) -> list[BreakdownLine]:
        """The breakdown lines of this period, then any group seen only in the cumulative."""
        previous = {part.key: part.value for part in self.previous.parts}
        current = {part.key: part.value for part in self.current.parts}
        cumulative = {part.key: part.value for part in self.cumulative.parts}
        seen, lines = set(), []
        for part in [*self.current.parts, *self.cumulative.parts, *self.previous.parts]:
            if part.key in seen:
                continue
            seen.add(part.key)
            lines.append(
                BreakdownLine(
                    key=part.key,
                    label=str(part.label),
                    group=str(part.group),
                    level=part.level,
                    previous=previous.get(part.key, 0),
                    current=current.get(part.key, 0),
                    cumulative=cumulative.get(part.key, 0),
                )
            )
        return lines


def _share(value, of) -> Decimal | None:
    if value is None or not of:
        return None
    return (Decimal(value) * 100 / Decimal(of)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def compute(code: str, scope: Scope) -> Figure:
    return INDICATORS[code].compute(scope)


def indicator_rows(scope: Scope, codes: list[str] | None = None) -> list[Row]:
    """Previously reported, this period and cumulative for each indicator, with its target.

    "Previously reported" is the sum of what was submitted for earlier periods (frozen, not a
    recount: jump.reports.submissions); this period and the cumulative value are counted.
    A fixed number of queries: two scopes × each indicator's own queries, one for the
    submitted figures and one for the targets — whatever the amount of data.
    """
    from ..models import IndicatorTarget
    from ..submissions import previously_reported

    chosen = [INDICATORS[code] for code in codes] if codes else list(INDICATORS.values())
    targets = {
        target.code: target
        for target in IndicatorTarget.objects.filter(code__in=[i.code for i in chosen])
    }
    previous = previously_reported(scope)
    cumulative_scope = scope.cumulative()
    rows = []
    for indicator in chosen:
        rows.append(
            Row(
                indicator=indicator,
                previous=previous[indicator.code],
                current=indicator.compute(scope),
                cumulative=indicator.compute(cumulative_scope),
                target=targets.get(indicator.code),
            )
        )
    return rows

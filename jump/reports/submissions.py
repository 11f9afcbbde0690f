"""Submitted reports: the frozen figures and what is built from them (docs/indicators.md).

A submission freezes every indicator (its value and each breakdown line) for the whole
programme, each country, each partner and each partner with each country — every scope the
dashboard and the exports can be asked for. "Previously reported" for a scope is the sum of the
frozen figures of the submissions whose period ended before the scope's period starts: what was
reported, never a recount. A recount of a submitted period that now differs is shown beside it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Sum

from jump.accounts.models import Partner
from jump.lib.countries import Country

from .indicators import COUNT, INDICATORS, Figure, Part
from .models import ReportSubmission, SubmissionValue
from .periods import Scope


def frozen_scopes() -> list[tuple[Partner | None, str]]:
    """(partner or None, country or "") of every scope a submission freezes."""
    partners = [None, *Partner.objects.order_by("pk")]
    return [(partner, country) for partner in partners for country in ["", *Country.values]]


def freeze_values(submission: ReportSubmission) -> list[SubmissionValue]:
    """The figures of the submission's period for every scope, as unsaved rows."""
    values = []
    for partner, country in frozen_scopes():
        scope = Scope(
            submission.period_start, submission.period_end, partner=partner, country=country
        )
        for code, indicator in INDICATORS.items():
            figure = indicator.compute(scope)
            common = {"submission": submission, "partner": partner, "country": country}
            values.append(SubmissionValue(code=code, line="", value=figure.value, **common))
            values.extend(
                SubmissionValue(
                    code=code,
                    line=part.key[:200],
                    label=str(part.label)[:300],
                    group=str(part.group)[:300],
                    level=part.level,
                    value=part.value,
                    **common,
                )
                for part in figure.parts
            )
    return values


def _number(value: Decimal | None, unit: str):
    if value is None:
        return None
    return int(value) if unit == COUNT else value


def _frozen(submissions, scope: Scope):
    return SubmissionValue.objects.filter(
        submission__in=submissions, partner=scope.partner, country=scope.country
    )


def figures_from(values_qs) -> dict[str, Figure]:
    """code → Figure: the frozen values summed over the given submissions (one query)."""
    sums = (
        values_qs.order_by()
        .values("code", "line")
        .annotate(total=Sum("value"), label=Max("label"), group=Max("group"), level=Max("level"))
        .order_by("code", "line")
    )
    found: dict[str, dict] = {}
    for row in sums:
        found.setdefault(row["code"], {"value": None, "parts": []})
        if row["line"] == "":
            found[row["code"]]["value"] = row["total"]
        else:
            found[row["code"]]["parts"].append(row)
    figures = {}
    for code, indicator in INDICATORS.items():
        data = found.get(code)
        if data is None:
            figures[code] = indicator.empty()
            continue
        parts = [
            Part(
                key=row["line"],
                label=row["label"],
                value=int(row["total"] or 0),
                group=row["group"],
                level=row["level"],
            )
            for row in data["parts"]
        ]
        if indicator.from_parts is not None:
            value = indicator.from_parts({part.key: part.value for part in parts})
        else:
            value = _number(data["value"], indicator.unit)
        figures[code] = Figure(value=value, parts=parts)
    return figures


def earlier_submissions(scope: Scope):
    """The submissions of periods that ended before the scope's period starts."""
    return ReportSubmission.objects.filter(period_end__lt=scope.start)


def previously_reported(scope: Scope) -> dict[str, Figure]:
    """code → the sum of what was submitted for earlier periods (nothing submitted: empty)."""
    return figures_from(_frozen(earlier_submissions(scope), scope))


def submitted(submission: ReportSubmission, scope: Scope) -> dict[str, Figure]:
    """code → what one submission froze for the scope's partner and country."""
    return figures_from(_frozen([submission], scope))


@dataclass
class Difference:
    code: str
    name: str
    submitted: int | Decimal | None
    now: int | Decimal | None

    @property
    def change(self):
        if self.submitted is None or self.now is None:
            return None
        return self.now - self.submitted


@dataclass
class Recount:
    submission: ReportSubmission
    differences: list[Difference]


def recounts(scope: Scope) -> list[Recount]:
    """For every submission behind "previously reported": the indicators whose recount of the
    submitted period now differs from what was submitted (late entries, corrections)."""
    from .cache import cached

    result = []
    for submission in earlier_submissions(scope).select_related("submitted_by"):
        period = Scope(
            submission.period_start,
            submission.period_end,
            partner=scope.partner,
            country=scope.country,
        )
        frozen = {
            row["code"]: row["value"]
            for row in _frozen([submission], scope).filter(line="").values("code", "value")
        }
        now = cached(
            "recount",
            period,
            lambda period=period: {
                code: indicator.compute(period).value for code, indicator in INDICATORS.items()
            },
        )
        differences = []
        for code, indicator in INDICATORS.items():
            was = _number(frozen.get(code), indicator.unit)
            if code in frozen and was != now[code]:
                differences.append(Difference(code, str(indicator.name), was, now[code]))
        if differences:
            result.append(Recount(submission, differences))
    return result

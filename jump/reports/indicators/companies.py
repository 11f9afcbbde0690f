"""Company indicators: engaged, supported, placements, would hire."""

from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from companies.models import Company, Offer, Placement, PlacementFeedback, SupportAction
from jump.lib.countries import Country

from ..periods import Scope
from .base import (
    PERCENT,
    Evidence,
    Figure,
    Indicator,
    Part,
    companies_in,
    company_placements,
    exists,
    percent,
    placement_active_q,
    placement_started_q,
)

SECTION = _("Companies")
S = Placement.Status


def offers_published(scope: Scope):
    """Offers published in the period (Offer.published_at, a local-day window)."""
    after, before = scope.day_bounds()
    return Offer.objects.filter(published_at__gte=after, published_at__lt=before)


def engaged_companies(scope: Scope):
    """Companies with an offer published, or a placement active, in the period."""
    active = Placement.objects.filter(placement_active_q(scope))
    return companies_in(scope).filter(
        Q(exists(offers_published(scope), company="pk")) | Q(exists(active, offer__company="pk"))
    )


def c_engaged(scope: Scope) -> Figure:
    # One query: a company has one country and one sector, so the groups add up to the total.
    groups = engaged_companies(scope).order_by().values("country", "sector").annotate(n=Count("pk"))
    found = {(row["country"], row["sector"]): row["n"] for row in groups}
    total = sum(found.values())
    sectors = dict(Company.Sector.choices)
    parts = [
        Part(
            key=f"{country}:{sector}",
            label=sectors.get(sector, sector),
            value=count,
            group=Country(country).label if country in Country.values else country,
        )
        for (country, sector), count in sorted(found.items())
    ]
    return Figure(value=total, parts=parts)


def supported_companies(scope: Scope):
    actions = SupportAction.objects.filter(date__gte=scope.start, date__lte=scope.end)
    return companies_in(scope).filter(exists(actions, need__company="pk"))


def placements_finished(scope: Scope, status):
    """Placements completed / aborted in the period: their end date (set to the actual end by
    the companies services when an active placement finishes) within the period."""
    return company_placements(scope).filter(
        status=status, end_date__gte=scope.start, end_date__lte=scope.end
    )


def c_placements(scope: Scope) -> Figure:
    started = placement_started_q(scope)
    completed = Q(status=S.COMPLETED, end_date__gte=scope.start, end_date__lte=scope.end)
    aborted = Q(status=S.ABORTED, end_date__gte=scope.start, end_date__lte=scope.end)
    cross = Q(cross_border=True)
    counts = company_placements(scope).aggregate(
        started=Count("pk", filter=started),
        started_xb=Count("pk", filter=started & cross),
        completed=Count("pk", filter=completed),
        completed_xb=Count("pk", filter=completed & cross),
        aborted=Count("pk", filter=aborted),
        aborted_xb=Count("pk", filter=aborted & cross),
    )
    return Figure(
        value=counts["started"],
        parts=[
            Part("started", _("Started"), counts["started"]),
            Part(
                "started_xb", _("of the started, across the border"), counts["started_xb"], level=1
            ),
            Part("completed", _("Completed"), counts["completed"]),
            Part(
                "completed_xb",
                _("of the completed, across the border"),
                counts["completed_xb"],
                level=1,
            ),
            Part("aborted", _("Aborted"), counts["aborted"]),
            Part(
                "aborted_xb", _("of the aborted, across the border"), counts["aborted_xb"], level=1
            ),
        ],
    )


def c_placements_evidence(scope: Scope) -> list[Evidence]:
    return [
        Evidence(
            "placements",
            _("Placements started"),
            company_placements(scope).filter(placement_started_q(scope)),
        ),
        Evidence("placements", _("Placements completed"), placements_finished(scope, S.COMPLETED)),
        Evidence("placements", _("Placements aborted"), placements_finished(scope, S.ABORTED)),
    ]


def would_hire_feedback():
    return PlacementFeedback.objects.filter(side=PlacementFeedback.Side.COMPANY, would_hire=True)


def company_feedback():
    return PlacementFeedback.objects.filter(side=PlacementFeedback.Side.COMPANY)


def hire_note(total: int, answered: int) -> str:
    """ "of N completed, M with company feedback", in the active language."""
    return ngettext(
        "of %(total)s completed placement, %(answered)s with company feedback",
        "of %(total)s completed placements, %(answered)s with company feedback",
        total,
    ) % {"total": total, "answered": answered}


def c_hire(scope: Scope) -> Figure:
    """Share of the completed placements *with company feedback* whose company would hire
    (docs/indicators.md, "Decisions"): placements without company feedback are left out of
    the denominator and shown beside it; the coach's feedback never counts."""
    counts = (
        placements_finished(scope, S.COMPLETED)
        .annotate(
            # Annotation names differ from the aggregate names: Django silently drops an
            # annotation that an aggregate of the same name replaces.
            _hire=exists(would_hire_feedback(), placement="pk"),
            _answered=exists(company_feedback(), placement="pk"),
        )
        .aggregate(
            total=Count("pk"),
            hire=Count("pk", filter=Q(_hire=True)),
            answered=Count("pk", filter=Q(_answered=True)),
        )
    )
    return Figure(
        value=percent(counts["hire"], counts["answered"]),
        parts=[
            Part("completed", _("Completed placements"), counts["total"]),
            Part("answered", _("with company feedback"), counts["answered"], level=1),
            Part("would_hire", _("company would hire"), counts["hire"], level=1),
        ],
        note=hire_note(counts["total"], counts["answered"]),
    )


def hire_from_parts(parts: dict[str, int]) -> Decimal | None:
    """C-HIRE's share from its (summed) parts: what "previously reported" shows."""
    return percent(parts.get("would_hire", 0), parts.get("answered", 0))


INDICATORS = [
    Indicator(
        "C-ENGAGED",
        SECTION,
        _("Companies engaged"),
        _(
            "Companies with an offer published in the period, or a placement active in the "
            "period; by country and sector. Each company counts once."
        ),
        c_engaged,
        lambda scope: [Evidence("companies", _("Companies engaged"), engaged_companies(scope))],
    ),
    Indicator(
        "C-SUPPORTED",
        SECTION,
        _("Companies supported"),
        _("Companies with at least one support action dated within the period."),
        lambda scope: Figure(value=supported_companies(scope).count()),
        lambda scope: [Evidence("companies", _("Companies supported"), supported_companies(scope))],
    ),
    Indicator(
        "C-PLACEMENTS",
        SECTION,
        _("Placements"),
        _(
            "Placements that really started in the period (by their actual start; the value), "
            "and placements completed and aborted in the period (by their end date); of each, "
            "those across the border. One aborted before its first day never started."
        ),
        c_placements,
        c_placements_evidence,
    ),
    Indicator(
        "C-HIRE",
        SECTION,
        _("Would hire"),
        _(
            "Share (%) of the placements completed in the period with company feedback whose "
            "company feedback says the company would hire the young person. Placements without "
            "company feedback are left out (shown beside the figure); the coach's feedback "
            "never counts."
        ),
        c_hire,
        lambda scope: [
            Evidence(
                "placements",
                _("Completed placements"),
                placements_finished(scope, S.COMPLETED),
            )
        ],
        unit=PERCENT,
        from_parts=hire_from_parts,
    ),
]

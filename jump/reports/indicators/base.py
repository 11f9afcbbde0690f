"""The shapes of the indicator engine and the record sets every indicator starts from.

An indicator computes a `Figure` for a `Scope` with aggregate queries only (COUNT, COUNT
DISTINCT, conditional aggregation, GROUP BY through values().annotate()); no row is loaded into
Python and the number of queries is fixed per indicator. Its `evidence` is the queryset(s) of the
records it counted, which a manager opens as a list.

What the filters mean (written once, shown with the definitions):
- records about a participant (participants, outcomes, attendances, placements): the
  participant's partner, and that partner's country;
- companies: the company's responsible partner, and the company's country;
- staff training (enrolments): the enrolled person's partner, and that partner's country;
  modules: sessions held in the country, attended by the partner's staff;
- good practices: the partner and country recorded on the article.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from companies.models import Company, Placement
from participants.models import Participant
from training_modules.models import Enrolment

from ..periods import Scope

COUNT = "count"
PERCENT = "percent"

FILTERS = _(
    "Partner and country filters: records about a participant (participants, outcomes, "
    "activities, placements, and the partner side of RCO87) follow the participant's partner, "
    "and the country filter is that partner's country, not where the young person lives "
    "(P-COUNTRY alone breaks down by country of residence); every company figure (C-ENGAGED, "
    "C-SUPPORTED, C-PLACEMENTS, C-HIRE, the company side of RCO87) follows the "
    "company's responsible partner and the company's own country; staff training follows the "
    "trained person's partner and that partner's country; modules count sessions held in the "
    "country and attended by the partner's staff; good practices follow the partner and "
    "country recorded on them."
)

# The country filter in one sentence, shown beside the filter on the dashboard and at the top
# of every export (docs/indicators.md, "Decisions").
COUNTRY_FILTER = _(
    "Country filter: participant figures count the country of the participant's partner; "
    "company figures count the company's own country."
)

# Placements that have begun: the statuses a placement passes through once it started. Whether
# it really began is its actual start (`started_on`, set by placement_start): one aborted
# before its first day has none and never counts as started or active.
STARTED_PLACEMENT = (
    Placement.Status.ACTIVE,
    Placement.Status.COMPLETED,
    Placement.Status.ABORTED,
)


@dataclass(frozen=True)
class Part:
    """One line of a breakdown. `level` 1 marks an "of which" line under the one above."""

    key: str
    label: str | Promise
    value: int
    group: str | Promise = ""
    level: int = 0


@dataclass
class Figure:
    """An indicator's value for one scope; `parts` its breakdown, `note` how a share was made."""

    value: int | Decimal | None
    parts: list[Part] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class Evidence:
    """A set of counted records: `kind` names the columns its list page shows."""

    kind: str
    label: str | Promise
    queryset: QuerySet


@dataclass(frozen=True)
class Indicator:
    code: str
    section: str | Promise
    name: str | Promise
    definition: str | Promise
    compute: Callable[[Scope], Figure]
    evidence: Callable[[Scope], list[Evidence]]
    unit: str = COUNT
    # A share's value from its (summed) parts; counts are summed as they are.
    from_parts: Callable[[dict[str, int]], int | Decimal | None] | None = None

    def empty(self) -> Figure:
        """The figure of a period with nothing before it (previously reported, at the start)."""
        return Figure(value=None if self.unit == PERCENT else 0)


def percent(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    share = Decimal(numerator) * 100 / Decimal(denominator)
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- participants ---------------------------------------------------------------------------


def participants_in(scope: Scope) -> QuerySet:
    """Participants of the scope's partner / country (any period)."""
    qs = Participant.objects.all()
    if scope.partner is not None:
        qs = qs.filter(partner=scope.partner)
    if scope.country:
        qs = qs.filter(partner__country=scope.country)
    return qs


def participant_filter(scope: Scope, prefix: str = "participant__") -> Q:
    """The scope's partner / country filter for a record that belongs to a participant."""
    q = Q()
    if scope.partner is not None:
        q &= Q(**{f"{prefix}partner": scope.partner})
    if scope.country:
        q &= Q(**{f"{prefix}partner__country": scope.country})
    return q


def entered(scope: Scope) -> QuerySet:
    """Entered: entry date within the period and a status other than interested."""
    return (
        participants_in(scope)
        .filter(entry_date__gte=scope.start, entry_date__lte=scope.end)
        .exclude(status=Participant.Status.INTERESTED)
    )


def left(scope: Scope) -> QuerySet:
    """Left: exit date within the period."""
    return participants_in(scope).filter(exit_date__gte=scope.start, exit_date__lte=scope.end)


# --- placements and companies ---------------------------------------------------------------


def placements_in(scope: Scope) -> QuerySet:
    return Placement.objects.filter(participant_filter(scope))


def placement_active_q(scope: Scope, prefix: str = "") -> Q:
    """A placement that really began (its actual start) and ran on at least one day of the
    period (its end date: the actual end once it finished, else the planned one)."""
    return Q(
        **{
            f"{prefix}status__in": STARTED_PLACEMENT,
            f"{prefix}started_on__isnull": False,
            f"{prefix}started_on__lte": scope.end,
        }
    ) & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": scope.start}))


def placement_started_q(scope: Scope) -> Q:
    """Started in the period: by its actual start (`started_on`), not the planned one."""
    return Q(status__in=STARTED_PLACEMENT, started_on__gte=scope.start, started_on__lte=scope.end)


def company_placements(scope: Scope) -> QuerySet:
    """Placements for the company figures (C-PLACEMENTS, C-HIRE): by the company's responsible
    partner and the company's own country, like every company figure."""
    qs = Placement.objects.all()
    if scope.partner is not None:
        qs = qs.filter(offer__company__responsible_partner=scope.partner)
    if scope.country:
        qs = qs.filter(offer__company__country=scope.country)
    return qs


def companies_in(scope: Scope) -> QuerySet:
    qs = Company.objects.all()
    if scope.partner is not None:
        qs = qs.filter(responsible_partner=scope.partner)
    if scope.country:
        qs = qs.filter(country=scope.country)
    return qs


# --- staff training -------------------------------------------------------------------------


def staff_filter(scope: Scope, prefix: str = "person__") -> Q:
    q = Q()
    if scope.partner is not None:
        q &= Q(**{f"{prefix}partner": scope.partner})
    if scope.country:
        q &= Q(**{f"{prefix}partner__country": scope.country})
    return q


def enrolments_in(scope: Scope) -> QuerySet:
    return Enrolment.objects.filter(staff_filter(scope))


def completed_enrolments(scope: Scope) -> QuerySet:
    """Enrolments completed in the period (Enrolment.completed_at, a local-day window)."""
    after, before = scope.day_bounds()
    return enrolments_in(scope).filter(
        status=Enrolment.Status.COMPLETED, completed_at__gte=after, completed_at__lt=before
    )


def exists(queryset: QuerySet, **outer) -> Exists:
    """Exists(queryset filtered on the outer row): `exists(qs, company="pk")`."""
    return Exists(queryset.filter(**{name: OuterRef(ref) for name, ref in outer.items()}))

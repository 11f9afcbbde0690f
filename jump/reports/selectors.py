"""Reads for the reports pages: the monitoring table, the charts, evidence lists, data quality.

Every query here is an aggregate or a page of rows with its own select_related: the number of
queries of a page never depends on the number of records.
"""

import datetime
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext as _

from companies.models import Company, Placement
from jump.accounts.models import AnyUser, Partner
from jump.lib.countries import Country
from participants.models import Consent, Outcome, Participant

from .access import is_report_manager, may_see_dashboard
from .cache import cached
from .charts import Chart, Series
from .indicators import INDICATORS, Row, indicator_rows
from .indicators.base import Evidence, entered, participant_filter
from .indicators.participants import SIX_MONTHS_DAYS
from .models import IndicatorTarget, ReportSubmission
from .periods import Scope

EVIDENCE_PAGE_SIZE = 50
DATA_QUALITY_PAGE_SIZE = 25


@dataclass
class Section:
    title: str
    rows: list[Row]


def sections(rows: list[Row]) -> list[Section]:
    """The monitoring table split by section, in the order of the definitions."""
    grouped: OrderedDict[str, list[Row]] = OrderedDict()
    for row in rows:
        grouped.setdefault(str(row.indicator.section), []).append(row)
    return [Section(title, items) for title, items in grouped.items()]


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def chart_entered_per_month(scope: Scope) -> Chart:
    """Participants entered per month, by country of residence (one GROUP BY query)."""
    groups = (
        entered(scope)
        .annotate(month=TruncMonth("entry_date"))
        .order_by()
        .values("month", "country_of_residence")
        .annotate(n=Count("pk"))
    )
    counts: dict[tuple[datetime.date, str], int] = {}
    for row in groups:
        country = row["country_of_residence"]
        key = (_as_date(row["month"]), country if country in Country.values else "other")
        counts[key] = counts.get(key, 0) + row["n"]
    months = months_between(scope.start, scope.end)
    series = [
        Series(str(label), [counts.get((month, code), 0) for month in months])
        for code, label in (("DK", _("Denmark")), ("DE", _("Germany")), ("other", _("Other")))
    ]
    return Chart(
        slug="chart-entered",
        title=_("Participants entered per month, by country of residence"),
        description=_("Number of participants entered in each month of the period."),
        categories=[formats.date_format(month, "YEAR_MONTH_FORMAT") for month in months],
        series=series,
    )


def chart_outcomes(scope: Scope) -> Chart:
    """Outcomes at exit (left in the period) and six months after (exit + 182 days in it)."""
    first, last = scope.shifted_back(SIX_MONTHS_DAYS)
    groups = (
        Outcome.objects.confirmed()
        .filter(participant_filter(scope))
        .filter(
            Q(
                timing=Outcome.Timing.EXIT,
                participant__exit_date__gte=scope.start,
                participant__exit_date__lte=scope.end,
            )
            | Q(
                timing=Outcome.Timing.SIX_MONTHS,
                participant__exit_date__gte=first,
                participant__exit_date__lte=last,
            )
        )
        .order_by()
        .values("timing", "kind")
        .annotate(n=Count("participant", distinct=True))
    )
    counts = {(row["timing"], row["kind"]): row["n"] for row in groups}
    kinds = Outcome.Kind.choices
    return Chart(
        slug="chart-outcomes",
        title=_("Outcomes at exit and six months after"),
        description=_(
            "Participants by outcome: at exit for those who left in the period, six months "
            "after for those whose exit date plus 182 days falls in the period."
        ),
        categories=[str(label) for _value, label in kinds],
        series=[
            Series(str(timing_label), [counts.get((timing, kind), 0) for kind, _label in kinds])
            for timing, timing_label in Outcome.Timing.choices
        ],
    )


def _row(rows: list[Row], code: str) -> Row | None:
    return next((row for row in rows if row.indicator.code == code), None)


def chart_cross_border(rows: list[Row]) -> Chart:
    row = _row(rows, "RCO81")
    labels = [str(part.label) for part in row.current.parts] if row else []
    return Chart(
        slug="chart-cross-border",
        title=_("Cross-border participations (RCO81)"),
        description=_(
            "Participations in joint actions across borders, this period and since "
            "the programme started."
        ),
        categories=labels,
        series=[
            Series(_("This period"), [part.value for part in row.current.parts] if row else []),
            Series(_("Cumulative"), [part.value for part in row.cumulative.parts] if row else []),
        ],
    )


def chart_companies_by_sector(rows: list[Row]) -> Chart:
    row = _row(rows, "C-ENGAGED")
    counts: dict[tuple[str, str], int] = {}
    for part in row.current.parts if row else []:
        country, sector = part.key.split(":", 1)
        counts[(country, sector)] = part.value
    sectors = [
        (value, label)
        for value, label in Company.Sector.choices
        if any(key[1] == value for key in counts)
    ]
    return Chart(
        slug="chart-sectors",
        title=_("Companies engaged by sector"),
        description=_("Companies engaged in the period, by sector and country."),
        categories=[str(label) for _value, label in sectors],
        series=[
            Series(str(label), [counts.get((code, value), 0) for value, _label in sectors])
            for code, label in Country.choices
        ],
    )


def chart_staff_trained(rows: list[Row]) -> Chart:
    row = _row(rows, "S-TRAINED")
    items = row.current.parts if row else []
    return Chart(
        slug="chart-staff",
        title=_("Staff trained, by partner"),
        description=_("Distinct people with a training enrolment completed in the period."),
        categories=[str(part.label) for part in items],
        series=[Series(_("Staff trained"), [part.value for part in items])],
    )


def _dashboard_figures(scope: Scope) -> dict[str, Any]:
    """What the dashboard computes: every figure for the three scopes, the two query charts."""
    rows = indicator_rows(scope)
    return {
        "figures": {
            row.indicator.code: (row.previous, row.current, row.cumulative) for row in rows
        },
        "targets": {row.indicator.code: row.target for row in rows},
        "entered": chart_entered_per_month(scope),
        "outcomes": chart_outcomes(scope),
    }


def dashboard(scope: Scope) -> dict[str, Any]:
    """The monitoring table, its sections and the five charts for a scope.

    The figures come from the exact cache of jump.reports.cache (same period, partner, country,
    language, day and data version), else from the indicator engine."""
    data = cached("dashboard", scope, lambda: _dashboard_figures(scope))
    rows = [
        Row(
            indicator=INDICATORS[code],
            previous=previous,
            current=current,
            cumulative=cumulative,
            target=data["targets"][code],
        )
        for code, (previous, current, cumulative) in data["figures"].items()
    ]
    return {
        "rows": rows,
        "sections": sections(rows),
        "charts": [
            data["entered"],
            data["outcomes"],
            chart_cross_border(rows),
            chart_companies_by_sector(rows),
            chart_staff_trained(rows),
        ],
    }


# --- evidence -------------------------------------------------------------------------------

# Per kind of evidence: what to preload for its list page, and its order.
EVIDENCE_PRELOAD = {
    "participants": (("partner",), ("entry_date", "pk")),
    "attendances": (("participant__partner", "activity"), ("activity__date", "pk")),
    "placements": (("participant__partner", "offer__company"), ("start_date", "pk")),
    "companies": (("responsible_partner",), ("name", "pk")),
    "partners": ((), ("name", "pk")),
    "enrolments": (("person__partner", "session__module"), ("session__starts_at", "pk")),
    "people": (("partner",), ("pk",)),
    "modules": ((), ("pk",)),
    "practices": (("partner",), ("published_at", "pk")),
}


def evidence_page_queryset(evidence: Evidence) -> QuerySet[Any]:
    related, order = EVIDENCE_PRELOAD[evidence.kind]
    queryset = evidence.queryset
    if related:
        queryset = queryset.select_related(*related)
    return queryset.order_by(*order)


def changed_since(queryset: QuerySet[Any], moment: datetime.datetime) -> QuerySet[Any]:
    """The records of an evidence list written (created or changed) after `moment`: those
    that can make a recount of a submitted period differ from what was submitted."""
    fields = {field.name for field in queryset.model._meta.get_fields()}
    if "updated_at" in fields:
        return queryset.filter(updated_at__gt=moment)
    if "created_at" in fields:
        return queryset.filter(created_at__gt=moment)
    return queryset.none()


# --- data quality ---------------------------------------------------------------------------


def _participants(partner: Partner | None) -> QuerySet[Participant]:
    qs = Participant.objects.filter(erased_at__isnull=True).select_related("partner", "coach")
    return qs.filter(partner=partner) if partner is not None else qs


def left_without_exit_outcome(
    partner: Partner | None, today: datetime.date
) -> QuerySet[Participant]:
    """Left (exit date reached, or completed / dropped out) with no exit outcome recorded."""
    exit_outcome = Outcome.objects.filter(timing=Outcome.Timing.EXIT)
    return (
        _participants(partner)
        .filter(
            Q(exit_date__lte=today)
            | Q(status__in=[Participant.Status.COMPLETED, Participant.Status.DROPPED_OUT])
        )
        .exclude(pk__in=exit_outcome.values("participant"))
        .order_by("exit_date", "pk")
    )


def six_month_follow_ups_overdue(
    partner: Partner | None, today: datetime.date
) -> QuerySet[Participant]:
    """Exit date + 182 days has passed and no confirmed six-month outcome is recorded (a young
    person's proposed one still waits for their coach)."""
    six_months = Outcome.objects.confirmed().filter(timing=Outcome.Timing.SIX_MONTHS)
    return (
        _participants(partner)
        .filter(exit_date__lt=today - datetime.timedelta(days=SIX_MONTHS_DAYS))
        .exclude(pk__in=six_months.values("participant"))
        .order_by("exit_date", "pk")
    )


def active_without_participation_consent(partner: Partner | None) -> QuerySet[Participant]:
    """Enrolled or active, and the latest participation consent is not a consent given."""
    consenting = Participant.objects.with_consent(Consent.Purpose.PARTICIPATION).values("pk")
    return (
        _participants(partner)
        .filter(status__in=[Participant.Status.ENROLLED, Participant.Status.ACTIVE])
        .exclude(pk__in=consenting)
        .order_by("entry_date", "pk")
    )


def placements_past_end_still_active(
    partner: Partner | None, today: datetime.date
) -> QuerySet[Placement]:
    qs = Placement.objects.filter(status=Placement.Status.ACTIVE, end_date__lt=today)
    if partner is not None:
        qs = qs.filter(participant__partner=partner)
    return qs.select_related("participant__partner", "offer__company").order_by("end_date", "pk")


def partner_for_figures(user: AnyUser, public_id: str | None) -> Partner | None:
    """The partner whose figures `user` asked for: a coach always their own (naming another →
    404, access.check_partner_param), a manager the one named (unknown → 404) or None (all)."""
    from .access import check_partner_param, forced_partner

    check_partner_param(user, public_id)
    partner = forced_partner(user)
    if partner is None and public_id:
        try:
            partner = Partner.objects.get(public_id=public_id)
        except (Partner.DoesNotExist, ValidationError):
            raise Http404 from None
    return partner


def partner_choices(user: AnyUser) -> list[Partner]:
    """The partners a user may pick on the data-quality page: every partner for a manager,
    none for a coach (a coach's figures are always their own partner's)."""
    if not is_report_manager(user):
        return []
    return list(Partner.objects.order_by("country", "name"))


def indicator_targets(user: AnyUser) -> dict[str, IndicatorTarget]:
    """Every target by indicator code, for a manager (nobody else sets or reads them here)."""
    if not is_report_manager(user):
        raise PermissionDenied
    return {target.code: target for target in IndicatorTarget.objects.all()}


def indicator_target(user: AnyUser, code: str) -> IndicatorTarget:
    """The target of `code` for a manager to edit (a new, unsaved one if none is set yet)."""
    if not is_report_manager(user):
        raise PermissionDenied
    return IndicatorTarget.objects.filter(code=code).first() or IndicatorTarget(code=code)


def submissions(user: AnyUser) -> QuerySet[ReportSubmission]:
    """The reports submitted to the funder, newest period first (managers only)."""
    if not is_report_manager(user):
        raise PermissionDenied
    return ReportSubmission.objects.select_related("submitted_by").order_by("-period_start")


def submission_or_404(user: AnyUser, public_id: str) -> ReportSubmission:
    """A submitted report named in the address (the `since` of an evidence list), for anyone
    who may see the dashboard; unknown or malformed → 404."""
    if not may_see_dashboard(user):
        raise PermissionDenied
    try:
        return ReportSubmission.objects.get(public_id=public_id)
    except (ReportSubmission.DoesNotExist, ValidationError):
        raise Http404 from None

"""The dashboard, the evidence behind each figure, data quality and targets."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import selectors, services
from ..access import (
    check_partner_param,
    dashboard_required,
    forced_partner,
    get_indicator,
    is_report_manager,
    report_manager_required,
)
from ..cache import cached_fragment, templates_version
from ..forms import IndicatorTargetForm, PeriodForm
from ..indicators import FILTERS, INDICATORS
from ..indicators.base import COUNTRY_FILTER
from ..periods import PROGRAMME_START
from ..privacy import age_band, pseudonym
from ..submissions import earlier_submissions, recounts


def _period_form(request) -> PeriodForm:
    """The period form for this user: a coach's is fixed to their partner (another → 404)."""
    check_partner_param(request.user, request.GET.get("partner"))
    return PeriodForm(request.GET, forced_partner=forced_partner(request.user))


def _query(request, *drop) -> str:
    query = request.GET.copy()
    for name in drop:
        query.pop(name, None)
    return query.urlencode()


# The dashboard's figure part, rendered without the request: the same for every viewer of a scope.
FIGURE_TEMPLATES = (
    "reports/_dashboard_tables.html",
    "reports/_dashboard_charts.html",
    "reports/_chart.html",
    "reports/_chart_table.html",
)


def render_figures(scope, query: str) -> dict[str, str]:
    """The HTML of the figure tables and the charts for a scope (links keep `query`)."""
    context = {**selectors.dashboard(scope), "query": query}
    return {
        "tables": render_to_string("reports/_dashboard_tables.html", context),
        "charts": render_to_string("reports/_dashboard_charts.html", context),
    }


def _figures_html(scope, query: str) -> dict[str, str]:
    """The figure part from the cache (same key as the figures, plus the templates' version and
    the links' query string), else rendered. The scope is the one the access rules fixed."""
    html = cached_fragment(
        "dashboard-html",
        scope,
        (templates_version(*FIGURE_TEMPLATES), query),
        lambda: render_figures(scope, query),
    )
    # Autoescaped template output, made by render_figures.
    return {name: mark_safe(part) for name, part in html.items()}  # noqa: S308


@dashboard_required
@require_GET
def dashboard(request):
    """The indicators with targets and charts; managers all partners, coaches their own."""
    form = _period_form(request)
    scope = form.scope()
    context = {
        "form": form,
        "scope": scope,
        "partner": forced_partner(request.user),
        "is_manager": is_report_manager(request.user),
        "programme_start": PROGRAMME_START,
        "filters_note": FILTERS,
        "country_filter_note": COUNTRY_FILTER,
        "query": _query(request, "page", "source"),
    }
    if scope is not None:
        context["figures_html"] = _figures_html(scope, context["query"])
        context["submitted_before"] = list(earlier_submissions(scope))
        context["recounts"] = recounts(scope)
    return render(request, "reports/dashboard.html", context)


def _decorate(kind: str, items: list) -> None:
    """Pseudonyms (and age bands) for a page of counted records; no query."""
    for item in items:
        if kind in ("participants",):
            item.pseudonym = pseudonym(item.public_id)
            item.age_band = age_band(item.date_of_birth, item.entry_date)
        elif kind in ("attendances", "placements"):
            item.pseudonym = pseudonym(item.participant.public_id)
        elif kind == "enrolments":
            item.pseudonym = pseudonym(item.person.public_id)
        elif kind == "people":
            item.pseudonym = pseudonym(item.public_id)


@dashboard_required
@require_GET
def evidence(request, code: str):
    """The records an indicator counted for the period, a page at a time, pseudonymised."""
    indicator = get_indicator(code)
    form = _period_form(request)
    scope = form.scope()
    sources, page, source_index = [], None, 0
    if scope is not None:
        sources = indicator.evidence(scope)
        try:
            source_index = int(request.GET.get("source", 0))
        except ValueError:
            raise Http404 from None
        if not 0 <= source_index < len(sources):
            raise Http404
        source = sources[source_index]
        since = _since(request)
        queryset = selectors.evidence_page_queryset(source)
        if since is not None:
            queryset = selectors.changed_since(queryset, since.created_at)
        page = Paginator(queryset, selectors.EVIDENCE_PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
        _decorate(source.kind, page.object_list)
    return render(
        request,
        "reports/evidence_list.html",
        {
            "indicator": indicator,
            "form": form,
            "scope": scope,
            "sources": sources,
            "source_index": source_index,
            "source": sources[source_index] if sources else None,
            "page": page,
            "query": _query(request, "page"),
            "scope_query": _query(request, "page", "source"),
            "partner": forced_partner(request.user),
            "since": _since(request) if scope is not None else None,
        },
    )


def _since(request):
    """The submission named by `since` (records changed after it was submitted), or None."""
    value = request.GET.get("since")
    if not value:
        return None
    return selectors.submission_or_404(request.user, value)


def _data_quality_partner(request):
    """Managers: all partners or the one chosen; coaches: their own (another → 404)."""
    return selectors.partner_for_figures(request.user, request.GET.get("partner"))


@dashboard_required
@require_GET
def data_quality(request):
    """What would make a figure wrong, each with a link to the page where it is fixed."""
    partner = _data_quality_partner(request)
    today = timezone.localdate()
    lists = [
        (
            "left",
            _("Participants who left without an exit outcome"),
            _("Record the outcome at exit: without it the results upon leaving are too low."),
            selectors.left_without_exit_outcome(partner, today),
        ),
        (
            "followup",
            _("Six-month follow-ups overdue"),
            _("Exit date plus six months has passed and no six-month outcome is recorded."),
            selectors.six_month_follow_ups_overdue(partner, today),
        ),
        (
            "consent",
            _("Active participants without participation consent"),
            _("Enrolled or active, and no participation consent is given (or it was withdrawn)."),
            selectors.active_without_participation_consent(partner),
        ),
        (
            "placements",
            _("Placements past their end date still active"),
            _("Complete or abort the placement, or correct its end date."),
            selectors.placements_past_end_still_active(partner, today),
        ),
    ]
    sections = []
    for key, title, hint, queryset in lists:
        page = Paginator(queryset, selectors.DATA_QUALITY_PAGE_SIZE).get_page(
            request.GET.get(f"{key}_page")
        )
        page.object_list = list(page.object_list)
        sections.append(
            {
                "key": key,
                "title": title,
                "hint": hint,
                "page": page,
                "query": _query(request, f"{key}_page"),
            }
        )
    return render(
        request,
        "reports/data_quality.html",
        {
            "sections": sections,
            "partner": partner,
            "is_manager": is_report_manager(request.user),
            "partners": selectors.partner_choices(request.user),
            "today": today,
        },
    )


@report_manager_required
@require_GET
def target_list(request):
    """Every indicator with its target and milestone (managers and admins)."""
    targets = selectors.indicator_targets(request.user)
    rows = [(indicator, targets.get(code)) for code, indicator in INDICATORS.items()]
    return render(request, "reports/target_list.html", {"rows": rows})


@report_manager_required
@require_http_methods(["GET", "POST"])
def target_edit(request, code: str):
    """Set an indicator's target value and milestone."""
    indicator = get_indicator(code)
    target = selectors.indicator_target(request.user, code)
    form = IndicatorTargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_target_set(actor=request.user, code=code, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, _("The target of %(code)s was saved.") % {"code": indicator.code}
            )
            return redirect("reports:target_list")
    return render(request, "reports/target_form.html", {"form": form, "indicator": indicator})

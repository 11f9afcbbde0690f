"""Staff and knowledge indicators: staff trained, modules offered, good practices published."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import User
from jump.lib.countries import Country
from training_modules.models import Enrolment, GoodPractice, Module, Session

from ..periods import Scope
from .base import Evidence, Figure, Indicator, Part, completed_enrolments, exists, staff_filter

SECTION = _("Staff and knowledge")


def s_trained(scope: Scope) -> Figure:
    completed = completed_enrolments(scope)
    total = completed.aggregate(n=Count("person", distinct=True))["n"]
    groups = (
        completed.order_by()
        .values("person__partner__name", "person__partner__country")
        .annotate(n=Count("person", distinct=True))
        .order_by("person__partner__country", "person__partner__name")
    )
    parts = [
        Part(
            key=f"{row['person__partner__country'] or '-'}:{row['person__partner__name'] or '-'}",
            label=row["person__partner__name"] or _("No partner"),
            value=row["n"],
            group=(
                Country(row["person__partner__country"]).label
                if row["person__partner__country"] in Country.values
                else ""
            ),
        )
        for row in groups
    ]
    return Figure(value=total, parts=parts)


def trained_people(scope: Scope):
    return User.objects.filter(exists(completed_enrolments(scope), person="pk"))


def sessions_held(scope: Scope):
    """Sessions (not cancelled) running on at least one day of the period; with a country
    filter, held in that country; with a partner filter, attended by that partner's staff."""
    after, before = scope.day_bounds()
    sessions = Session.objects.exclude(status=Session.Status.CANCELLED).filter(
        starts_at__lt=before, ends_at__gte=after
    )
    if scope.country:
        sessions = sessions.filter(country=scope.country)
    if scope.partner is not None:
        staff = Enrolment.objects.active().filter(staff_filter(scope))
        sessions = sessions.filter(exists(staff, session="pk"))
    return sessions


def modules_offered(scope: Scope):
    return Module.objects.filter(exists(sessions_held(scope), module="pk"))


def practices_published(scope: Scope):
    after, before = scope.day_bounds()
    practices = GoodPractice.objects.filter(
        status=GoodPractice.Status.PUBLISHED, published_at__gte=after, published_at__lt=before
    )
    if scope.partner is not None:
        practices = practices.filter(partner=scope.partner)
    if scope.country:
        practices = practices.filter(country=scope.country)
    return practices


INDICATORS = [
    Indicator(
        "S-TRAINED",
        SECTION,
        _("Staff trained"),
        _(
            "Distinct people with an enrolment completed in the period; by partner and country. "
            "Each person counts once, however many modules they completed."
        ),
        s_trained,
        lambda scope: [Evidence("people", _("Staff trained"), trained_people(scope))],
    ),
    Indicator(
        "S-MODULES",
        SECTION,
        _("Modules offered"),
        _("Training modules with at least one session (not cancelled) in the period."),
        lambda scope: Figure(value=modules_offered(scope).count()),
        lambda scope: [Evidence("modules", _("Modules offered"), modules_offered(scope))],
    ),
    Indicator(
        "S-PRACTICES",
        SECTION,
        _("Good practices published"),
        _("Good-practice articles published in the period (by their publication date)."),
        lambda scope: Figure(value=practices_published(scope).count()),
        lambda scope: [
            Evidence("practices", _("Good practices published"), practices_published(scope))
        ],
    ),
]

"""Reads for the participants pages: each selector owns its joins and prefetches.

Placements belong to the companies app, which may import participants but not the other way
round (docs/architecture.md: dependencies point one way): they are reached only through
`apps.get_model("companies", "Placement")` at call time.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any, cast
from uuid import UUID

from django.apps import apps
from django.db.models import (
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Field,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.tuple_lookups import (  # type: ignore[import-untyped]
    Tuple,
    TupleGreaterThan,
    TupleLessThan,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import AnyUser, Partner, User
from jump.lib.batch import fetch_together
from jump.lib.versioned import cached_per_version

from .access import (
    may_import_attendance_for_any_partner,
    may_register_attendance,
    sees_every_case,
)
from .models import (
    ActionPlan,
    Activity,
    ActivityRegistration,
    Assessment,
    Attendance,
    Consent,
    Contact,
    Goal,
    LanguageSkill,
    Outcome,
    Participant,
    ParticipantShare,
    Step,
)

# --- the mobility readiness ladder -------------------------------------------------------------

LADDER = {
    0: _("No steps yet"),
    1: _("Local activity"),
    2: _("Visit across the border"),
    3: _("Camp or trip across the border"),
    4: _("Short placement across the border"),
    5: _("Longer placement across the border"),
}
LADDER_TOP = max(LADDER)
# A placement across the border of more than four weeks is the top of the ladder.
SHORT_PLACEMENT = datetime.timedelta(weeks=4)
PLACEMENT_STATUSES_ON_LADDER = ("active", "completed")


def placement_model() -> type[Any] | None:
    """The companies app's Placement model, or None while it is not installed."""
    try:
        return apps.get_model("companies", "Placement")
    except LookupError:
        return None


def mobility_step_expression(today: datetime.date | None = None) -> Case:
    """An annotation (0–5) for Participant querysets: the highest step of the ladder reached.

    1 any attended activity; 2 an attended company visit or workshop across the border; 3 an
    attended cross-border trip or camp across the border; 4 a placement across the border
    (active or completed) of up to four weeks; 5 one of more than four weeks (an open-ended
    placement counts once it has run for more than four weeks). Derived, never stored.
    """
    today = today or timezone.localdate()
    # `participant__lte` repeats the correlation on purpose: with an outer reference outside an
    # equality, PostgreSQL cannot turn the EXISTS into a hashed subplan over every attendance of
    # the programme (it did so in the caseload, 0.8 s at 100,000 participants for 25 rows);
    # each row's check stays an index probe on (participant, status).
    attended = Attendance.objects.filter(
        participant=OuterRef("pk"),
        participant__lte=OuterRef("pk"),
        status=Attendance.Status.ATTENDED,
    )
    across = attended.filter(activity__cross_border=True)
    whens = []
    Placement = placement_model()
    if Placement is not None:
        placements = Placement.objects.filter(
            participant=OuterRef("pk"),
            cross_border=True,
            status__in=PLACEMENT_STATUSES_ON_LADDER,
        )
        longer = placements.annotate(
            _length=ExpressionWrapper(F("end_date") - F("start_date"), output_field=DurationField())
        ).filter(
            Q(end_date__isnull=False, _length__gt=SHORT_PLACEMENT)
            | Q(end_date__isnull=True, start_date__lt=today - SHORT_PLACEMENT)
        )
        whens += [When(Exists(longer), then=Value(5)), When(Exists(placements), then=Value(4))]
    whens += [
        When(
            Exists(
                across.filter(
                    activity__kind__in=[Activity.Kind.CROSS_BORDER_TRIP, Activity.Kind.CAMP]
                )
            ),
            then=Value(3),
        ),
        When(
            Exists(
                across.filter(
                    activity__kind__in=[Activity.Kind.COMPANY_VISIT, Activity.Kind.WORKSHOP]
                )
            ),
            then=Value(2),
        ),
        When(Exists(attended), then=Value(1)),
    ]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def mobility_step(participant: Participant) -> int:
    """The ladder step of one participant (one query)."""
    step: int = (
        Participant.objects.filter(pk=participant.pk)
        .annotate(step=mobility_step_expression())
        .values_list("step", flat=True)
        .get()
    )
    return step


# --- the caseload ------------------------------------------------------------------------------

CASELOAD_PAGE_SIZE = 25

# A filter choice: (public id as the form's value, label, primary key for the query).
FilterChoice = tuple[str, str, int]


def caseload_filter_choices(user: User) -> dict[str, Any]:
    """The partners and coaches `user` may filter the caseload by, as plain tuples read with
    `values_list` (no model instances), cached per data version and viewer scope.

    Everyone may pick any partner; a programme manager or admin any coach, a coach those of
    their own partner (the scope in the key, so the cache never widens a choice).
    "coach_partner" maps each coach's value to their partner's key: a viewer who may pick any
    coach is offered those of the chosen partner (CaseloadFilterForm), not all of the
    programme's (2,500 options at 100,000 participants, most of the page's time)."""
    everyone = sees_every_case(user)
    scope = "all" if everyone else f"partner:{user.partner_id}"

    def read() -> dict[str, Any]:
        coaches = User.objects.with_role("coach")
        if not everyone:
            coaches = coaches.filter(partner_id=user.partner_id)
        rows = list(
            coaches.order_by("last_name", "first_name", "email").values_list(
                "public_id", "first_name", "last_name", "email", "pk", "partner_id"
            )
        )
        return {
            "partner": [
                (str(public_id), name, pk)
                for public_id, name, pk in Partner.objects.order_by("name").values_list(
                    "public_id", "name", "pk"
                )
            ],
            "coach": [
                (str(public_id), f"{first} {last}".strip() or email, pk)
                for public_id, first, last, email, pk, _partner in rows
            ],
            "coach_partner": {str(row[0]): row[5] for row in rows},
            "coach_by_partner": everyone,
        }

    return cached_per_version("caseload-filter-choices", (scope,), read)


def caseload_visible(
    user: AnyUser,
    *,
    status: str = "",
    partner: Partner | int | None = None,
    country: str = "",
    coach: User | int | None = None,
    search: str = "",
) -> QuerySet[Participant]:
    """The participants whose case `user` may open, narrowed by the caseload's filters; no
    annotations and no order (the page picks its ids from it by the index, and counts it)."""
    queryset = Participant.objects.case_visible_to(user)
    if status:
        queryset = queryset.filter(status=status)
    if partner is not None:
        queryset = queryset.filter(partner=partner)
    if country:
        queryset = queryset.filter(partner__country=country)
    if coach is not None:
        queryset = queryset.filter(coach=coach)
    for word in search.split()[:5]:
        queryset = queryset.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return queryset.order_by()


def caseload_annotate(
    queryset: QuerySet[Participant], today: datetime.date | None = None
) -> QuerySet[Participant]:
    """The caseload's rich columns: next open step, last contact, open follow-ups, whether
    anything is overdue (`next_due_on` before today) and the mobility ladder step. Correlated
    subqueries: meant for the 25 rows of a page, not for a whole caseload."""
    today = today or timezone.localdate()
    open_steps = Step.objects.filter(
        goal__plan__participant=OuterRef("pk"), done_on__isnull=True
    ).order_by("due_on", "pk")
    open_follow_ups = Contact.objects.filter(
        participant=OuterRef("pk"), follow_up_on__isnull=False, follow_up_done_on__isnull=True
    )
    return queryset.select_related("partner", "coach").annotate(
        next_step_due=Subquery(open_steps.values("due_on")[:1]),
        next_step_title=Subquery(open_steps.values("title")[:1]),
        last_contact=Subquery(
            Contact.objects.filter(participant=OuterRef("pk"))
            .values("participant")
            .annotate(latest=Max("date"))
            .values("latest")[:1]
        ),
        open_follow_ups=Coalesce(
            Subquery(open_follow_ups.values("participant").annotate(n=Count("pk")).values("n")[:1]),
            Value(0),
        ),
        next_follow_up=Subquery(
            open_follow_ups.order_by("follow_up_on").values("follow_up_on")[:1]
        ),
        is_overdue=Case(
            When(next_due_on__lt=today, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        mobility_step=mobility_step_expression(today),
    )


# The caseload's order (issue 20): the earliest open due date first (overdue ones come first by
# themselves), those with nothing open last, then by name; the indexes
# (partner, next_due_on, last_name, first_name, id) and (next_due_on, last_name, first_name, id)
# follow it (a B-tree puts NULLs last in ascending order).
CASELOAD_KEY = ("next_due_on", "last_name", "first_name", "pk")


def caseload(
    user: AnyUser, *, today: datetime.date | None = None, **filters: Any
) -> QuerySet[Participant]:
    """The whole caseload of `user` (filters as `caseload_visible`), annotated and in the
    caseload's order. For small sets and tests; the page reads through `caseload_page` (keyset,
    rich columns for its 25 rows only)."""
    return caseload_annotate(caseload_visible(user, **filters), today).order_by(
        F("next_due_on").asc(nulls_last=True), "last_name", "first_name", "pk"
    )


Cursor = tuple[datetime.date | None, str, str, int]


@dataclass
class CaseloadPage:
    """One page of the caseload: its rows (annotated), the total count, and the cursors (public
    ids of the first and last row) for the links to the previous and next pages."""

    rows: list[Participant]
    count: int
    has_previous: bool
    has_next: bool

    @property
    def first_id(self) -> str:
        return str(self.rows[0].public_id) if self.rows else ""

    @property
    def last_id(self) -> str:
        return str(self.rows[-1].public_id) if self.rows else ""

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next


def _keyset_ids(
    visible: QuerySet[Participant], cursor: Cursor | None, *, backward: bool, limit: int
) -> list[int]:
    """Up to `limit` ids of `visible` after the cursor (before it when `backward`, nearest
    first), in the caseload's order, read by the index. Without a cursor one query (ascending
    NULLS LAST, or its exact reverse, is the index's own order); with one, two segments — those
    with a due date (row comparison on the whole key), then those without (on the name) — the
    second read only when the first has too few rows (a row comparison cannot say "NULL last")."""
    if cursor is None:
        if backward:
            order = [F("next_due_on").desc(nulls_first=True)]
            order += [F(name).desc() for name in CASELOAD_KEY[1:]]
        else:
            order = [F("next_due_on").asc(nulls_last=True)]
            order += [F(name).asc() for name in CASELOAD_KEY[1:]]
        return list(visible.order_by(*order).values_list("pk", flat=True)[:limit])
    segments = [True, False] if backward else [False, True]  # next_due_on IS NULL?
    segments = segments[segments.index(cursor[0] is None) :]
    ids: list[int] = []
    for position, is_null in enumerate(segments):
        fields = CASELOAD_KEY[1:] if is_null else CASELOAD_KEY
        queryset = visible.filter(next_due_on__isnull=is_null)
        if position == 0:
            beyond = TupleLessThan if backward else TupleGreaterThan
            queryset = queryset.filter(
                beyond(Tuple(*(F(name) for name in fields)), cursor[1:] if is_null else cursor)
            )
        order = [F(name).desc() if backward else F(name).asc() for name in fields]
        ids += queryset.order_by(*order).values_list("pk", flat=True)[: limit - len(ids)]
        if len(ids) >= limit:
            break
    return ids


def _cursor(visible: QuerySet[Participant], public_id: str) -> Cursor | None:
    """The sort key of the participant `public_id` when `visible` holds it, else None (an
    unknown, malformed or invisible id says nothing about where it would be)."""
    try:
        UUID(public_id)
    except ValueError:
        return None
    return cast(
        Cursor | None,
        visible.filter(public_id=public_id).values_list(*CASELOAD_KEY).first(),
    )


def caseload_count(user: AnyUser, filters: dict[str, Any], visible: QuerySet[Participant]) -> int:
    """The number of participants in the filtered caseload, cached per data version and the
    viewer's scope (a coach's own set includes the cases shared with them: their own key)."""
    scope = "all" if sees_every_case(user) else f"user:{user.pk}"
    parts = [scope]
    for name in sorted(filters):
        value = filters[name]
        value = getattr(value, "pk", value)
        parts.append(f"{name}={'' if value is None else value}")
    return cached_per_version("caseload-count", tuple(parts), visible.count)


def caseload_page(
    user: AnyUser,
    *,
    after: str = "",
    before: str = "",
    last: bool = False,
    today: datetime.date | None = None,
    **filters: Any,
) -> CaseloadPage:
    """A page of CASELOAD_PAGE_SIZE rows of the caseload, without OFFSET: the first page, the
    page after the participant `after` or before the participant `before` (public ids), or the
    last page. A cursor the visible, filtered set does not hold gives the first page. The ids
    are picked by the index, then the rich columns are read for those rows only."""
    visible = caseload_visible(user, **filters)
    size = CASELOAD_PAGE_SIZE
    cursor = None
    backward = last
    if not last and (after or before):
        cursor = _cursor(visible, after or before)
        backward = cursor is not None and not after
    ids = _keyset_ids(visible, cursor, backward=backward, limit=size + 1)
    more = len(ids) > size
    ids = ids[:size]
    if backward and cursor is not None and not more and len(ids) < size:
        # Back at the start with a short page (rows changed meanwhile): the first page instead.
        cursor, backward = None, False
        ids = _keyset_ids(visible, None, backward=False, limit=size + 1)
        more = len(ids) > size
        ids = ids[:size]
    if backward:
        ids.reverse()
        has_previous, has_next = more, not last
    else:
        has_previous, has_next = cursor is not None, more
    by_id = {
        row.pk: row for row in caseload_annotate(Participant.objects.filter(pk__in=ids), today)
    }
    return CaseloadPage(
        rows=[by_id[pk] for pk in ids if pk in by_id],
        count=caseload_count(user, filters, visible),
        has_previous=has_previous,
        has_next=has_next,
    )


# --- intake: duplicates ------------------------------------------------------------------------


@dataclass
class Duplicates:
    visible: list[Participant] = field(default_factory=list)
    # True when a matching person exists that the user may not see: they are told only that,
    # never who or where.
    elsewhere: bool = False

    def __bool__(self) -> bool:
        return bool(self.visible) or self.elsewhere


def find_duplicates(
    user: AnyUser,
    *,
    first_name: str,
    last_name: str,
    date_of_birth: datetime.date | None,
    email: str = "",
) -> Duplicates:
    """People already on record with the same name and date of birth, or the same e-mail."""
    match = Q(
        first_name__iexact=first_name.strip(),
        last_name__iexact=last_name.strip(),
        date_of_birth=date_of_birth,
    )
    if email:
        match |= Q(email__iexact=email.strip())
    matches = Participant.objects.filter(match, erased_at__isnull=True)
    visible = list(
        matches.filter(pk__in=Participant.objects.case_visible_to(user).values("pk"))
        .select_related("partner")
        .order_by("last_name", "first_name", "pk")[:10]
    )
    elsewhere = matches.exclude(pk__in=[p.pk for p in visible]).exists()
    return Duplicates(visible=visible, elsewhere=elsewhere)


# --- the participant page ----------------------------------------------------------------------

RATERS = (Assessment.Rater.SELF, Assessment.Rater.COACH)


@dataclass
class AssessmentRow:
    label: str | Promise
    entry: int | None
    interim: int | None
    exit: int | None

    @property
    def progress(self) -> int | None:
        """The change from entry to the latest later rating."""
        latest = self.exit if self.exit is not None else self.interim
        if self.entry is None or latest is None:
            return None
        return latest - self.entry


@dataclass
class AssessmentTable:
    rater_label: str | Promise
    entry: Assessment | None
    interim: Assessment | None
    exit: Assessment | None
    rows: list[AssessmentRow]


def assessment_tables(assessments: list[Assessment]) -> list[AssessmentTable]:
    """Per rater: entry, latest interim and exit side by side, per dimension, with progress."""
    tables = []
    for rater in RATERS:
        mine = [a for a in assessments if a.rater == rater]
        if not mine:
            continue
        by_kind = {}
        for assessment in sorted(mine, key=lambda a: (a.date, a.pk)):
            by_kind[assessment.kind] = assessment  # the latest of each kind wins
        entry = by_kind.get(Assessment.Kind.ENTRY)
        interim = by_kind.get(Assessment.Kind.INTERIM)
        exit_ = by_kind.get(Assessment.Kind.EXIT)
        rows = [
            AssessmentRow(
                label=cast("Field[Any, Any]", Assessment._meta.get_field(name)).verbose_name,
                entry=getattr(entry, name, None),
                interim=getattr(interim, name, None),
                exit=getattr(exit_, name, None),
            )
            for name in Assessment.DIMENSIONS
        ]
        tables.append(
            AssessmentTable(
                rater_label=Assessment.Rater(rater).label,
                entry=entry,
                interim=interim,
                exit=exit_,
                rows=rows,
            )
        )
    return tables


@dataclass
class ConsentState:
    purpose: str
    label: str | Promise
    latest: Consent | None

    @property
    def given(self) -> bool:
        return self.latest is not None and self.latest.given


def consent_states(ledger: list[Consent]) -> list[ConsentState]:
    """The current state per purpose: the most recent row of the ledger (ledger newest first)."""
    latest: dict[str, Consent] = {}
    for row in ledger:
        latest.setdefault(row.purpose, row)
    return [
        ConsentState(purpose=value, label=label, latest=latest.get(value))
        for value, label in Consent.Purpose.choices
    ]


def placements_of(participant: Participant) -> list[Any]:
    """The participant's placements (companies app), newest first; [] while it is not there."""
    Placement = placement_model()
    if Placement is None:
        return []
    return list(
        Placement.objects.filter(participant=participant)
        .select_related("offer__company")
        .order_by(F("start_date").desc(nulls_last=True), "-pk")
    )


def plan_card(plan: ActionPlan) -> ActionPlan:
    """One action plan with its goals and steps, as the case file's plan card shows it (the
    htmx fragment after a goal or step is added in place); the caller checked access."""
    return ActionPlan.objects.prefetch_related(
        Prefetch("goals", queryset=Goal.objects.prefetch_related("steps"))
    ).get(pk=plan.pk)


def participant_page(participant: Participant) -> dict[str, Any]:
    """Everything the participant page shows, in one statement whatever the row counts: its
    thirteen small lists and the ladder step read together (jump.lib.batch.fetch_together)."""
    Placement = placement_model()
    placements = (
        Placement.objects.filter(participant=participant)
        .select_related("offer__company")
        .order_by(F("start_date").desc(nulls_last=True), "-pk")
        if Placement is not None
        else None
    )
    lists = {
        "consent_ledger": participant.consents.select_related("recorded_by"),
        "assessments": participant.assessments.select_related("recorded_by"),
        "plans": ActionPlan.objects.filter(participant=participant),
        "goals": Goal.objects.filter(plan__participant=participant),
        "steps": Step.objects.filter(goal__plan__participant=participant),
        "outcomes": participant.outcomes.select_related("recorded_by"),
        "language_skills": participant.language_skills.all(),
        "contacts": participant.contacts.select_related("author"),
        "attendances": participant.attendances.select_related(
            "activity", "activity__partner"
        ).order_by("-activity__date", "-pk"),
        "documents": participant.documents.select_related("uploaded_by"),
        "shares": participant.shares.select_related("coach__partner", "granted_by").order_by(
            "revoked_at", "-created_at"
        ),
        "step": Participant.objects.filter(pk=participant.pk)
        .annotate(step=mobility_step_expression())
        .only("pk"),
    }
    if placements is not None:
        lists["placements"] = placements
    read = dict(zip(lists, fetch_together(*lists.values()), strict=True))
    plans = read["plans"]
    _attach(read["goals"], read["steps"], "goal", "steps")
    _attach(plans, read["goals"], "plan", "goals")
    ledger = read["consent_ledger"]
    assessments = read["assessments"]
    outcomes = {o.timing: o for o in read["outcomes"]}
    return {
        "consent_states": consent_states(ledger),
        "consent_ledger": ledger,
        "guardian_methods": Consent.GuardianMethod.choices,
        "language_skills": read["language_skills"],
        "assessments": assessments,
        "assessment_tables": assessment_tables(assessments),
        "plans": plans,
        "contacts": read["contacts"],
        "attendances": read["attendances"],
        "placements": read.get("placements", []),
        "exit_outcome": outcomes.get(Outcome.Timing.EXIT),
        "six_month_outcome": outcomes.get(Outcome.Timing.SIX_MONTHS),
        "documents": read["documents"],
        "shares": read["shares"],
        "mobility_step": read["step"][0].step,
    }


def _attach(parents: list[Any], children: list[Any], field_name: str, accessor: str) -> None:
    """`parent.<accessor>.all()` answered from `children` (in their order), as
    prefetch_related would have left it: no query when the template reads it."""
    by_parent: dict[int, list[Any]] = {}
    for child in children:
        by_parent.setdefault(getattr(child, f"{field_name}_id"), []).append(child)
    for parent in parents:
        mine = by_parent.get(parent.pk, [])
        for child in mine:
            setattr(child, field_name, parent)
        queryset = getattr(parent, accessor).all()
        queryset._result_cache = mine
        queryset._prefetch_done = True
        parent._prefetched_objects_cache = {
            **getattr(parent, "_prefetched_objects_cache", {}),
            accessor: queryset,
        }


# --- activities --------------------------------------------------------------------------------


def activity_list(user: User, *, mine_only: bool = False) -> QuerySet[Activity]:
    """Activities with how many attended; a coach may narrow the list to their partner's."""
    queryset = Activity.objects.select_related("partner").annotate(
        attended_count=Count(
            "attendances", filter=Q(attendances__status=Attendance.Status.ATTENDED)
        )
    )
    if mine_only and user.partner_id:
        queryset = queryset.filter(partner_id=user.partner_id)
    return queryset.order_by("-date", "title", "pk")


def activity_attendances(user: AnyUser, activity: Activity) -> list[Attendance]:
    """Who attended `activity`, among the participants `user` may see."""
    return list(
        activity.attendances.filter(
            participant__in=Participant.objects.case_visible_to(user).values("pk")
        )
        .select_related("participant__partner")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )


def attendance_candidates(user: User, activity: Activity) -> list[Participant]:
    """The participants `user` may register for `activity`: those they may change, not erased."""
    queryset = Participant.objects.case_visible_to(user).filter(erased_at__isnull=True)
    if not user.has_role("admin"):
        # Registering is changing: own partner's participants and those shared with the user
        # (a coach who is also a programme manager sees everyone but changes only these).
        shared = ParticipantShare.objects.filter(
            participant=OuterRef("pk"), coach=user, revoked_at__isnull=True
        )
        queryset = queryset.filter(Q(partner_id=user.partner_id) | Q(Exists(shared)))
    status = Attendance.objects.filter(activity=activity, participant=OuterRef("pk"))
    registered = ActivityRegistration.objects.filter(activity=activity, participant=OuterRef("pk"))
    # Those on the planned list come first: attendance is recorded from that list (issue 18).
    return list(
        queryset.select_related("partner")
        .annotate(
            current_status=Subquery(status.values("status")[:1]),
            is_registered=Exists(registered),
        )
        .order_by("-is_registered", "last_name", "first_name", "pk")
    )


def activity_registrations(user: User, activity: Activity) -> list[ActivityRegistration]:
    """The planned list of `activity`, among the participants `user` may see."""
    return list(
        activity.registrations.filter(
            participant__in=Participant.objects.case_visible_to(user).values("pk")
        )
        .select_related("participant__partner")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )


def activity_registration_or_404(
    user: User, activity: Activity, participant_public_id: UUID | str
) -> ActivityRegistration:
    """One registration of `activity`'s planned list, of a participant `user` may see; anyone
    else's (or none) → 404."""
    from django.http import Http404

    registration = (
        activity.registrations.filter(
            participant__in=Participant.objects.case_visible_to(user).values("pk"),
            participant__public_id=participant_public_id,
        )
        .select_related("participant")
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def registration_candidates(user: User, activity: Activity) -> list[Participant]:
    """Whom `user` may put on the planned list: attendance candidates not yet on it and still
    in the programme."""
    return [
        p
        for p in attendance_candidates(user, activity)
        if not getattr(p, "is_registered", False) and not p.has_left
    ]


def attendance_list_candidates(user: User, activity: Activity) -> list[Participant]:
    """The participants `user` may name in an attendance list for `activity` (the import).

    Whoever may register attendance: attendance_candidates. A programme manager who may not
    (access.may_import_attendance_for_any_partner): the participants of the activity's
    partner, not erased (current_status annotated the same way). Anyone else: none.
    """
    if may_register_attendance(user):
        return attendance_candidates(user, activity)
    if not may_import_attendance_for_any_partner(user):
        return []
    status = Attendance.objects.filter(activity=activity, participant=OuterRef("pk"))
    return list(
        Participant.objects.case_visible_to(user)
        .filter(partner_id=activity.partner_id, erased_at__isnull=True)
        .select_related("partner")
        .annotate(current_status=Subquery(status.values("status")[:1]))
        .order_by("last_name", "first_name", "pk")
    )


# --- the CV ------------------------------------------------------------------------------------


def cv_data(participant: Participant) -> dict[str, Any]:
    """What a Europass-style CV shows: contact, languages (latest level each), activities,
    placements."""
    latest_languages: dict[tuple[str, str], LanguageSkill] = {}
    for skill in participant.language_skills.order_by("language", "other_language", "-assessed_on"):
        latest_languages.setdefault((skill.language, skill.other_language.lower()), skill)
    attended = list(
        Activity.objects.filter(
            attendances__participant=participant,
            attendances__status=Attendance.Status.ATTENDED,
        ).order_by("-date", "pk")
    )
    placements = [p for p in placements_of(participant) if p.status in PLACEMENT_STATUSES_ON_LADDER]
    return {
        "participant": participant,
        "languages": list(latest_languages.values()),
        "activities": attended,
        "placements": placements,
    }


def get_coach_of_share(public_id: UUID | str) -> User:
    """The user a share names in the address (share_revoke decides whether the case is shared
    with them); unknown → 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(User, public_id=public_id)

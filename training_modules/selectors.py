"""Reads of the training pages: each builds what its page iterates, with its own joins."""

from typing import Any

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, TruncMonth
from django.utils import timezone

from jump.accounts.models import Partner, User

from . import fallback
from .models import (
    Attendance,
    CalendarFeed,
    Certificate,
    Enrolment,
    GoodPractice,
    Module,
    Session,
    SessionFeedback,
)
from .models.library import tag_named


def _with_places(sessions: QuerySet[Session], user: User) -> QuerySet[Session]:
    """Places taken, people waiting, and the user's own active enrolment (status, public id)."""
    own = Enrolment.objects.filter(session=OuterRef("pk"), person=user).active()
    return sessions.annotate(
        taken=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.HOLDING_PLACE)),
        waiting=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITLISTED)),
        my_status=Subquery(own.values("status")[:1]),
        my_enrolment=Subquery(own.values("public_id")[:1]),
    ).annotate(free=Greatest(F("capacity") - F("taken"), Value(0)))


def catalogue_modules(
    *,
    user: User,
    q: str = "",
    format: str = "",
    target_group: str = "",
    country: str = "",
    status: str = "",
) -> QuerySet[Module]:
    """The modules a user may see, filtered, with their next upcoming session (one query).

    Editors see drafts too (archived only when asked for); search looks at the text shown in
    the reader's language (with fallback)."""
    now = timezone.now()
    modules: QuerySet[Module] = Module.objects.visible_to(user)
    if status:
        modules = modules.filter(status=status)
    else:
        modules = modules.exclude(status=Module.Status.ARCHIVED)
    if q:
        modules = modules.filter(
            fallback.search_q(("title", "summary", "description", "learning_outcomes"), q)
        )
    if format:
        modules = modules.filter(format=format)
    if target_group:
        modules = modules.filter(target_group=target_group)
    upcoming = Q(
        sessions__status=Session.Status.PLANNED,
        sessions__ends_at__gte=now,
    )
    if country:
        modules = modules.filter(
            Exists(
                Session.objects.filter(
                    module=OuterRef("pk"),
                    status=Session.Status.PLANNED,
                    ends_at__gte=now,
                    country=country,
                )
            )
        )
    return modules.annotate(
        next_session=Min("sessions__starts_at", filter=upcoming),
        upcoming_count=Count("sessions", filter=upcoming),
        shown_title=fallback.shown_expression("title"),
    ).order_by("shown_title", "pk")


def module_sessions(*, user: User, module: Module, past: bool = False) -> QuerySet[Session]:
    """A module's sessions for its detail page: the upcoming ones, or (for editors) the past."""
    if past:
        sessions = module.sessions.filter(ends_at__lt=timezone.now()).order_by("-starts_at")
    else:
        sessions = module.sessions.upcoming().order_by("starts_at")
    return _with_places(sessions, user).prefetch_related("trainers")


def upcoming_sessions(*, user: User, country: str = "", language: str = "") -> QuerySet[Session]:
    """The calendar: upcoming sessions of the modules the user may see, with their month."""
    sessions: QuerySet[Session] = Session.objects.visible_to(user).upcoming()
    if country:
        sessions = sessions.filter(country=country)
    if language:
        sessions = sessions.filter(language=language)
    sessions = _with_places(sessions, user).annotate(
        month=TruncMonth("starts_at", tzinfo=timezone.get_current_timezone())
    )
    return sessions.select_related("module").prefetch_related("trainers").order_by("starts_at")


def session_with_places(*, user: User, session: Session) -> Session:
    return (
        _with_places(Session.objects.filter(pk=session.pk), user)
        .select_related("module")
        .prefetch_related("trainers")
        .get()
    )


def my_enrolments(*, user: User) -> QuerySet[Enrolment]:
    """The user's own enrolments, newest session first, with their place on the waiting list."""
    earlier = Enrolment.objects.filter(
        session=OuterRef("session"), status=Enrolment.Status.WAITLISTED
    ).filter(
        Q(enrolled_at__lt=OuterRef("enrolled_at"))
        | Q(enrolled_at=OuterRef("enrolled_at"), id__lt=OuterRef("id"))
    )
    position = Subquery(
        earlier.order_by().values("session").annotate(n=Count("id")).values("n")[:1],
        output_field=IntegerField(),
    )
    return (
        Enrolment.objects.filter(person=user)
        .select_related("session__module", "certificate", "feedback")
        .annotate(waitlist_position=Coalesce(position, Value(0)) + 1)
        .order_by("-session__starts_at", "-enrolled_at")
    )


def enrolment_with_position(*, enrolment: Enrolment) -> int | None:
    """The enrolment's place on its session's waiting list (1 = next), None when not waiting."""
    if enrolment.status != Enrolment.Status.WAITLISTED:
        return None
    earlier = Enrolment.objects.filter(
        session_id=enrolment.session_id, status=Enrolment.Status.WAITLISTED
    ).filter(
        Q(enrolled_at__lt=enrolment.enrolled_at)
        | Q(enrolled_at=enrolment.enrolled_at, id__lt=enrolment.id)
    )
    return earlier.count() + 1


def session_roster(*, session: Session) -> tuple[list[Enrolment], list[Enrolment]]:
    """The attendance page: people with a place (with their attendance rows) and the queue."""
    enrolments = (
        session.enrolments.exclude(status=Enrolment.Status.CANCELLED)
        .select_related("person__partner", "certificate")
        .prefetch_related(Prefetch("attendance", queryset=Attendance.objects.order_by("day")))
        .order_by("person__last_name", "person__first_name", "enrolled_at")
    )
    roster, queue = [], []
    for enrolment in enrolments:
        if enrolment.status == Enrolment.Status.WAITLISTED:
            queue.append(enrolment)
        else:
            # An attribute for the roster template only.
            enrolment.present_days = {row.day for row in enrolment.attendance.all() if row.present}  # type: ignore[attr-defined]
            roster.append(enrolment)
    queue.sort(key=lambda e: (e.enrolled_at, e.pk))
    return roster, queue


def module_feedback_summary(*, module: Module) -> dict[str, Any]:
    """Average, count, rating distribution and comments (without names) of a module."""
    feedback = SessionFeedback.objects.filter(enrolment__session__module=module)
    totals = feedback.aggregate(average=Avg("rating"), count=Count("id"))
    distribution = dict(
        feedback.order_by().values_list("rating").annotate(n=Count("id")).values_list("rating", "n")
    )
    comments = (
        feedback.exclude(comments="")
        .select_related("enrolment__session")
        .only("rating", "comments", "created_at", "enrolment__session__starts_at")
        .order_by("-created_at")
    )
    return {
        "average": totals["average"],
        "count": totals["count"],
        "distribution": [(rating, distribution.get(rating, 0)) for rating in range(5, 0, -1)],
        "comments": comments,
    }


def good_practices(
    *,
    user: User,
    q: str = "",
    tag: str = "",
    partner: Partner | None = None,
    country: str = "",
    status: str = "",
) -> QuerySet[GoodPractice]:
    """The library as the user may see it, searched in the reader's language (with fallback)."""
    practices: QuerySet[GoodPractice] = GoodPractice.objects.visible_to(user)
    if q:
        practices = practices.filter(fallback.search_q(("title", "body"), q))
    if tag:
        practices = practices.filter(tag_named(tag, prefix="tags__"))
    if partner is not None:
        practices = practices.filter(partner=partner)
    if country:
        practices = practices.filter(country=country)
    if status:
        practices = practices.filter(status=status)
    return (
        practices.select_related("partner", "author")
        .prefetch_related("tags")
        .order_by(F("published_at").desc(nulls_first=True), "-created_at")
        .distinct()
    )


def calendar_sessions(*, user: User) -> QuerySet[Session]:
    """The sessions of a person's own calendar: where they have a place, and what they train."""
    has_place = Enrolment.objects.filter(
        session=OuterRef("pk"),
        person=user,
        status__in=Enrolment.HOLDING_PLACE,
    )
    return (
        Session.objects.filter(Q(Exists(has_place)) | Q(trainers=user))
        .select_related("module")
        .distinct()
        .order_by("starts_at")
    )


def calendar_feed_by_token(token: str) -> CalendarFeed | None:
    """The feed with this secret address, if its owner is still active (the public .ics)."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )


def own_calendar_feed(user: User) -> CalendarFeed | None:
    """`user`'s own feed, if they made one."""
    return CalendarFeed.objects.filter(user=user).first()


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with this (normalised) verification code: the public check."""
    return (
        Certificate.objects.select_related("enrolment__person", "enrolment__session__module")
        .filter(verification_code=code)
        .first()
    )

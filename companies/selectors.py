"""Reads for the companies pages: each selector owns its joins, so no template queries in a loop.

What a company contact sees of a young person is built here as a `SharedPlacement` — a plain
record holding only what consent allows (first name, languages with CEFR level, the placement,
and the goals, activities and CV the young person chose to share for it).
Their pages never receive a Participant object, so a template cannot reach a last name, a date
of birth, contact data, notes or documents even by mistake.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from jump.accounts.models import Partner, User
from participants.models import Activity, Goal, LanguageSkill

from .models import (
    Company,
    Invitation,
    Offer,
    Placement,
    PlacementFeedback,
    SupportAction,
    SupportNeed,
)

if TYPE_CHECKING:
    from participants.models import Participant

COMPANY_PAGE_SIZE = 25


def _count(queryset: QuerySet[Any], outer: str = "pk") -> Coalesce:
    """A correlated COUNT(*) subquery (no join fan-out when several counts are annotated)."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(outer).annotate(n=Count("*")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


# --- companies ------------------------------------------------------------------------------


def company_list(
    *,
    user: User,
    search: str = "",
    country: str = "",
    sector: str = "",
    status: str = "",
    partner: Partner | None = None,
) -> QuerySet[Company]:
    """The company register as `user` may see it, filtered, with counts per company."""
    companies = (
        Company.objects.visible_to(user)
        .select_related("responsible_partner")
        .annotate(
            published_offers=_count(
                Offer.objects.filter(company=OuterRef("pk"), status=Offer.Status.PUBLISHED),
                "company",
            ),
            contact_count=_count(
                User.objects.filter(company=OuterRef("pk"), is_active=True), "company"
            ),
            open_support_needs=_count(
                SupportNeed.objects.filter(company=OuterRef("pk")).open(), "company"
            ),
        )
    )
    search = search.strip()
    if search:
        digits = "".join(ch for ch in search if ch.isdigit())
        condition = Q(name__icontains=search) | Q(register_number__icontains=search)
        if digits:
            condition |= Q(cvr__contains=digits)
        companies = companies.filter(condition)
    if country:
        companies = companies.filter(country=country)
    if sector:
        companies = companies.filter(sector=sector)
    if status:
        companies = companies.filter(status=status)
    if partner is not None:
        companies = companies.filter(responsible_partner=partner)
    return companies.order_by("name", "pk")


def company_contacts(company: Company) -> QuerySet[User]:
    """The company's contact users with their profile."""
    return (
        User.objects.filter(company=company)
        .select_related("company_contact")
        .order_by("last_name", "first_name", "email")
    )


def pending_invitations(company: Company) -> QuerySet[Invitation]:
    return (
        Invitation.objects.pending(timezone.now())
        .filter(company=company)
        .select_related("invited_by")
    )


def support_needs(
    *, user: User, company: Company | None = None, open_only: bool = False
) -> QuerySet[SupportNeed]:
    """Support needs `user` may see (optionally of one company), with their actions."""
    needs = (
        SupportNeed.objects.visible_to(user)
        .select_related("company", "requested_by")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=SupportAction.objects.select_related("performed_by").order_by(
                    "-date", "-pk"
                ),
            )
        )
    )
    if company is not None:
        needs = needs.filter(company=company)
    if open_only:
        needs = needs.open()
    return needs.order_by("-created_at", "-pk")


# --- offers ---------------------------------------------------------------------------------


def offer_list(
    *, user: User, company: Company | None = None, status: str = "", kind: str = ""
) -> QuerySet[Offer]:
    """Offers `user` may see with places taken and proposals waiting (those `user` may see)."""
    offers = (
        Offer.objects.visible_to(user)
        .select_related("company")
        .prefetch_related("language_requirements")
        .annotate(
            places_taken=_count(
                Placement.objects.filter(offer=OuterRef("pk")).taking_places(), "offer"
            ),
            proposals_waiting=_count(
                Placement.objects.visible_to(user).filter(
                    offer=OuterRef("pk"), status=Placement.Status.PROPOSED
                ),
                "offer",
            ),
        )
        .annotate(places_free=F("places") - F("places_taken"))
    )
    if company is not None:
        offers = offers.filter(company=company)
    if status:
        offers = offers.filter(status=status)
    if kind:
        offers = offers.filter(kind=kind)
    return offers.order_by("-start_date", "title", "pk")


def offer_with_counts(*, user: User, offer: Offer) -> Offer:
    """One offer with the same annotations as in `offer_list`."""
    return offer_list(user=user).get(pk=offer.pk)


# --- placements as coaches, managers and admins see them ------------------------------------


def placement_list(
    *,
    user: User,
    company: Company | None = None,
    offer: Offer | None = None,
    statuses: Iterable[str] | None = None,
) -> QuerySet[Placement]:
    """Placements `user` may see, with participant, offer and company (staff pages)."""
    placements = (
        Placement.objects.visible_to(user)
        .select_related("participant", "offer__company", "proposed_by")
        .annotate(
            feedback_count=_count(
                PlacementFeedback.objects.filter(placement=OuterRef("pk")), "placement"
            )
        )
    )
    if company is not None:
        placements = placements.filter(offer__company=company)
    if offer is not None:
        placements = placements.filter(offer=offer)
    if statuses:
        placements = placements.filter(status__in=statuses)
    return placements.order_by("-created_at", "-pk")


def placement_feedback(*, user: User, placement: Placement) -> dict[str, PlacementFeedback]:
    """The feedback on `placement` that `user` may read, by side ("company", "coach")."""
    return {
        feedback.side: feedback
        for feedback in PlacementFeedback.objects.visible_to(user)
        .filter(placement=placement)
        .select_related("author")
    }


def latest_language_skills(participant_ids: Iterable[int]) -> dict[int, list[LanguageSkill]]:
    """The most recent assessment per language of each participant (one query)."""
    skills: dict[int, list[LanguageSkill]] = {}
    seen = set()
    rows = (
        LanguageSkill.objects.filter(participant_id__in=list(participant_ids))
        .only("participant_id", "language", "other_language", "level", "assessed_on")
        .order_by("participant_id", "language", "other_language", "-assessed_on", "-pk")
    )
    for skill in rows:
        key = (skill.participant_id, skill.language, skill.other_language.lower())
        if key in seen:
            continue
        seen.add(key)
        skills.setdefault(skill.participant_id, []).append(skill)
    return skills


# --- what a company contact sees ------------------------------------------------------------


@dataclass(frozen=True)
class SharedLanguage:
    language: str
    level: str


@dataclass(frozen=True)
class SharedGoal:
    title: str
    done_on: date | None


@dataclass(frozen=True)
class SharedActivity:
    title: str
    kind_display: str
    date: date
    hours: object
    cross_border: bool


def _shared_goal(goal: Goal) -> SharedGoal:
    return SharedGoal(goal.title, goal.done_on)


def _shared_activity(activity: Activity) -> SharedActivity:
    return SharedActivity(
        activity.title,
        activity.get_kind_display(),
        activity.date,
        activity.hours,
        activity.cross_border,
    )


@dataclass(frozen=True)
class RequirementMet:
    """One language requirement of the offer, and whether the young person meets it (their
    latest CEFR level), as the company sees beside a proposal (issue 17)."""

    label: str
    met: bool


@dataclass(frozen=True)
class SharedPlacement:
    """A placement as its company sees it: the young person's first name and languages, and on
    the detail page what the young person chose to share for it (goals, activities, a CV)."""

    public_id: UUID
    first_name: str
    languages: list[SharedLanguage]
    offer: Offer
    status: str
    status_display: str
    start_date: date | None
    end_date: date | None
    mentor_name: str
    mentor_contact: str
    decline_reason: str
    cross_border: bool
    proposed_at: datetime
    company_feedback_given: bool
    can_give_feedback: bool = field(default=False)
    goals: list[SharedGoal] = field(default_factory=list)
    activities: list[SharedActivity] = field(default_factory=list)
    has_cv: bool = False
    requirements: list[RequirementMet] = field(default_factory=list)

    @property
    def is_proposal(self) -> bool:
        return self.status == Placement.Status.PROPOSED


def shared_placements(
    *,
    user: User,
    statuses: Iterable[str] | None = None,
    offer: Offer | None = None,
    public_id: UUID | str | None = None,
    with_shared_items: bool = False,
) -> list[SharedPlacement]:
    """Placements of `user`'s company as the company may see them (see module docstring).

    Visibility is `Placement.objects.visible_to(user)`: participants without a current
    share_with_companies consent are left out, read afresh on every call.
    """
    # Rows annotated for the company's view, then a list: typed loosely on purpose.
    placements: Any = (
        Placement.objects.visible_to(user)
        .filter(offer__company_id=user.company_id)  # type: ignore[misc]  # None: no rows
        .select_related("offer__company")
        .prefetch_related("offer__language_requirements")
        .annotate(
            shared_first_name=F("participant__first_name"),
            company_feedback_given=Exists(
                PlacementFeedback.objects.filter(
                    placement=OuterRef("pk"), side=PlacementFeedback.Side.COMPANY
                )
            ),
        )
        .order_by("-created_at", "-pk")
    )
    if statuses:
        placements = placements.filter(status__in=statuses)
    if offer is not None:
        placements = placements.filter(offer=offer)
    if public_id is not None:
        placements = placements.filter(public_id=public_id)
    if with_shared_items:
        placements = placements.prefetch_related(
            Prefetch(
                "shared_goals",
                queryset=Goal.objects.only("title", "done_on").order_by("created_at", "pk"),
            ),
            Prefetch(
                "shared_activities",
                queryset=Activity.objects.only(
                    "title", "kind", "date", "hours", "cross_border"
                ).order_by("-date", "title", "pk"),
            ),
        )
    placements = list(placements)
    skills = latest_language_skills({p.participant_id for p in placements})
    return [
        SharedPlacement(
            public_id=p.public_id,
            first_name=p.shared_first_name,
            languages=[
                SharedLanguage(
                    language=skill.other_language or skill.get_language_display(),
                    level=skill.level,
                )
                for skill in skills.get(p.participant_id, [])
            ],
            offer=p.offer,
            status=p.status,
            status_display=p.get_status_display(),
            start_date=p.start_date,
            end_date=p.end_date,
            mentor_name=p.mentor_name,
            mentor_contact=p.mentor_contact,
            decline_reason=p.decline_reason,
            cross_border=p.cross_border,
            proposed_at=p.created_at,
            company_feedback_given=p.company_feedback_given,
            can_give_feedback=p.status in Placement.FEEDBACK_OPEN,
            goals=[_shared_goal(goal) for goal in p.shared_goals.all()]
            if with_shared_items
            else [],
            activities=[_shared_activity(a) for a in p.shared_activities.all()]
            if with_shared_items
            else [],
            has_cv=p.shared_cv_id is not None,
            requirements=_requirements_met(p.offer, skills.get(p.participant_id, [])),
        )
        for p in placements
    ]


def _requirements_met(offer: Offer, skills: list[LanguageSkill]) -> list[RequirementMet]:
    levels = {skill.language: skill.level for skill in skills}
    return [
        RequirementMet(
            label=f"{requirement.get_language_display()} ≥ {requirement.min_level}",
            met=levels.get(requirement.language, "") >= requirement.min_level,
        )
        for requirement in offer.language_requirements.all()
    ]


def shared_placement(*, user: User, placement: Placement) -> SharedPlacement:
    """One placement as the company sees it (resolved through access.py beforehand)."""
    (row,) = shared_placements(user=user, public_id=placement.public_id, with_shared_items=True)
    return row


def placement_shared_items(placement: Placement) -> dict[str, Any]:
    """For the coach: what the company of `placement` sees beyond first name and languages."""
    return {
        "goals": [_shared_goal(g) for g in placement.shared_goals.order_by("created_at", "pk")],
        "activities": [
            _shared_activity(a)
            for a in placement.shared_activities.order_by("-date", "title", "pk")
        ],
        "cv": placement.shared_cv,
    }


# --- reads the pages make once (STYLE: reads out of views) -----------------------------------


def proposable_for_offer(*, user: User, offer: Offer) -> "QuerySet[Participant]":
    """Participants `user` may propose for `offer` (access.proposable_participants) who have no
    open placement on it yet, by name."""
    from . import access

    already = Placement.objects.filter(
        offer=offer, participant=OuterRef("pk"), status__in=Placement.OPEN
    )
    return (
        access.proposable_participants(user)
        .exclude(Exists(already))
        .order_by("first_name", "last_name", "pk")
    )


def feedback_given(*, placement: Placement, side: str) -> PlacementFeedback | None:
    """The feedback of one side on a placement the caller resolved through access.py."""
    return PlacementFeedback.objects.filter(placement=placement, side=side).first()


def has_second_factor(user: User) -> bool:
    """Has `user` set up TOTP or a passkey (the portal suggests one until they have)?"""
    from allauth.mfa.models import Authenticator

    types = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    has_factor: bool = Authenticator.objects.filter(user=user, type__in=types).exists()
    return has_factor

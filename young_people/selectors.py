"""What the young person's pages show: always of their own record (the view passes it from
access.own_participant), and only the parts meant for them (SECURITY 35)."""

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from companies.models import Placement
from participants.models import ActionPlan, Consent, Goal, Participant, Step

from .appointments import upcoming as upcoming_appointments
from .models import YouthInvitation


@dataclass
class HomeItem:
    kind: str  # "step", "placement", "answer"
    title: str
    date: datetime.date | None
    url_name: str


def plans(participant: Participant) -> list[ActionPlan]:
    """Their action plans with goals and steps (three queries, whatever their number)."""
    steps = Step.objects.order_by("due_on", "pk")
    goals = Goal.objects.order_by("due_on", "pk").prefetch_related(Prefetch("steps", steps))
    return list(
        ActionPlan.objects.filter(participant=participant)
        .order_by("-starts_on", "pk")
        .prefetch_related(Prefetch("goals", goals))
    )


def placements(participant: Participant) -> list[Placement]:
    return list(
        Placement.objects.filter(participant=participant)
        .select_related("offer__company")
        .order_by("-created_at")
    )


CHECKLIST = (
    ("health_insurance_card", _("Health card (EHIC)")),
    ("tax_card", _("Tax card or tax number")),
    ("accident_insurance", _("Accident insurance")),
    ("travel_arranged", _("How you get there")),
)


def placement_cards(participant: Participant) -> list[dict[str, Any]]:
    """Their placements and proposals: where, when, whom to ask, the map link, the cross-border
    checklist, what the company sees of them and the company's answer."""
    rows = list(
        Placement.objects.filter(participant=participant)
        .select_related("offer__company")
        .prefetch_related("shared_goals", "shared_activities")
        .order_by("-created_at")
    )
    languages = list(participant.language_skills.order_by("language", "-assessed_on"))
    cards = []
    for placement in rows:
        offer, company = placement.offer, placement.offer.company
        address = ", ".join(
            part for part in (company.street, f"{company.postcode} {company.city}".strip()) if part
        )
        where = offer.place or address
        cards.append(
            {
                "placement": placement,
                "offer": offer,
                "company": company,
                "where": where,
                "map_url": "https://www.openstreetmap.org/search?" + urlencode({"query": where})
                if where
                else "",
                "start": placement.start_date or offer.start_date,
                "end": placement.end_date or offer.end_date,
                "checklist": [
                    {"label": label, "done": getattr(placement, field)}
                    for field, label in CHECKLIST
                ]
                if placement.cross_border
                else [],
                "company_sees": {
                    "first_name": participant.first_name,
                    "languages": languages,
                    "goals": list(placement.shared_goals.all()),
                    "activities": list(placement.shared_activities.all()),
                    "cv": placement.shared_cv_id is not None,
                },
            }
        )
    return cards


# The purposes in plain words for a reader of 16 (the staff pages keep the formal names).
PLAIN_PURPOSE: dict[str, str | Promise] = {
    Consent.Purpose.PARTICIPATION: _("You take part in JUMP"),
    Consent.Purpose.SHARE_WITH_COMPANIES: _("Firms may see your name and skills"),
    Consent.Purpose.PHOTOS: _("Photos of you"),
    Consent.Purpose.FUNDER_REPORTING: _("Your data in counts for the EU"),
    Consent.Purpose.SPECIAL_CATEGORY: _("What your coach writes about your health or a disability"),
}


def consents(participant: Participant) -> list[dict[str, Any]]:
    """Per purpose: is it given now, and the ledger rows (newest first)."""
    rows = list(Consent.objects.filter(participant=participant).order_by("-recorded_at", "-pk"))
    result = []
    for purpose, label in Consent.Purpose.choices:
        history = [row for row in rows if row.purpose == purpose]
        result.append(
            {
                "purpose": purpose,
                "label": PLAIN_PURPOSE.get(purpose, label),
                "given": bool(history) and history[0].given,
                "history": history,
            }
        )
    return result


def home_items(participant: Participant, limit: int = 3) -> list[HomeItem]:
    """The next three things: a due step, a placement date, a company's answer."""
    today = timezone.localdate()
    items: list[HomeItem] = []
    for step in Step.objects.filter(
        goal__plan__participant=participant, done_on__isnull=True
    ).order_by("due_on", "pk")[:limit]:
        items.append(HomeItem("step", step.title, step.due_on, "young_people:plan"))
    for placement in placements(participant):
        if placement.status in (Placement.Status.ACCEPTED, Placement.Status.DECLINED):
            date = placement.decided_at.date() if placement.decided_at else None
            items.append(
                HomeItem("answer", placement.offer.company.name, date, "young_people:placements")
            )
        start = placement.start_date or placement.offer.start_date
        taking = placement.status in (Placement.Status.ACCEPTED, Placement.Status.ACTIVE)
        if taking and start and start >= today:
            items.append(
                HomeItem(
                    "placement", placement.offer.company.name, start, "young_people:placements"
                )
            )
    items.sort(key=lambda item: (item.date is None, item.date or today))
    chosen = items[:limit]
    # The next appointment always has its place (an activity they are registered for; the
    # placement dates are above).
    nxt = next((a for a in upcoming_appointments(participant) if a.kind == "activity"), None)
    if nxt is not None:
        item = HomeItem("appointment", nxt.title, nxt.starts, "young_people:appointments")
        chosen = [*items[: limit - 1], item] if len(items) >= limit else [*items, item]
        chosen.sort(key=lambda item: (item.date is None, item.date or today))
    return chosen


def recent_invitations(participant: Participant, limit: int = 5) -> list[YouthInvitation]:
    """The latest invitations to the young person's own door (the coach's access page, which
    is reached through participants.access.get_participant_for_user)."""
    return list(
        YouthInvitation.objects.filter(participant=participant).order_by("-created_at")[:limit]
    )

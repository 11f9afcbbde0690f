"""What the young person's pages show: always of their own record (the view passes it from
access.own_participant), and only the parts meant for them (SECURITY 35)."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import Placement
from participants.models import ActionPlan, Consent, Goal, Participant, Step


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


# The purposes in plain words for a reader of 16 (the staff pages keep the formal names).
PLAIN_PURPOSE = {
    Consent.Purpose.PARTICIPATION: _("You take part in JUMP"),
    Consent.Purpose.SHARE_WITH_COMPANIES: _("Firms may see your name and skills"),
    Consent.Purpose.PHOTOS: _("Photos of you"),
    Consent.Purpose.FUNDER_REPORTING: _("Your data in counts for the EU"),
}


def consents(participant: Participant) -> list[dict]:
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
                HomeItem("answer", placement.offer.company.name, date, "young_people:home")
            )
        start = placement.start_date or placement.offer.start_date
        taking = placement.status in (Placement.Status.ACCEPTED, Placement.Status.ACTIVE)
        if taking and start and start >= today:
            items.append(
                HomeItem("placement", placement.offer.company.name, start, "young_people:home")
            )
    items.sort(key=lambda item: (item.date is None, item.date or today))
    return items[:limit]

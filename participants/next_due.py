"""The caseload's sort key `Participant.next_due_on`, kept by the services (issue 20).

`next_due_on` is the earliest due date among the participant's open steps (not done, through
goal and plan) and open follow-ups (a case note's follow-up date, not done), NULL when nothing
is open. Every service that writes a step, goal, plan or case note — or moves or erases
participants — calls `recompute_next_due` for the participants it touched, inside its
transaction; it is one UPDATE statement whatever the number of ids.
"""

from collections.abc import Iterable

from django.db.models import DateField, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce, Least

from .models import Contact, Participant, Step


def next_due_expression() -> Coalesce:
    """The earliest open due date of the participant `OuterRef("pk")`, from the source tables:
    LEAST of the two MINs where both exist, else the one that exists, else NULL (LEAST is NULL
    with a NULL argument on SQLite, so the COALESCE around it)."""
    step = Subquery(
        Step.objects.filter(goal__plan__participant=OuterRef("pk"), done_on__isnull=True)
        .order_by()
        .values("goal__plan__participant")
        .annotate(first=Min("due_on"))
        .values("first")[:1],
        output_field=DateField(),
    )
    follow_up = Subquery(
        Contact.objects.filter(
            participant=OuterRef("pk"),
            follow_up_on__isnull=False,
            follow_up_done_on__isnull=True,
        )
        .order_by()
        .values("participant")
        .annotate(first=Min("follow_up_on"))
        .values("first")[:1],
        output_field=DateField(),
    )
    return Coalesce(Least(step, follow_up), step, follow_up, output_field=DateField())


def recompute_next_due(participant_ids: Iterable[int] | None) -> int:
    """Set `next_due_on` of the given participants (all of them with None) from the source
    tables, in one UPDATE; returns the number of rows updated."""
    participants = Participant.objects.all()
    if participant_ids is not None:
        ids = sorted({pk for pk in participant_ids if pk is not None})
        if not ids:
            return 0
        participants = participants.filter(pk__in=ids)
    return participants.update(next_due_on=next_due_expression())

"""What a young person shows a company for one placement: goals, activities, the CV.

The coach chooses, with the young person, from what is theirs: goals of their action plans,
activities they attended, a CV among their documents. The company sees the choice only while the
share_with_companies consent is current (SECURITY 9, 10) — the consent is checked again here
and on every read, never copied.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from jump.accounts.models import User
from participants.models import Activity, Attendance, Document, Goal, Participant

from .. import access
from ..models import Placement

# Sharing can still change while the company works with the young person.
SHARING_OPEN = Placement.OPEN


def shareable_goals(participant: Participant) -> QuerySet[Goal]:
    return (
        Goal.objects.filter(plan__participant=participant)
        .select_related("plan")
        .order_by("plan__starts_on", "created_at", "pk")
    )


def shareable_activities(participant: Participant) -> QuerySet[Activity]:
    """Activities the young person attended (not those they missed)."""
    return Activity.objects.filter(
        attendances__participant=participant,
        attendances__status=Attendance.Status.ATTENDED,
    ).order_by("-date", "title", "pk")


def shareable_cvs(participant: Participant) -> QuerySet[Document]:
    return Document.objects.filter(participant=participant, kind=Document.Kind.CV)


@transaction.atomic
def placement_set_sharing(
    *,
    actor: User,
    placement: Placement,
    goals: Iterable[Goal] = (),
    activities: Iterable[Activity] = (),
    cv: Document | None = None,
) -> Placement:
    """Replace what the company of `placement` may see beyond first name and languages."""
    if not access.can_edit_sharing(actor, placement):
        raise PermissionDenied
    placement = (
        Placement.objects.visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("participant")
        .get(pk=placement.pk)
    )
    if placement.status not in SHARING_OPEN:
        raise ValidationError(
            _("What the company sees can only be changed while the placement is open."),
            code="sharing_closed",
        )
    participant = placement.participant
    if not access.proposable_participants(actor).filter(pk=participant.pk).exists():
        raise ValidationError(
            _(
                "The young person has not consented to sharing their data with companies, so "
                "nothing can be shared."
            ),
            code="no_consent",
        )
    goals, activities = list(goals), list(activities)
    errors = {}
    allowed_goals = set(shareable_goals(participant).values_list("pk", flat=True))
    if any(goal.pk not in allowed_goals for goal in goals):
        errors["goals"] = _("Choose goals of this young person's action plans.")
    allowed_activities = set(shareable_activities(participant).values_list("pk", flat=True))
    if any(activity.pk not in allowed_activities for activity in activities):
        errors["activities"] = _("Choose activities this young person attended.")
    if cv is not None and not shareable_cvs(participant).filter(pk=cv.pk).exists():
        errors["cv"] = _("Choose a CV of this young person.")
    if errors:
        raise ValidationError(errors, code="not_theirs")
    placement.shared_goals.set(goals)
    placement.shared_activities.set(activities)
    placement.shared_cv = cv
    placement.save(update_fields=["shared_cv", "updated_at"])
    return placement

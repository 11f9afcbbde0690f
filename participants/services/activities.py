"""Writes about activities and attendance."""

from collections.abc import Iterable
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jump.accounts.models import User

from .. import access
from ..models import Activity, ActivityRegistration, Attendance, Participant

ACTIVITY_FIELDS = (
    "kind",
    "title",
    "description",
    "date",
    "hours",
    "country",
    "cross_border",
    "capacity",
)


def activity_create(*, actor: User, **fields: Any) -> Activity:
    """A coach's activity; it belongs to the coach's partner."""
    if not access.may_create_activity(actor):
        raise PermissionDenied
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    # may_create_activity: a coach of a partner.
    activity = Activity(**fields, partner_id=cast(int, actor.partner_id), created_by=actor)
    activity.full_clean()
    with transaction.atomic():
        activity.save()
    return activity


def activity_update(*, actor: User, activity: Activity, **fields: Any) -> Activity:
    """Change an activity: its partner's coaches and admins."""
    if not access.may_change_activity(actor, activity):
        raise PermissionDenied
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.full_clean()
    with transaction.atomic():
        Activity.objects.select_for_update().filter(pk=activity.pk).first()
        registered = activity.registrations.count()
        if activity.capacity is not None and activity.capacity < registered:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(count)s young people are registered already: remove some first."
                    )
                    % {"count": registered}
                }
            )
        activity.save()
    return activity


def _changeable_participants(actor: User, participants: Iterable[Participant]) -> set[int]:
    """The pks among `participants` the actor may change (own partner or shared; admins all)."""
    queryset = Participant.objects.case_visible_to(actor).filter(
        pk__in=[p.pk for p in participants], erased_at__isnull=True
    )
    return {p.pk for p in queryset if access.may_change_participant(actor, p)}


def activity_registration_add(
    *, actor: User, activity: Activity, participants: list[Participant]
) -> int:
    """Put young people on the planned list of an upcoming activity (issue 18). Coaches and
    admins, for the participants they may change; a person who left the programme and a full
    activity are refused with a message, nothing written. Returns the number added."""
    if not access.may_register_attendance(actor):
        raise PermissionDenied
    if not participants:
        raise ValidationError(_("Choose at least one young person."))
    if activity.date < timezone.localdate():
        raise ValidationError(_("The activity is over: record the attendance instead."))
    if set(_changeable_participants(actor, participants)) != {p.pk for p in participants}:
        raise PermissionDenied
    gone = [p for p in participants if p.has_left]
    if gone:
        raise ValidationError(
            _("%(names)s left the programme and cannot be registered.")
            % {"names": ", ".join(str(p) for p in gone)}
        )
    with transaction.atomic():
        # The activity row is the lock: two coaches filling the last places wait for each other.
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        already = set(
            ActivityRegistration.objects.filter(activity=locked).values_list(
                "participant_id", flat=True
            )
        )
        new = [p for p in participants if p.pk not in already]
        if locked.capacity is not None and len(already) + len(new) > locked.capacity:
            raise ValidationError(
                _(
                    "The activity is full: %(capacity)s places, %(taken)s taken. "
                    "Nobody was registered."
                )
                % {"capacity": locked.capacity, "taken": len(already)}
            )
        ActivityRegistration.objects.bulk_create(
            [ActivityRegistration(activity=locked, participant=p, registered_by=actor) for p in new]
        )
    return len(new)


def activity_registration_remove(
    *, actor: User, activity: Activity, participant: Participant
) -> None:
    """Take a young person off the planned list (coaches and admins who may change them)."""
    if not access.may_register_attendance(actor):
        raise PermissionDenied
    if participant.pk not in _changeable_participants(actor, [participant]):
        raise PermissionDenied
    with transaction.atomic():
        deleted, _rows = ActivityRegistration.objects.filter(
            activity=activity, participant=participant
        ).delete()
    if not deleted:
        raise ValidationError(_("This young person is not on the list."))


def attendance_register(
    *, actor: User, activity: Activity, statuses: dict[Participant, str | None]
) -> int:
    """Set the attendance of many participants at once; None removes a registration.

    Every participant must be one the actor may change (the caller resolves them through
    selectors.attendance_candidates); attendance is registered from the day of the activity on.
    Returns the number of rows written or removed. All or nothing.
    """
    if not access.may_register_attendance(actor):
        raise PermissionDenied
    if activity.date > timezone.localdate() and any(statuses.values()):
        raise ValidationError(_("Attendance can be registered from the day of the activity on."))
    allowed = set(
        Participant.objects.case_visible_to(actor)
        .filter(pk__in=[p.pk for p in statuses])
        .values_list("pk", flat=True)
    )
    if any(p.pk not in allowed for p in statuses):
        raise PermissionDenied
    changed = 0
    with transaction.atomic():
        existing = {
            a.participant_id: a
            for a in Attendance.objects.select_for_update().filter(
                activity=activity, participant__in=list(statuses)
            )
        }
        for participant, status in statuses.items():
            row = existing.get(participant.pk)
            if status is None:
                if row is not None:
                    row.delete()
                    changed += 1
                continue
            if status not in Attendance.Status.values:
                raise ValidationError(_("Choose attended, absent or excused."))
            if row is None:
                Attendance.objects.create(
                    activity=activity, participant=participant, status=status, recorded_by=actor
                )
                changed += 1
            elif row.status != status:
                row.status, row.recorded_by = status, actor
                row.save(update_fields=["status", "recorded_by", "updated_at"])
                changed += 1
    return changed


def attendance_add_from_list(
    *, actor: User, activity: Activity, statuses: dict[Participant, str]
) -> int:
    """A programme manager's attendance list for an activity of any partner (issue 11): new
    registrations only, for participants of the activity's partner (the caller resolves them
    through selectors.attendance_list_candidates). An attendance already registered is never
    changed: it refuses the whole list. Returns the number of rows written. All or nothing.
    """
    if not access.may_import_attendance_for_any_partner(actor):
        raise PermissionDenied
    if activity.date > timezone.localdate():
        raise ValidationError(_("Attendance can be registered from the day of the activity on."))
    if any(status not in Attendance.Status.values for status in statuses.values()):
        raise ValidationError(_("Choose attended, absent or excused."))
    allowed = set(
        Participant.objects.case_visible_to(actor)
        .filter(
            pk__in=[p.pk for p in statuses],
            partner_id=activity.partner_id,
            erased_at__isnull=True,
        )
        .values_list("pk", flat=True)
    )
    if any(p.pk not in allowed for p in statuses):
        raise PermissionDenied
    with transaction.atomic():
        if (
            Attendance.objects.select_for_update()
            .filter(activity=activity, participant__in=list(statuses))
            .exists()
        ):
            raise ValidationError(
                _(
                    "Attendance is already registered for some of these participants — only "
                    "coaches and admins change it."
                )
            )
        Attendance.objects.bulk_create(
            [
                Attendance(
                    activity=activity, participant=participant, status=status, recorded_by=actor
                )
                for participant, status in statuses.items()
            ]
        )
    return len(statuses)

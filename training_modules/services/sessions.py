"""Sessions and their places: planning, enrolment, the waiting list, attendance, completion.

Enrolment, cancellation, attendance and capacity changes lock the session row
(`select_for_update`) before they count places, so two people acting at once are served one
after the other: nobody takes a place twice, nobody is promoted twice, capacity is never exceeded.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jump.accounts.models import User

from .. import access
from ..models import (
    LEARNER_ROLES,
    MANAGER_ROLES,
    Attendance,
    Enrolment,
    Module,
    Session,
)
from ._base import assign
from .certificates import certificate_issue

SESSION_FIELDS = frozenset(
    {"starts_at", "ends_at", "place", "country", "language", "capacity", "enrolment_deadline"}
) | {"status"}


def _lock_session(session: Session) -> Session:
    # Only the session row: `of=("self",)` keeps the module row free for other writers.
    return (
        Session.objects.select_for_update(of=("self",)).select_related("module").get(pk=session.pk)
    )


def _check_trainers(trainers: Iterable[User]) -> list[User]:
    trainers = list(trainers)
    not_trainers = [user for user in trainers if not user.is_active or not user.is_trainer]
    if not_trainers:
        raise ValidationError(
            {"trainers": _("%(name)s is not a trainer.") % {"name": not_trainers[0]}}
        )
    return trainers


def session_create(
    *, actor: User, module: Module, data: Mapping[str, Any], trainers: Iterable[User]
) -> Session:
    """Plan a session of a module. A trainer who is not a manager always trains what they plan
    (otherwise they could not change it afterwards)."""
    access.require_editor(actor)
    trainers = _check_trainers(trainers)
    if not access.is_manager(actor) and actor not in trainers:
        trainers.append(actor)
    session = Session(module=module)
    assign(session, data, SESSION_FIELDS)
    session.full_clean()
    with transaction.atomic():
        session.save()
        session.trainers.set(trainers)
    return session


def session_update(
    *,
    actor: User,
    session: Session,
    data: Mapping[str, Any],
    trainers: Iterable[User],
) -> Session:
    """Change a session. Capacity below the places already taken is refused; more capacity
    promotes people from the waiting list."""
    if not access.can_change_session(actor, session):
        raise PermissionDenied
    trainers = _check_trainers(trainers)
    with transaction.atomic():
        locked = _lock_session(session)
        assign(locked, data, SESSION_FIELDS)
        locked.full_clean()
        taken = locked.enrolments.holding_place().count()
        if locked.capacity < taken:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(taken)s people already hold a place; the capacity cannot be lower."
                    )
                    % {"taken": taken}
                }
            )
        locked.save()
        locked.trainers.set(trainers)
        _fill_free_places(locked)
    return locked


def _check_session_open(session: Session) -> None:
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session has been cancelled."))
    if session.module.status != Module.Status.PUBLISHED:
        raise ValidationError(_("This module is not open for enrolment."))
    if session.status == Session.Status.HELD or session.has_started:
        raise ValidationError(_("This session has already started."))
    if timezone.now() > session.enrolment_deadline:
        raise ValidationError(_("The enrolment deadline for this session has passed."))


def enrolment_create(*, actor: User, session: Session, person: User | None = None) -> Enrolment:
    """Enrol `person` (default: the actor) in a session: a free place → enrolled, otherwise the
    waiting list. Only managers and admins enrol someone else. Locks the session row."""
    person = person or actor
    if person.pk != actor.pk:
        access.require_manager(actor)
    elif not access.can_train(actor):
        raise PermissionDenied
    if not person.is_active or not person.has_role(*LEARNER_ROLES, *MANAGER_ROLES):
        raise ValidationError(_("%(name)s cannot take part in training.") % {"name": person})
    already = (
        _("You are already enrolled in this session.")
        if person.pk == actor.pk
        else _("%(name)s is already enrolled in this session.") % {"name": person}
    )
    try:
        with transaction.atomic():
            locked = _lock_session(session)
            _check_session_open(locked)
            if locked.enrolments.active().filter(person=person).exists():
                raise ValidationError(already)
            taken = locked.enrolments.holding_place().count()
            queue = locked.enrolments.waitlisted().exists()
            free = taken < locked.capacity and not queue
            enrolment = Enrolment(
                session=locked,
                person=person,
                enrolled_by=actor,
                status=Enrolment.Status.ENROLLED if free else Enrolment.Status.WAITLISTED,
            )
            enrolment.save()
    except IntegrityError as exc:
        # The conditional unique constraint caught a duplicate the check above could not see.
        raise ValidationError(already) from exc
    return enrolment


def enrolment_cancel(*, actor: User, enrolment: Enrolment) -> Enrolment:
    """Cancel an enrolment (its person, managers, admins) before the session starts; a freed
    place goes to the first on the waiting list, in the same transaction."""
    if enrolment.person_id != actor.pk and not access.is_manager(actor):
        raise PermissionDenied
    with transaction.atomic():
        session = _lock_session(enrolment.session)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status == Enrolment.Status.CANCELLED:
            raise ValidationError(_("This enrolment is already cancelled."))
        if enrolment.status not in (Enrolment.Status.ENROLLED, Enrolment.Status.WAITLISTED):
            raise ValidationError(_("An enrolment can no longer be cancelled after the session."))
        if session.has_started:
            raise ValidationError(_("This session has already started."))
        enrolment.status = Enrolment.Status.CANCELLED
        enrolment.cancelled_at = timezone.now()
        enrolment.save(update_fields=["status", "cancelled_at", "updated_at"])
        _fill_free_places(session)
    return enrolment


def _first_waitlisted(session: Session) -> Enrolment | None:
    return session.enrolments.waitlisted().select_related("person").first()


def _fill_free_places(session: Session) -> list[Enrolment]:
    """Promote from the waiting list while places are free. The caller holds the session lock."""
    if session.status != Session.Status.PLANNED or session.has_started:
        return []
    promoted = []
    free = session.capacity - session.enrolments.holding_place().count()
    while free > 0:
        enrolment = _first_waitlisted(session)
        if enrolment is None:
            break
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.save(update_fields=["status", "updated_at"])
        _on_promoted(enrolment)
        promoted.append(enrolment)
        free -= 1
    return promoted


def _on_promoted(enrolment: Enrolment) -> None:
    """A place was freed for this person: in-app, and by e-mail after commit (notifications)."""
    from jump.notifications.models import Kind
    from jump.notifications.services import notify_event

    notify_event(recipient=enrolment.person, kind=Kind.WAITLIST_PROMOTED, obj=enrolment)


def _write_attendance(
    actor: User,
    roster: list[Enrolment],
    days: list[datetime.date],
    present: set[tuple[int, Any]],
) -> None:
    """One attendance row per roster × day, present as marked (rows only written when new or
    changed)."""
    existing = {
        (row.enrolment_id, row.day): row
        for row in Attendance.objects.filter(enrolment__in=roster, day__in=days)
    }
    new_rows, changed_rows = [], []
    for enrolment in roster:
        for day in days:
            mark = (enrolment.pk, day) in present
            row = existing.get((enrolment.pk, day))
            if row is None:
                new_rows.append(
                    Attendance(enrolment=enrolment, day=day, present=mark, recorded_by=actor)
                )
            elif row.present != mark:
                row.present, row.recorded_by = mark, actor
                changed_rows.append(row)
    Attendance.objects.bulk_create(new_rows)
    Attendance.objects.bulk_update(changed_rows, ["present", "recorded_by", "updated_at"])


def _set_roster_statuses(session: Session, roster: list[Enrolment], attended_ids: set[int]) -> None:
    """Attended (present on a day), no-show (never present, session over) or enrolled; a
    completed enrolment stays completed."""
    changed = []
    for enrolment in roster:
        if enrolment.status == Enrolment.Status.COMPLETED:
            continue
        if enrolment.pk in attended_ids:
            status = Enrolment.Status.ATTENDED
        elif session.has_ended:
            status = Enrolment.Status.NO_SHOW
        else:
            status = Enrolment.Status.ENROLLED
        if enrolment.status != status:
            enrolment.status = status
            changed.append(enrolment)
    Enrolment.objects.bulk_update(changed, ["status", "updated_at"])


def attendance_record(
    *, actor: User, session: Session, present: Iterable[tuple[int, Any]]
) -> list[Enrolment]:
    """The trainer's attendance page: `present` holds (enrolment id, day) for everyone who was
    there; every other roster × past day is absent. Sets each enrolment to attended (present on
    a day), no-show (never present, session over) or back to enrolled."""
    if not access.can_edit(actor) or not (
        Session.objects.attendance_visible_to(actor).filter(pk=session.pk).exists()
    ):
        raise PermissionDenied
    present = set(present)
    with transaction.atomic():
        session = _lock_session(session)
        if session.status == Session.Status.CANCELLED:
            raise ValidationError(_("This session has been cancelled."))
        if not session.attendance_open:
            raise ValidationError(_("Attendance can be marked from the first day of the session."))
        today = timezone.localdate()
        days = [day for day in session.days if day <= today]
        if any(day not in days for _id, day in present):
            raise ValidationError(_("Attendance can only be marked for days that have begun."))
        roster = list(session.enrolments.filter(status__in=Enrolment.ON_ROSTER).select_for_update())
        roster_ids = {enrolment.pk for enrolment in roster}
        if any(enrolment_id not in roster_ids for enrolment_id, _day in present):
            raise ValidationError(_("Attendance can only be marked for people with a place."))
        _write_attendance(actor, roster, days, present)
        attended_ids = {enrolment_id for enrolment_id, _day in present}
        _set_roster_statuses(session, roster, attended_ids)
        if attended_ids and session.status == Session.Status.PLANNED:
            session.status = Session.Status.HELD
            session.save(update_fields=["status", "updated_at"])
    return roster


def enrolment_complete(
    *, actor: User, enrolment: Enrolment, attendance_confirmed: bool = False
) -> Enrolment:
    """Mark an attended enrolment completed (the session's trainers, managers, admins) and issue
    its certificate. Present on fewer days than the session has: refused (code
    "partial_attendance") unless the actor confirmed it with `attendance_confirmed`."""
    if not access.can_edit(actor) or not (
        Session.objects.attendance_visible_to(actor).filter(pk=enrolment.session_id).exists()
    ):
        raise PermissionDenied
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("session__module", "person")
            .get(pk=enrolment.pk)
        )
        if enrolment.status == Enrolment.Status.COMPLETED:
            raise ValidationError(_("This enrolment is already completed."))
        if enrolment.status != Enrolment.Status.ATTENDED:
            raise ValidationError(_("Only a person who attended the session can complete it."))
        days = enrolment.session.days
        present = enrolment.attendance.filter(present=True, day__in=days).count()
        if present < len(days) and not attendance_confirmed:
            raise ValidationError(
                ngettext(
                    "%(name)s was there on %(present)s of the session's %(days)s day. Confirm "
                    "to complete the module anyway.",
                    "%(name)s was there on %(present)s of the session's %(days)s days. Confirm "
                    "to complete the module anyway.",
                    len(days),
                )
                % {"name": enrolment.person, "present": present, "days": len(days)},
                code="partial_attendance",
            )
        enrolment.status = Enrolment.Status.COMPLETED
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["status", "completed_at", "updated_at"])
        certificate_issue(actor=actor, enrolment=enrolment)
    return enrolment

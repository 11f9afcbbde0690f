"""Who may open and change what on the participants pages (docs/architecture.md: who may see what).

Every lookup of the app goes through here: invisible → Http404 (never a 403 that would leak the
existence of another partner's participant), visible but not allowed → PermissionDenied.
The participants pages are for case workers: coaches (own partner + shared with them), programme
managers (everything, read only) and administrators. Everybody else gets 404 on every
participants URL; company contacts see participants only through the companies portal.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, Literal, TypeGuard
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from jump.accounts.models import AnyUser, User
from jump.accounts.roles import MANAGER_ROLES, Role, is_partner_coach

from .models import (
    ActionPlan,
    Activity,
    Assessment,
    Contact,
    Document,
    Goal,
    LanguageSkill,
    Participant,
    Step,
)

Need = Literal["view", "change"]


def is_case_worker(user: AnyUser | None) -> TypeGuard[User]:
    """Coach, programme manager or admin: may use the participants pages at all."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_role("coach", "programme_manager", "admin")
    )


def case_worker_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Outermost decorator of every participants view: anyone else gets 404, whatever the URL."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_case_worker(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _has_active_share(user: User, participant: Participant) -> bool:
    return participant.shares.filter(coach=user, revoked_at__isnull=True).exists()


def get_participant_for_user(
    user: AnyUser | None, public_id: UUID | str, need: Need = "view"
) -> Participant:
    """The participant with this public id if `user` may see its case file (else 404).

    need="change": only coaches of the case and admins (programme managers → 403).
    """
    if not is_case_worker(user):
        raise Http404
    participant = get_object_or_404(
        Participant.objects.case_visible_to(user).select_related("partner", "coach"),
        public_id=public_id,
    )
    if need == "change" and not may_change_participant(user, participant):
        raise PermissionDenied
    return participant


def may_change_participant(user: User, participant: Participant) -> bool:
    """May `user` change this case? Assumes `participant` came from get_participant_for_user.

    Coaches of the participant's partner, coaches it is shared with, and admins change;
    programme managers only read.
    """
    if user.has_role("admin"):
        return True
    if not is_partner_coach(user):
        return False
    # A coach who is also a programme manager sees everything, but changes only own cases.
    return participant.partner_id == user.partner_id or _has_active_share(user, participant)


def is_own_record(user: AnyUser | None, participant: Participant) -> bool:
    """Is `participant` the record of this young person's own login (issue 18)?"""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_role(Role.YOUNG_PERSON)
        and participant.user_id == user.pk
        and participant.erased_at is None
    )


def may_upload_document(user: User, participant: Participant) -> bool:
    """Those who change the case, and the young person to their own record (their own pages)."""
    return may_change_participant(user, participant) or is_own_record(user, participant)


def may_change_contact(user: User, contact: Contact) -> bool:
    """A case note is changed by its author (or an admin) among those who may change the case."""
    return may_change_participant(user, contact.participant) and (
        user.has_role("admin") or contact.author_id == user.pk
    )


def may_manage_shares(user: User, participant: Participant) -> bool:
    """Only the participant's own partner's coaches and admins share or revoke co-coaching."""
    if user.has_role("admin"):
        return True
    return user.has_role("coach") and participant.partner_id == user.partner_id


def may_revoke_share(user: User, participant: Participant, coach: User) -> bool:
    """The participant's own partner ends a share; a co-coach may also hand the case back."""
    return may_manage_shares(user, participant) or coach.pk == user.pk


# Child objects: (model, path from the child to its participant).
_CHILD_PATHS = {
    LanguageSkill: "participant",
    Assessment: "participant",
    ActionPlan: "participant",
    Goal: "plan__participant",
    Step: "goal__plan__participant",
    Contact: "participant",
    Document: "participant",
}


def get_child_for_user(
    user: AnyUser | None,
    participant_public_id: UUID | str,
    model: type[Any],  # one of _CHILD_PATHS
    public_id: UUID | str,
    need: Need = "view",
) -> tuple[Participant, Any]:
    """(participant, child) if the participant is visible to `user` and the child belongs to it.

    Invisible participant or a child of another participant → 404; need="change" as above.
    """
    participant = get_participant_for_user(user, participant_public_id, need=need)
    path = _CHILD_PATHS[model]
    queryset = model.objects.all()
    if model is Step:
        queryset = queryset.select_related("goal__plan")
    elif model is Goal:
        queryset = queryset.select_related("plan")
    child = get_object_or_404(queryset, **{path: participant, "public_id": public_id})
    if path == "participant":
        child.participant = participant  # the services ask about it again: no second query
    return participant, child


def get_contact_for_user(
    user: User,
    participant_public_id: UUID | str,
    public_id: UUID | str,
    need: Need = "view",
) -> tuple[Participant, Contact]:
    """A case note; changing one is for its author (or an admin) among those who may change."""
    participant, contact = get_child_for_user(
        user, participant_public_id, Contact, public_id, need=need
    )
    if need == "change" and not may_change_contact(user, contact):
        raise PermissionDenied
    return participant, contact


# --- activities -------------------------------------------------------------------------------
# An activity itself is a programme event, not personal data: every case worker may see the list
# and an activity's page. Who attended is personal data and is shown (and registered) only for
# the participants the user may see (Participant.objects.case_visible_to).


def get_activity_for_user(
    user: AnyUser | None, public_id: UUID | str, need: Need = "view"
) -> Activity:
    """An activity; need="change" (edit details) only for its partner's coaches and admins."""
    if not is_case_worker(user):
        raise Http404
    activity = get_object_or_404(
        Activity.objects.select_related("partner", "created_by"), public_id=public_id
    )
    if need == "change" and not may_change_activity(user, activity):
        raise PermissionDenied
    return activity


def may_change_activity(user: User, activity: Activity) -> bool:
    if user.has_role("admin"):
        return True
    return user.has_role("coach") and activity.partner_id == user.partner_id


def may_register_attendance(user: User) -> bool:
    """Coaches register attendance of the participants they work with; admins too."""
    return user.has_role("coach", "admin")


def may_import_attendance_for_any_partner(user: User) -> bool:
    """Attendance lists (the spreadsheet import, services.attendance_add_from_list) may also be
    brought in by programme managers, for an activity of any partner (issue 11): only for the
    participants of the activity's partner, and only adding (docs/architecture.md has managers
    only read: an attendance already registered is never changed by them). Coaches and admins
    register attendance as always (may_register_attendance)."""
    return user.has_role("programme_manager")


def sees_every_case(user: AnyUser) -> bool:
    """Programme managers and admins see every participant's case (the rest of
    `Participant.objects.case_visible_to`): one scope for the caseload's cached choices and
    counts, which a coach's own scope must never share."""
    return bool(user.is_authenticated and user.has_role(*MANAGER_ROLES))


def may_create_participant(user: User) -> bool:
    """Intake is for coaches of a partner (the new participant belongs to that partner)."""
    return is_partner_coach(user)


def may_create_activity(user: User) -> bool:
    """An activity belongs to its coach's partner: coaches of a partner create them."""
    return is_partner_coach(user)


def creates_for_own_partner(user: User, partner_id: int | None) -> bool:
    """A coach bringing participants into their own partner (intake rules, the coach's rows)."""
    return may_create_participant(user) and user.partner_id == partner_id


def may_create_participants_for_any_partner(user: User) -> bool:
    """Lists of participants (the spreadsheet import, participants_create_bulk) may also be
    brought in by programme managers and admins, into a partner they choose (issue 11).
    Intake one by one stays a coach's (may_create_participant)."""
    return user.has_role(*MANAGER_ROLES)

"""Who may see and do what on the young people's pages (SECURITY 35) — the one predicate set of
the role `young_person`, and the coach's side of it (invite, end access).

A young person sees their own participant record and, of it, only the parts meant for them:
their plan, appointments, placements, CV, consents and the documents shared with them. Never
case notes, staff assessments, support needs or other young people. Anything else is a 404.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeGuard

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from jump.accounts.models import AnyUser, User
from jump.accounts.roles import Role
from participants import access as participants_access
from participants.models import Participant


def is_young_person(user: AnyUser | None) -> TypeGuard[User]:
    """An active user with the young-person role."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_role(Role.YOUNG_PERSON)
    )


def has_own_record(user: AnyUser | None) -> bool:
    """A young person whose login is linked to a participant record: their pages answer (the
    navigation shows them exactly then)."""
    return (
        is_young_person(user)
        and Participant.objects.filter(user=user, erased_at__isnull=True).exists()
    )


def own_participant(user: AnyUser | None) -> Participant:
    """The participant record of a young person's login, else 404 (also for every other role)."""
    if not is_young_person(user):
        raise Http404
    participant = (
        Participant.objects.select_related("partner", "coach")
        .filter(user=user, erased_at__isnull=True)
        .first()
    )
    if participant is None:
        raise Http404
    return participant


def young_person_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Outermost decorator of every young-person page: passes the own participant to the view."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        participant = own_participant(request.user)
        return view(request, participant, *args, **kwargs)

    return wrapper


def is_own(user: AnyUser | None, participant: Participant) -> bool:
    """Is `participant` the young person's own record?"""
    return is_young_person(user) and participant.user_id == user.pk


def may_manage_access(actor: AnyUser | None, participant: Participant) -> bool:
    """Invite a young person, end their access, share an item with them: the coaches who may
    change the case (own partner, or shared with them) and admins."""
    return bool(
        actor is not None
        and actor.is_authenticated
        and actor.has_role(Role.COACH, Role.ADMIN)
        and participants_access.is_case_worker(actor)
        and Participant.objects.case_visible_to(actor).filter(pk=participant.pk).exists()
        and participants_access.may_change_participant(actor, participant)
    )


def check_manage_access(actor: AnyUser | None, participant: Participant) -> None:
    if not may_manage_access(actor, participant):
        raise PermissionDenied


def check_own(actor: AnyUser | None, participant: Participant) -> None:
    if not is_own(actor, participant):
        raise PermissionDenied

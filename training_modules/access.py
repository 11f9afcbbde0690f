"""Who may see and change what in training (docs/architecture.md "Who may see what").

Roles first: a user without a training role (company contact, a user without roles) gets 403 on
every training page. Then objects: an object outside the user's `visible_to` is a 404; a visible
object the user may not change is a 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeGuard, TypeVar
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from jump.accounts.models import AnyUser, User
from jump.accounts.roles import Role

from .models import (
    EDITOR_ROLES,
    MANAGER_ROLES,
    TRAINING_ROLES,
    Certificate,
    Enrolment,
    GoodPractice,
    Module,
    Session,
    SessionFeedback,
)

M = TypeVar("M", bound=Model)


def can_train(user: AnyUser) -> TypeGuard[User]:
    return user.is_authenticated and user.has_role(*TRAINING_ROLES)


def can_edit(user: AnyUser) -> TypeGuard[User]:
    """Trainers, programme managers and admins write modules, sessions and good practices."""
    return user.is_authenticated and user.has_role(*EDITOR_ROLES)


def is_manager(user: AnyUser) -> TypeGuard[User]:
    return user.is_authenticated and user.has_role(*MANAGER_ROLES)


def training_role_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """403 for a logged-in user without a training role (login itself is the middleware's)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_train(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def require_editor(user: AnyUser) -> None:
    if not can_edit(user):
        raise PermissionDenied


def require_manager(user: AnyUser) -> None:
    if not is_manager(user):
        raise PermissionDenied


def _get(queryset: QuerySet[M], public_id: UUID | str) -> M:
    try:
        return queryset.get(public_id=public_id)
    except (queryset.model.DoesNotExist, ValueError, ValidationError) as exc:  # type: ignore[attr-defined]  # every model has it
        raise Http404 from exc


def get_module_for_user(user: User, public_id: UUID | str, *, need: str = "view") -> Module:
    """A module the user may see (404 otherwise); need="change" also requires an editor."""
    module: Module = _get(Module.objects.visible_to(user), public_id)
    if need == "change":
        require_editor(user)
    return module


def can_change_session(user: User, session: Session) -> bool:
    """Managers and admins change every session; a trainer only the sessions they train."""
    if is_manager(user):
        return True
    return user.has_role(Role.TRAINER) and session.trainers.filter(pk=user.pk).exists()


def get_session_for_user(user: User, public_id: UUID | str, *, need: str = "view") -> Session:
    """A session of a visible module (404 otherwise).

    need="change": its trainers, managers and admins (403 for anyone else who can see it).
    need="attendance": 404 unless the user trains it or is a manager/admin — a trainer learns
    nothing about the participants of sessions they do not train; 403 for roles that never
    mark attendance.
    """
    if need == "attendance":
        if not can_edit(user):
            raise PermissionDenied
        return _get(Session.objects.attendance_visible_to(user).select_related("module"), public_id)
    session = _get(Session.objects.visible_to(user).select_related("module"), public_id)
    if need == "change" and not can_change_session(user, session):
        raise PermissionDenied
    return session


def get_enrolment_for_user(user: User, public_id: UUID | str, *, need: str = "view") -> Enrolment:
    """An enrolment of the user's own (managers/admins: any), 404 otherwise.

    need="complete": the session's trainers, managers and admins (404 for other trainers).
    """
    queryset = Enrolment.objects.select_related("session__module", "person")
    if need == "complete":
        if not can_edit(user):
            raise PermissionDenied
        sessions = Session.objects.attendance_visible_to(user)
        return _get(queryset.filter(session__in=sessions), public_id)
    return _get(queryset.visible_to(user), public_id)


def can_issue_certificate(user: User, enrolment: Enrolment) -> bool:
    """Who may have an enrolment's certificate issued (and then open it): its own person, the
    session's trainers (the sessions whose attendance they see), managers and admins."""
    if not user.is_authenticated:
        return False
    if enrolment.person_id == user.pk:
        return True
    return Session.objects.attendance_visible_to(user).filter(pk=enrolment.session_id).exists()


def get_certificate_for_enrolment(user: User, public_id: UUID | str) -> Certificate:
    """The certificate of an enrolment the user may see (owner, managers, admins); 404 otherwise
    (also when the enrolment has no certificate)."""
    queryset = Certificate.objects.visible_to(user).select_related(
        "enrolment__session__module", "enrolment__person"
    )
    try:
        return queryset.get(enrolment__public_id=public_id)
    except (Certificate.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def get_good_practice_for_user(
    user: AnyUser, public_id: UUID | str, *, need: str = "view"
) -> GoodPractice:
    practice: GoodPractice = _get(
        GoodPractice.objects.visible_to(user).select_related("partner", "author"), public_id
    )
    if need == "change":
        require_editor(user)
    return practice


def can_give_feedback(user: User, enrolment: Enrolment) -> bool:
    """Its own person, after the session, when they attended and have not yet given feedback."""
    return (
        enrolment.person_id == user.pk
        and enrolment.status in (Enrolment.Status.ATTENDED, Enrolment.Status.COMPLETED)
        and enrolment.session.has_ended
        and not SessionFeedback.objects.filter(enrolment=enrolment).exists()
    )

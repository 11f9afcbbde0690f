"""Who may use the audit pages (docs/architecture.md: who may see what; SECURITY 19, 21, 22).

- The access log review: programme managers and admins (everyone else: 403).
- A subject access export: whoever may open the participant's case file — the participant's
  coaches, programme managers, admins (the lookup the participants app registered; anyone
  else: 404, so that the participant's existence does not leak).
- Erasure: admins only (docs/architecture.md: administrators look after retention); others who
  can see the participant: 403, the rest: 404.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeGuard

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from jump.accounts.models import AnyUser, User
from jump.accounts.roles import MANAGER_ROLES, Role

from . import registry


def _active(user: AnyUser | None) -> TypeGuard[User]:
    return user is not None and user.is_authenticated and user.is_active


def is_audit_reviewer(user: AnyUser | None) -> bool:
    """Programme manager or admin: may read the whole access log."""
    return _active(user) and user.has_role(*MANAGER_ROLES)


def audit_reviewer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_audit_reviewer(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def get_participant_for_subject_access(user: AnyUser, public_id: object) -> Model:
    """The participant if `user` may open their case file (else 404)."""
    participant: Model = registry.subject().resolve(user, public_id)
    return participant


def may_erase(user: AnyUser | None) -> bool:
    return _active(user) and user.has_role(Role.ADMIN)


def get_participant_for_erasure(user: AnyUser, public_id: object) -> Model:
    """The participant if `user` is an admin; 404 if invisible, 403 if visible but not admin."""
    participant: Model = registry.subject().resolve(user, public_id)
    if not may_erase(user):
        raise PermissionDenied
    return participant

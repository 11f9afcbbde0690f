"""Who may see which reports (docs/architecture.md: who may see what — reports column).

Programme managers and admins: everything. Coaches: their own partner's dashboard, evidence and
data quality, nothing else. Everybody else: 403 on every reports page. A report run is private to
the person who asked for it (and admins): anyone else gets 404, never a hint that it exists.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeGuard
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from jump.accounts import roles
from jump.accounts.models import AnyUser, Partner, User
from jump.accounts.roles import MANAGER_ROLES, Role

from .indicators import INDICATORS, Indicator
from .models import ReportRun


def _active(user: AnyUser | None) -> TypeGuard[User]:
    return user is not None and user.is_authenticated and user.is_active


def is_report_manager(user: AnyUser | None) -> TypeGuard[User]:
    """Programme manager or admin: all partners, targets, report runs, exports."""
    return _active(user) and user.has_role(*MANAGER_ROLES)


def is_partner_coach(user: AnyUser | None) -> TypeGuard[User]:
    return _active(user) and roles.is_partner_coach(user)


def may_see_dashboard(user: AnyUser | None) -> bool:
    return is_report_manager(user) or is_partner_coach(user)


def forced_partner(user: AnyUser | None) -> Partner | None:
    """The partner a user's figures are limited to: None for managers, the coach's own."""
    if is_report_manager(user):
        return None
    if is_partner_coach(user):
        return user.partner
    raise PermissionDenied


def check_partner_param(user: AnyUser | None, value: str | None) -> None:
    """A coach naming another partner in the address gets 404 (not silently other figures)."""
    partner = forced_partner(user)
    if partner is not None and value and value != str(partner.public_id):
        raise Http404


View = Callable[..., HttpResponse]


def _require(check: Callable[[AnyUser], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


dashboard_required = _require(may_see_dashboard)
report_manager_required = _require(is_report_manager)


def get_indicator(code: str) -> Indicator:
    try:
        return INDICATORS[code]
    except KeyError:
        raise Http404 from None


def runs_visible_to(user: AnyUser | None) -> QuerySet[ReportRun]:
    """Report runs a user may open: their own; admins every run."""
    if not is_report_manager(user):
        return ReportRun.objects.none()
    if user.has_role(Role.ADMIN):
        return ReportRun.objects.all()
    return ReportRun.objects.filter(requested_by=user)


def get_run_for_user(user: AnyUser, public_id: UUID | str) -> ReportRun:
    """The run with this public id if `user` asked for it (or is an admin); else 404."""
    return get_object_or_404(
        runs_visible_to(user).select_related("requested_by", "partner"), public_id=public_id
    )


def report_run_page(user: AnyUser, object_id: int, kind: str) -> str:
    """The page of a report run for a notification, if `user` may open it (else 404)."""
    from django.urls import reverse

    run = runs_visible_to(user).filter(pk=object_id).first()
    if run is None:
        raise Http404
    return reverse("reports:run_detail", kwargs={"public_id": run.public_id})

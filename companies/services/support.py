"""Writes for support: a company asks for support, coaches log what was done."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jump.accounts.models import User

from .. import access
from .. import notify as tell
from ..models import Company, SupportAction, SupportNeed


@transaction.atomic
def support_need_create(
    *, actor: User, company: Company, kind: str, description: str
) -> SupportNeed:
    """A support request of `company` (its contacts, or a coach on its behalf)."""
    if not access.can_request_support(actor, company):
        raise PermissionDenied
    need = SupportNeed(company=company, kind=kind, description=description, requested_by=actor)
    need.full_clean()
    need.save()
    tell.support_requested(actor=actor, need=need)
    return need


@transaction.atomic
def support_need_set_status(*, actor: User, need: SupportNeed, status: str) -> SupportNeed:
    """Move a support need to another status (coach or admin)."""
    if not access.can_act_on_support(actor, need):
        raise PermissionDenied
    locked = SupportNeed.objects.select_for_update().get(pk=need.pk)
    if status not in SupportNeed.Status.values:
        raise ValidationError({"status": _("Choose a valid status.")}, code="invalid_status")
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    return locked


@transaction.atomic
def support_action_create(
    *, actor: User, need: SupportNeed, date: date, description: str, hours: Decimal | int
) -> SupportAction:
    """Log support given for a need (coach or admin); an open need moves to "in progress"."""
    if not access.can_act_on_support(actor, need):
        raise PermissionDenied
    locked = SupportNeed.objects.select_for_update().get(pk=need.pk)
    if locked.status in (SupportNeed.Status.DONE, SupportNeed.Status.CANCELLED):
        raise ValidationError(
            _("This support need is closed: reopen it before logging more support."),
            code="need_closed",
        )
    action = SupportAction(
        need=locked, date=date, description=description, hours=hours, performed_by=actor
    )
    action.full_clean()
    action.save()
    if locked.status == SupportNeed.Status.OPEN:
        locked.status = SupportNeed.Status.IN_PROGRESS
        locked.save(update_fields=["status", "updated_at"])
    tell.support_logged(actor=actor, need=locked)
    return action

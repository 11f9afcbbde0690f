"""The pages notifications about placements open, resolved through this app's access layer
(registered with jump.notifications.targets from CompaniesConfig.ready())."""

from django.urls import reverse

from jump.notifications.models import Kind
from jump.notifications.targets import load_or_404, register_target

from . import access
from .models import Placement


def _placement(user, object_id, kind):
    placement = load_or_404(Placement.objects.all(), object_id)
    placement = access.get_placement_for_user(user, placement.public_id)
    feedback_kinds = (Kind.PLACEMENT_FEEDBACK_REQUEST, Kind.PLACEMENT_FEEDBACK_REMINDER)
    if kind in feedback_kinds and access.feedback_side(user, placement) is not None:
        name = "companies:placement_feedback"
    else:
        name = "companies:placement_detail"
    return reverse(name, kwargs={"public_id": placement.public_id})


def register() -> None:
    register_target("companies.placement", _placement)

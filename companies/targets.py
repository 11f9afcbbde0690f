"""The pages notifications about placements open, resolved through this app's access layer
(registered with jump.notifications.targets from CompaniesConfig.ready())."""

from django.http import Http404
from django.urls import reverse

from jump.notifications.models import Kind
from jump.notifications.targets import load_or_404, register_target

from . import access
from .models import Placement, SupportNeed


def _placement(user, object_id, kind):
    placement = load_or_404(Placement.objects.all(), object_id)
    placement = access.get_placement_for_user(user, placement.public_id)
    feedback_kinds = (Kind.PLACEMENT_FEEDBACK_REQUEST, Kind.PLACEMENT_FEEDBACK_REMINDER)
    if kind in feedback_kinds and access.feedback_side(user, placement) is not None:
        name = "companies:placement_feedback"
    else:
        name = "companies:placement_detail"
    return reverse(name, kwargs={"public_id": placement.public_id})


def _support_need(user, object_id, kind):
    need = load_or_404(SupportNeed.objects.all(), object_id)
    need = access.get_support_need_for_user(user, need.public_id)
    return reverse("companies:support_need_detail", kwargs={"public_id": need.public_id})


def _offers_fit(user, object_id, kind):
    # "New offers fit your young people" is about the coach: the list of offers.
    if object_id != user.pk or not access.is_staff_writer(user):
        raise Http404
    return reverse("companies:offer_list")


def register() -> None:
    register_target("companies.placement", _placement)
    register_target("companies.supportneed", _support_need)
    register_target("accounts.user", _offers_fit)

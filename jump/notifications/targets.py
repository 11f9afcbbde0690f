"""The object a notification is about, resolved for its recipient through the owning app's
access layer — never by a bare `Model.objects.get`.

A resolver takes (user, object_id, kind) and returns the address of the object's page, or raises
Http404 / PermissionDenied (the object is gone or no longer visible to the user). Both are
answered the same way here — not found — so that a notification never tells anyone more than
the object's own pages would.

Apps this one may not import (jump.reports) register their resolver with `register_target`
from their AppConfig.ready(). A model without a resolver is never resolved: fail closed.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from companies import access as companies_access
from companies.models import Placement, SupportNeed
from participants import access as participants_access
from participants.models import Consent, Contact, Participant, Step
from training_modules import access as training_access
from training_modules.models import Enrolment

from .models import Kind, Notification

Resolver = Callable[[object, int, str], str]

_RESOLVERS: dict[str, Resolver] = {}


def register_target(model_label: str, resolver: Resolver) -> None:
    """Let notifications about `model_label` ("app_label.modelname") resolve via `resolver`."""
    _RESOLVERS[model_label.lower()] = resolver


def _load(queryset, object_id):
    try:
        return queryset.get(pk=object_id)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def _participant_page(participant, section: str) -> str:
    url = reverse("participants:detail", kwargs={"public_id": participant.public_id})
    return f"{url}#{section}"


def _contact(user, object_id, kind):
    contact = _load(Contact.objects.select_related("participant"), object_id)
    participant, _note = participants_access.get_contact_for_user(
        user, contact.participant.public_id, contact.public_id
    )
    return _participant_page(participant, "notes")


def _step(user, object_id, kind):
    step = _load(Step.objects.select_related("goal__plan__participant"), object_id)
    participant, _child = participants_access.get_child_for_user(
        user, step.goal.plan.participant.public_id, Step, step.public_id
    )
    return _participant_page(participant, "plan")


def _participant(user, object_id, kind):
    participant = _load(Participant.objects.all(), object_id)
    participant = participants_access.get_participant_for_user(user, participant.public_id)
    return _participant_page(participant, "outcomes")


def _consent(user, object_id, kind):
    consent = _load(Consent.objects.select_related("participant"), object_id)
    participant = participants_access.get_participant_for_user(user, consent.participant.public_id)
    return _participant_page(participant, "consent")


def _placement(user, object_id, kind):
    placement = _load(Placement.objects.all(), object_id)
    placement = companies_access.get_placement_for_user(user, placement.public_id)
    feedback_kinds = (Kind.PLACEMENT_FEEDBACK_REQUEST, Kind.PLACEMENT_FEEDBACK_REMINDER)
    if kind in feedback_kinds and companies_access.feedback_side(user, placement) is not None:
        name = "companies:placement_feedback"
    else:
        name = "companies:placement_detail"
    return reverse(name, kwargs={"public_id": placement.public_id})


def _enrolment(user, object_id, kind):
    enrolment = _load(Enrolment.objects.all(), object_id)
    enrolment = training_access.get_enrolment_for_user(user, enrolment.public_id)
    return reverse("training_modules:enrolment_detail", kwargs={"public_id": enrolment.public_id})


def _support_need(user, object_id, kind):
    need = _load(SupportNeed.objects.all(), object_id)
    need = companies_access.get_support_need_for_user(user, need.public_id)
    return reverse("companies:support_need_detail", kwargs={"public_id": need.public_id})


def _self(user, object_id, kind):
    # "New offers fit your young people" is about the coach: the list of offers.
    if object_id != user.pk or not companies_access.is_staff_writer(user):
        raise Http404
    return reverse("companies:offer_list")


register_target("participants.contact", _contact)
register_target("participants.step", _step)
register_target("participants.participant", _participant)
register_target("participants.consent", _consent)
register_target("companies.placement", _placement)
register_target("training_modules.enrolment", _enrolment)
register_target("companies.supportneed", _support_need)
register_target("accounts.user", _self)


def object_url(user, obj, kind: str) -> str:
    """The page of `obj` for `user` if they may see it now; otherwise Http404 (before a
    notification exists: notify() creates none about what its recipient cannot see)."""
    if user is None or not user.is_authenticated:
        raise Http404
    resolver = _RESOLVERS.get(f"{obj._meta.app_label}.{obj._meta.model_name}")
    if resolver is None:
        raise Http404
    try:
        return resolver(user, obj.pk, kind)
    except (PermissionDenied, ValidationError):
        raise Http404 from None


def target_url(notification: Notification, user) -> str:
    """The page of the object `notification` is about, if `user` is its recipient and may see
    the object now; otherwise Http404. Reads through the owning app's access layer."""
    if user is None or not user.is_authenticated or notification.recipient_id != user.pk:
        raise Http404
    content_type = notification.content_type
    resolver = _RESOLVERS.get(f"{content_type.app_label}.{content_type.model}")
    if resolver is None:
        raise Http404
    try:
        return resolver(user, notification.object_id, notification.kind)
    except (PermissionDenied, ValidationError):
        raise Http404 from None

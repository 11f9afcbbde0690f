"""The pages notifications about participants' records open, resolved through this app's access
layer (registered with jump.notifications.targets from ParticipantsConfig.ready())."""

from django.urls import reverse

from jump.notifications.targets import load_or_404, register_target

from . import access
from .models import Consent, Contact, Participant, Step


def _participant_page(participant, section: str) -> str:
    url = reverse("participants:detail", kwargs={"public_id": participant.public_id})
    return f"{url}#{section}"


def _contact(user, object_id, kind):
    contact = load_or_404(Contact.objects.select_related("participant"), object_id)
    participant, _note = access.get_contact_for_user(
        user, contact.participant.public_id, contact.public_id
    )
    return _participant_page(participant, "notes")


def _step(user, object_id, kind):
    step = load_or_404(Step.objects.select_related("goal__plan__participant"), object_id)
    participant, _child = access.get_child_for_user(
        user, step.goal.plan.participant.public_id, Step, step.public_id
    )
    return _participant_page(participant, "plan")


def _participant(user, object_id, kind):
    participant = load_or_404(Participant.objects.all(), object_id)
    participant = access.get_participant_for_user(user, participant.public_id)
    return _participant_page(participant, "outcomes")


def _consent(user, object_id, kind):
    consent = load_or_404(Consent.objects.select_related("participant"), object_id)
    participant = access.get_participant_for_user(user, consent.participant.public_id)
    return _participant_page(participant, "consent")


def register() -> None:
    register_target("participants.contact", _contact)
    register_target("participants.step", _step)
    register_target("participants.participant", _participant)
    register_target("participants.consent", _consent)

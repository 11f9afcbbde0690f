"""The page notifications about enrolments open, resolved through this app's access layer
(registered with jump.notifications.targets from TrainingModulesConfig.ready())."""

from django.urls import reverse

from jump.notifications.targets import load_or_404, register_target

from . import access
from .models import Enrolment


def _enrolment(user, object_id, kind):
    enrolment = load_or_404(Enrolment.objects.all(), object_id)
    enrolment = access.get_enrolment_for_user(user, enrolment.public_id)
    return reverse("training_modules:enrolment_detail", kwargs={"public_id": enrolment.public_id})


def register() -> None:
    register_target("training_modules.enrolment", _enrolment)

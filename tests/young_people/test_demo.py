"""The demo's young people (README table) have an appointment and a CV to show."""

import pytest

from companies import demo as companies_demo
from jump.accounts import demo as accounts_demo
from participants import demo as participants_demo
from participants.models import ActivityRegistration, Participant
from young_people import demo as young_people_demo
from young_people.models import CvProfile, LanguageSelfAssessment

pytestmark = pytest.mark.django_db


def test_each_demo_young_person_has_an_appointment_and_a_cv():
    world: dict = {}
    for module in (accounts_demo, participants_demo, companies_demo, young_people_demo):
        module.seed(world)
    young_people_demo.seed(world)  # again: seed_demo may run twice
    for email in ("youth.dk@jump.test", "youth.de@jump.test"):
        participant = Participant.objects.get(user__email=email)
        assert ActivityRegistration.objects.filter(participant=participant).count() == 1
        assert CvProfile.objects.get(participant=participant).statement
        assert LanguageSelfAssessment.objects.filter(participant=participant).count() == 2

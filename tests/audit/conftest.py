from types import SimpleNamespace

import pytest

from tests.factories.participants import ParticipantFactory


@pytest.fixture
def world(personas, partner_a):
    p1 = ParticipantFactory(partner=partner_a, coach=personas.coach_a, first_name="Pia")
    return SimpleNamespace(personas=personas, p1=p1)

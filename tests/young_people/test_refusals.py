import pytest

from tests.service_refusals import assert_refused

from . import refusals


@pytest.mark.parametrize("name", sorted(refusals.REFUSALS))
def test_young_people_service_refuses_an_actor_who_may_not_act(world, name):
    assert_refused(world, refusals, name)

"""Issue 17: a newcomer sees delivery settings of each kind in the demo."""

from django.urls import reverse

from jump.notifications import demo
from tests.factories.accounts import UserFactory


def test_loop_demo_coach_has_one_setting_of_each_delivery(client, partner_a):
    coach = UserFactory(email="coach.dk@jump.test", roles=["coach"], partner=partner_a, mfa=True)
    demo.seed({})
    client.force_login(coach)
    form = client.get(reverse("notifications:preferences")).context["form"]
    chosen = {kind: form.initial[kind] for kind in demo.DEMO_DELIVERY}
    assert chosen == demo.DEMO_DELIVERY
    assert set(chosen.values()) == {"immediate", "digest", "never"}

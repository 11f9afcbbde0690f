"""Erasing a young person also ends their own login for good (SECURITY 22 and 35)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from jump.audit import erasure

pytestmark = pytest.mark.django_db


def test_erasing_a_young_person_ends_and_anonymises_their_login(world, client_for):
    user = world.personas.youth_p1
    original = user.email
    assert EmailAddress.objects.filter(email__iexact=original).exists()
    client = client_for("youth_p1")
    home = reverse("young_people:home")
    assert client.get(home).status_code == 200

    erasure.participant_erase(participant=world.p1, actor=world.personas.admin, reason="request")

    user = get_user_model().objects.get(pk=user.pk)
    assert not user.is_active
    assert original not in user.email
    assert not user.has_usable_password()
    assert not EmailAddress.objects.filter(email__iexact=original).exists()
    world.p1.refresh_from_db()
    assert world.p1.user_id is None
    # The session the young person had is gone: their pages send them to the login.
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

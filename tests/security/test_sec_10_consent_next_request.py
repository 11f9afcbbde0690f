"""SECURITY 10 — consent changes apply on the next request; a withdrawal is a new row and the
old one stays unchanged."""

import pytest
from django.urls import reverse

from participants.models import Consent
from tests.companies.conftest import P1_FIRST_NAME, withdraw_sharing

pytestmark = pytest.mark.django_db


@pytest.mark.django_db
def test_sec_10_consent_given_again_restores_access(client_for, companies_world):
    client = client_for("contact_x")
    url = reverse("companies:placement_detail", args=[companies_world.placement_p2.public_id])
    assert client.get(url).status_code == 404
    companies_world.p2.consents.create(
        purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
        given=True,
        recorded_by=companies_world.personas.coach_a,
    )
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_sec_10_withdrawn_consent_removes_access_on_the_next_request(client_for, companies_world):
    client = client_for("contact_x")
    url = reverse("companies:placement_detail", args=[companies_world.placement_p1.public_id])
    assert client.get(url).status_code == 200
    given = companies_world.p1.consents.get(purpose=Consent.Purpose.SHARE_WITH_COMPANIES)

    withdraw_sharing(companies_world.p1, by=companies_world.personas.coach_a)

    assert client.get(url).status_code == 404
    assert P1_FIRST_NAME not in client.get(reverse("companies:portal")).content.decode()
    assert P1_FIRST_NAME not in client.get(reverse("companies:proposal_list")).content.decode()
    # The withdrawal is a new ledger row; the consent given before is unchanged.
    rows = companies_world.p1.consents.filter(purpose=Consent.Purpose.SHARE_WITH_COMPANIES)
    assert [row.given for row in rows.order_by("recorded_at", "pk")] == [True, False]
    given.refresh_from_db()
    assert given.given is True

"""What a company contact may see of young people (SECURITY 8, 9, 10).

A company contact sees a participant only through a placement with their own company and only
while the participant's latest share_with_companies consent is given — and then only the first
name, languages and the placement.
"""

import pytest
from django.urls import reverse

from .conftest import P1_FIRST_NAME


@pytest.mark.django_db
def test_company_contact_sees_the_first_name_and_languages_of_a_consenting_proposal(
    client_for, world
):
    response = client_for("contact_x").get(
        reverse("companies:placement_detail", args=[world.placement_p1.public_id])
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert P1_FIRST_NAME in content
    assert "B1" in content and "C2" in content
    assert world.offer_x.title in content


@pytest.mark.django_db
def test_company_contact_sees_only_the_company_feedback_not_the_coachs(client_for, world):
    content = (
        client_for("contact_x")
        .get(reverse("companies:placement_detail", args=[world.placement_p1_done.public_id]))
        .content.decode()
    )
    assert "Company comment on P1" in content
    assert "P1COACHFEEDBACK" not in content


@pytest.mark.django_db
def test_viewing_a_placement_writes_one_access_record_and_a_denied_view_none(client_for, world):
    from jump.audit.models import AccessLog

    client = client_for("contact_x")
    client.get(reverse("companies:placement_detail", args=[world.placement_p1.public_id]))
    client.get(reverse("companies:placement_detail", args=[world.placement_p2.public_id]))  # 404
    (record,) = AccessLog.objects.filter(actor=world.personas.contact_x)
    assert record.participant == world.p1
    assert record.action == AccessLog.Action.VIEW
    assert "company portal" in record.what
    assert not AccessLog.objects.filter(participant=world.p2).exists()

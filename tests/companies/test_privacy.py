"""What a company contact may see of young people (SECURITY.md 8, 9, 10).

A company contact sees a participant only through a placement with their own company and only
while the participant's latest share_with_companies consent is given — and then only the first
name, languages and the placement.
"""

import pytest
from django.urls import reverse

from companies.models import Placement
from participants.models import Consent

from .conftest import P1_FIRST_NAME, P2_FIRST_NAME, withdraw_sharing


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
def test_company_contact_gets_404_for_a_participant_without_sharing_consent(client_for, world):
    client = client_for("contact_x")
    for name in ("placement_detail", "placement_decline", "placement_mentor"):
        url = reverse(f"companies:{name}", args=[world.placement_p2.public_id])
        assert client.get(url).status_code == 404, name
    for name in ("placement_accept", "placement_start", "placement_complete", "placement_abort"):
        url = reverse(f"companies:{name}", args=[world.placement_p2.public_id])
        assert client.post(url).status_code == 404, name
    world.placement_p2.refresh_from_db()
    assert world.placement_p2.status == Placement.Status.PROPOSED
    proposals = client.get(reverse("companies:proposal_list")).content.decode()
    assert P1_FIRST_NAME in proposals
    assert P2_FIRST_NAME not in proposals


@pytest.mark.django_db
def test_company_contact_gets_404_for_everything_of_another_company(client_for, world):
    client = client_for("contact_x")
    gets = [
        ("companies:offer_detail", world.offer_y),
        ("companies:offer_edit", world.offer_y),
        ("companies:placement_detail", world.placement_p1_y),
        ("companies:placement_decline", world.placement_p1_y),
        ("companies:placement_feedback", world.placement_p1_y),
        ("companies:support_need_detail", world.support_y),
        ("companies:company_detail", world.company_y),
        ("companies:offer_create", world.company_y),
        ("companies:support_need_create", world.company_y),
    ]
    for url_name, obj in gets:
        assert client.get(reverse(url_name, args=[obj.public_id])).status_code == 404, url_name
    posts = [
        ("companies:offer_publish", world.offer_y),
        ("companies:offer_close", world.offer_y),
        ("companies:placement_accept", world.placement_p1_y),
        ("companies:placement_checklist", world.placement_p1_y),
    ]
    for url_name, obj in posts:
        assert client.post(reverse(url_name, args=[obj.public_id])).status_code == 404, url_name
    world.placement_p1_y.refresh_from_db()
    assert world.placement_p1_y.status == Placement.Status.PROPOSED
    # Lists show only company X.
    offers = client.get(reverse("companies:offer_list")).content.decode()
    assert world.offer_x.title in offers
    assert world.offer_y.title not in offers
    support = client.get(reverse("companies:support_need_list")).content.decode()
    assert str(world.support_x.public_id) in support
    assert str(world.support_y.public_id) not in support


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
def test_withdrawn_consent_removes_access_on_the_next_request(client_for, world):
    client = client_for("contact_x")
    url = reverse("companies:placement_detail", args=[world.placement_p1.public_id])
    assert client.get(url).status_code == 200
    given = world.p1.consents.get(purpose=Consent.Purpose.SHARE_WITH_COMPANIES)

    withdraw_sharing(world.p1, by=world.personas.coach_a)

    assert client.get(url).status_code == 404
    assert P1_FIRST_NAME not in client.get(reverse("companies:portal")).content.decode()
    assert P1_FIRST_NAME not in client.get(reverse("companies:proposal_list")).content.decode()
    # The withdrawal is a new ledger row; the consent given before is unchanged.
    rows = world.p1.consents.filter(purpose=Consent.Purpose.SHARE_WITH_COMPANIES)
    assert [row.given for row in rows.order_by("recorded_at", "pk")] == [True, False]
    given.refresh_from_db()
    assert given.given is True


@pytest.mark.django_db
def test_consent_given_again_restores_access(client_for, world):
    client = client_for("contact_x")
    url = reverse("companies:placement_detail", args=[world.placement_p2.public_id])
    assert client.get(url).status_code == 404
    world.p2.consents.create(
        purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
        given=True,
        recorded_by=world.personas.coach_a,
    )
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_coach_of_another_partner_cannot_see_the_placements_of_p1(client_for, world):
    client = client_for("coach_b")
    url = reverse("companies:placement_detail", args=[world.placement_p1.public_id])
    assert client.get(url).status_code == 404
    content = client.get(reverse("companies:placement_list")).content.decode()
    assert P1_FIRST_NAME not in content
    # The company register is all theirs to read.
    assert (
        client.get(reverse("companies:offer_detail", args=[world.offer_x.public_id])).status_code
        == 200
    )


@pytest.mark.django_db
def test_script_typed_into_an_offer_comes_back_escaped(client_for, world):
    world.offer_x.description = "<script>alert(1)</script>"
    world.offer_x.save()
    content = (
        client_for("contact_x")
        .get(reverse("companies:offer_detail", args=[world.offer_x.public_id]))
        .content.decode()
    )
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


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

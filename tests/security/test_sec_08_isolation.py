"""SECURITY 8 — object-level isolation: another partner's participant, another company's
offer/placement/feedback, a participant without sharing consent → 404 on detail, edit, file
download and export; lists and search show only visible rows."""

import pytest
from django.urls import reverse

from companies.models import Placement
from tests.companies.conftest import P1_FIRST_NAME, P2_FIRST_NAME
from tests.participants.test_documents import download_url

pytestmark = pytest.mark.django_db


@pytest.mark.django_db
def test_sec_08_coach_of_another_partner_cannot_see_the_placements_of_p1(
    client_for, companies_world
):
    client = client_for("coach_b")
    url = reverse("companies:placement_detail", args=[companies_world.placement_p1.public_id])
    assert client.get(url).status_code == 404
    content = client.get(reverse("companies:placement_list")).content.decode()
    assert P1_FIRST_NAME not in content
    # The company register is all theirs to read.
    assert (
        client.get(
            reverse("companies:offer_detail", args=[companies_world.offer_x.public_id])
        ).status_code
        == 200
    )


@pytest.mark.django_db
def test_sec_08_company_contact_gets_404_for_everything_of_another_company(
    client_for, companies_world
):
    client = client_for("contact_x")
    gets = [
        ("companies:offer_detail", companies_world.offer_y),
        ("companies:offer_edit", companies_world.offer_y),
        ("companies:placement_detail", companies_world.placement_p1_y),
        ("companies:placement_decline", companies_world.placement_p1_y),
        ("companies:placement_feedback", companies_world.placement_p1_y),
        ("companies:support_need_detail", companies_world.support_y),
        ("companies:company_detail", companies_world.company_y),
        ("companies:offer_create", companies_world.company_y),
        ("companies:support_need_create", companies_world.company_y),
    ]
    for url_name, obj in gets:
        assert client.get(reverse(url_name, args=[obj.public_id])).status_code == 404, url_name
    posts = [
        ("companies:offer_publish", companies_world.offer_y),
        ("companies:offer_close", companies_world.offer_y),
        ("companies:placement_accept", companies_world.placement_p1_y),
        ("companies:placement_checklist", companies_world.placement_p1_y),
    ]
    for url_name, obj in posts:
        assert client.post(reverse(url_name, args=[obj.public_id])).status_code == 404, url_name
    companies_world.placement_p1_y.refresh_from_db()
    assert companies_world.placement_p1_y.status == Placement.Status.PROPOSED
    # Lists show only company X.
    offers = client.get(reverse("companies:offer_list")).content.decode()
    assert companies_world.offer_x.title in offers
    assert companies_world.offer_y.title not in offers
    support = client.get(reverse("companies:support_need_list")).content.decode()
    assert str(companies_world.support_x.public_id) in support
    assert str(companies_world.support_y.public_id) not in support


@pytest.mark.django_db
def test_sec_08_company_contact_gets_404_for_a_participant_without_sharing_consent(
    client_for, companies_world
):
    client = client_for("contact_x")
    for name in ("placement_detail", "placement_decline", "placement_mentor"):
        url = reverse(f"companies:{name}", args=[companies_world.placement_p2.public_id])
        assert client.get(url).status_code == 404, name
    for name in ("placement_accept", "placement_start", "placement_complete", "placement_abort"):
        url = reverse(f"companies:{name}", args=[companies_world.placement_p2.public_id])
        assert client.post(url).status_code == 404, name
    companies_world.placement_p2.refresh_from_db()
    assert companies_world.placement_p2.status == Placement.Status.PROPOSED
    proposals = client.get(reverse("companies:proposal_list")).content.decode()
    assert P1_FIRST_NAME in proposals
    assert P2_FIRST_NAME not in proposals


def test_sec_08_download_of_another_partners_document_is_404(client_for, participants_world):
    for persona in ("coach_b", "contact_x", "trainer", "outsider"):
        assert (
            client_for(persona)
            .get(download_url(participants_world, participants_world.c1.document))
            .status_code
            == 404
        )
    # coach_a's own partner does not reach P2's document either
    assert (
        client_for("coach_a")
        .get(download_url(participants_world, participants_world.c2.document))
        .status_code
        == 404
    )


def test_sec_08_caseload_and_its_search_show_only_visible_participants(client_for, world):
    caseload = reverse("participants:caseload")
    p1_row, p3_row = str(world.p1.public_id), str(world.p3.public_id)  # rows link to detail
    own = client_for("coach_a").get(caseload, {"q": world.p1.last_name}).content.decode()
    assert p1_row in own
    other = client_for("coach_b")
    assert p1_row not in other.get(caseload, {"q": world.p1.last_name}).content.decode()
    everything = other.get(caseload).content.decode()
    assert p3_row in everything and p1_row not in everything

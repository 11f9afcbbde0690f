"""What a company contact may see of young people (SECURITY.md 8, 9, 10).

A company contact sees a participant only through a placement with their own company and only
while the participant's latest share_with_companies consent is given — and then only the first
name, languages and the placement.
"""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import formats, translation

from companies.models import Placement
from participants.models import Consent

from .conftest import P1_DOB, P1_FIRST_NAME, P2_DOB, P2_FIRST_NAME, markers, withdraw_sharing

HREF = re.compile(r'href="([^"#]+)"')
# Links a crawler must not follow: they end the session or leave the site's pages.
SKIP = ("/accounts/logout/", "/static/", "mailto:", "/i18n/")


def dob_spellings(dob) -> set[str]:
    """Every way a date of birth could be printed on a page."""
    spellings = {dob.isoformat(), dob.strftime("%d.%m.%Y"), dob.strftime("%d/%m/%Y")}
    for language in ("da", "de", "en"):
        with translation.override(language):
            for fmt in ("DATE_FORMAT", "SHORT_DATE_FORMAT"):
                spellings.add(formats.date_format(dob, fmt))
    return spellings


def forbidden_markers() -> set[str]:
    """Everything of P1 but the first name, and everything of P2."""
    forbidden = set(markers("P1").values()) | set(markers("P2").values())
    forbidden |= {P2_FIRST_NAME, "P1CASENOTE", "P2CASENOTE", "P1COACHFEEDBACK"}
    forbidden |= dob_spellings(P1_DOB) | dob_spellings(P2_DOB)
    return forbidden


def crawl(client, start_urls, limit=300):
    """Every page reachable by GET from `start_urls` through same-site links: {url: response}."""
    seen: dict[str, object] = {}
    queue = deque(start_urls)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            href = href.replace("&amp;", "&")
            parts = urlsplit(href)
            if parts.netloc or not href.startswith("/") or href.startswith(SKIP):
                continue
            if href not in seen:
                queue.append(href)
    return seen


def contact_start_urls(world):
    """The pages of the portal, and direct links to every object of company X."""
    urls = []
    for language in ("en", "da", "de"):
        with translation.override(language):
            urls += [
                reverse("home"),
                reverse("companies:portal"),
                reverse("companies:offer_list"),
                reverse("companies:proposal_list"),
                reverse("companies:placement_list"),
                reverse("companies:support_need_list"),
            ]
            for placement in (world.placement_p1, world.placement_p2, world.placement_p1_done):
                for name in (
                    "placement_detail",
                    "placement_decline",
                    "placement_mentor",
                    "placement_feedback",
                ):
                    urls.append(reverse(f"companies:{name}", args=[placement.public_id]))
            for status in Placement.Status.values:
                urls.append(reverse("companies:placement_list") + f"?status={status}")
            for offer in (world.offer_x, world.offer_x2, world.offer_x_draft):
                urls.append(reverse("companies:offer_detail", args=[offer.public_id]))
    return urls


@pytest.mark.django_db
def test_no_page_a_company_contact_can_reach_shows_more_than_the_first_name(client_for, world):
    client = client_for("contact_x")
    pages = crawl(client, contact_start_urls(world))
    ok_pages = [url for url, response in pages.items() if response.status_code == 200]
    assert len(ok_pages) > 30, ok_pages  # the sweep really looked at the portal
    forbidden = forbidden_markers()
    leaks = {
        url: sorted(marker for marker in forbidden if marker in response.content.decode())
        for url, response in pages.items()
    }
    assert {url: found for url, found in leaks.items() if found} == {}
    # The allowed field is there: the sweep would see a leak if there were one.
    assert any(P1_FIRST_NAME in response.content.decode() for response in pages.values())


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
def test_the_markers_are_there_for_the_coach_so_the_sweep_can_see_a_leak(client_for, world):
    content = (
        client_for("coach_a")
        .get(reverse("companies:placement_detail", args=[world.placement_p1.public_id]))
        .content.decode()
    )
    assert markers("P1")["last_name"] in content


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

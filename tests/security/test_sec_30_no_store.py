"""SECURITY 30 — no page shown to a signed-in user is kept by a cache; public pages may be."""

import pytest
from django.urls import reverse

from .sweep import crawl

pytestmark = pytest.mark.django_db


def start_urls(world):
    p1 = world.p1.public_id
    return [
        reverse("home"),
        reverse("participants:caseload"),
        reverse("participants:detail", args=[p1]),
        reverse("companies:portal"),
        reverse("notifications:list"),
        reverse("accounts:profile"),
        reverse("admin:index"),
    ]


@pytest.mark.parametrize("persona", ["coach_a", "contact_x", "manager", "trainer", "admin"])
def test_sec_30_every_page_for_a_signed_in_user_says_no_store_and_private(
    client_for, world, persona
):
    pages = crawl(client_for(persona), start_urls(world), limit=120, skip=("/admin/",))
    html = {
        url: response
        for url, response in pages.items()
        if response.status_code == 200 and "html" in response.get("Content-Type", "")
    }
    assert len(html) >= 3, sorted(pages)
    cached = {
        url: response.get("Cache-Control")
        for url, response in html.items()
        if not {"no-store", "private"}
        <= {part.strip() for part in response.get("Cache-Control", "").split(",")}
    }
    assert cached == {}


def test_sec_30_htmx_fragments_and_admin_pages_say_no_store_too(client_for, world):
    client = client_for("admin")
    for url in (reverse("admin:index"), reverse("admin:participants_participant_changelist")):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
    response = client_for("coach_a").get(reverse("participants:caseload"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


# (allauth marks its login page never_cache itself; that is its choice, not this rule's.)
@pytest.mark.parametrize(
    "url_name", ["account_reset_password", "training_modules:certificate_lookup"]
)
def test_sec_30_public_pages_are_not_marked_no_store(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")

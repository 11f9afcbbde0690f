"""SECURITY 31 — every page that shows a participant's data writes an access record: edit forms
of the case file, caseload lists and searches, htmx fragments, the placement sharing page and the
Django admin's pages of personal-data models. The walk fails on any page that renders a marker
of a participant (tests/security/conftest.py) and wrote no record."""

import re
from collections import deque
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import resolve, reverse

from jump.audit.models import AccessLog

from .conftest import MARK
from .sweep import HREF, SKIP, body

pytestmark = pytest.mark.django_db

# Links that change something when followed or are no page of their own.
NOT_PAGES = ("/delete/", "/logout/", "/password/", "/i18n/", "/revoke/", "/done/")


def walk(client, start_urls, *, limit=400, htmx=False):
    """{url: status} of every page reached by GET, and the URLs that showed a marker unlogged."""
    seen: dict[str, int] = {}
    unlogged = []
    queue = deque(start_urls)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        before = AccessLog.objects.count()
        response = client.get(url, **headers)
        seen[url] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        text = body(response)
        for term in parse_qs(urlsplit(url).query).get("q", []):
            text = text.replace(term, "")  # the search box shows what was typed: not a record
        if MARK in text and AccessLog.objects.count() == before:
            at = text.index(MARK)
            name = resolve(urlsplit(url).path).view_name
            unlogged.append((name, url, re.sub(r"\s+", " ", text[max(0, at - 60) : at + 20])))
        for href in HREF.findall(text):
            href = href.replace("&amp;", "&")
            parts = urlsplit(href)
            if parts.netloc or not href.startswith("/") or href.startswith(SKIP):
                continue
            if any(fragment in href for fragment in NOT_PAGES):
                continue
            if href.startswith("/admin/") and parts.query:
                href = parts.path  # the admin's filter and sort links: the same list again
            if href not in seen:
                queue.append(href)
    return seen, sorted({name for name, _url, _context in unlogged})


def case_urls(world):
    urls = [reverse("home"), reverse("participants:caseload")]
    for participant in (world.p1, world.p2, world.p3):
        urls.append(reverse("participants:detail", args=[participant.public_id]))
        urls.append(reverse("participants:caseload") + f"?q={participant.last_name}")
        urls.append(reverse("participants:outcome_edit", args=[participant.public_id, "exit"]))
    for placement in (world.placement_p1, world.placement_p2, world.placement_p1_y):
        urls.append(reverse("companies:placement_detail", args=[placement.public_id]))
        urls.append(reverse("companies:placement_sharing", args=[placement.public_id]))
    return urls


@pytest.mark.parametrize("persona", ["coach_a", "coach_b", "manager", "contact_x", "contact_y"])
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_sec_31_every_page_showing_a_participant_writes_an_access_record(
    client_for, world, persona, htmx
):
    seen, unlogged = walk(client_for(persona), case_urls(world), htmx=htmx)
    assert len(seen) > 5
    assert unlogged == []


def test_sec_31_the_walk_reaches_the_case_file_forms(client_for, world):
    seen, _unlogged = walk(client_for("coach_a"), case_urls(world))
    ok = [url for url, status in seen.items() if status == 200]
    for part in ("/notes/", "/assessments/", "/outcomes/", "/plans/", "/goals/", "/steps/"):
        assert any(part in url and url.endswith("/edit/") or part in url for url in ok), part
    assert any("sharing" in url for url in ok)


def test_sec_31_every_admin_page_showing_a_participant_writes_an_access_record(client_for, world):
    seen, unlogged = walk(client_for("admin"), [reverse("admin:index")], limit=600)
    ok = [url for url, status in seen.items() if status == 200]
    assert reverse("admin:participants_participant_changelist") in ok
    assert reverse("admin:participants_participant_change", args=[world.p1.pk]) in ok
    assert unlogged == []


def test_sec_31_a_case_note_edit_form_names_the_participant_in_its_record(client_for, world):
    note = world.c1.note
    url = reverse("participants:contact_edit", args=[world.p1.public_id, note.public_id])
    response = client_for("coach_a").get(url)
    assert response.status_code == 200
    record = AccessLog.objects.latest("pk")
    assert record.participant_id == world.p1.pk
    assert record.actor == world.personas.coach_a
    assert client_for("coach_b").get(url).status_code == 404
    assert AccessLog.objects.latest("pk").pk == record.pk  # denied: no record

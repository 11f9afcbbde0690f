"""SECURITY 35 — the young person sees only their own record, and of it only what is meant for
them. The marker sweep of SECURITY 9, run as youth_p1 (P1's login): every page they can reach,
and direct links to every staff page of the world, show no marker of another person and no
case-note, assessment, consent-evidence or document marker of their own."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories.companies import SupportNeedFactory
from young_people import services

from .conftest import MARK
from .sweep import body, crawl
from .test_sec_09_minimisation import contact_start_urls

pytestmark = pytest.mark.django_db

# Markers of P1's own record that are never for them (staff-written or not shared).
OWN_FORBIDDEN = (
    f"Case note {MARK}P1Case",
    f"{MARK}P1Assessment",
    f"{MARK}P1ConsentEvidence",
    f"{MARK}P1Document",
    f"{MARK}P1ExitReason",
)
OTHERS = (f"{MARK}P2", f"{MARK}P3", f"Paul{MARK}", f"Per{MARK}")


@pytest.fixture
def youth_world(world):
    world.p1.user = world.personas.youth_p1
    world.p1.save(update_fields=["user"])
    return world


def youth_start_urls(world):
    urls = []
    for language in ("en", "da", "de"):
        with translation.override(language):
            urls += [
                reverse("home"),
                reverse("young_people:home"),
                reverse("young_people:plan"),
                reverse("young_people:consents"),
                reverse("young_people:consent_withdraw") + "?purpose=photos",
                reverse("young_people:documents"),
                reverse("young_people:from_coach"),
                reverse("accounts:profile"),
            ]
            for participant in (world.p1, world.p2, world.p3):
                urls += [
                    reverse("participants:detail", args=[participant.public_id]),
                    reverse("participants:cv", args=[participant.public_id]),
                    reverse("young_people:coach_access", args=[participant.public_id]),
                    reverse("audit:subject_access", args=[participant.public_id]),
                ]
            for case in (world.c1, world.c2, world.c3):
                urls.append(
                    reverse("young_people:document_download", args=[case.document.public_id])
                )
    return urls + contact_start_urls(world)


def test_sec_35_no_page_a_young_person_reaches_shows_another_person_or_their_case_notes(
    client_for, youth_world
):
    pages = crawl(client_for("youth_p1"), youth_start_urls(youth_world))
    ok = [url for url, response in pages.items() if response.status_code == 200]
    assert len(ok) >= 12, ok  # the sweep really looked at their pages
    found = {}
    for url, response in pages.items():
        text = body(response)
        hits = [marker for marker in (*OTHERS, *OWN_FORBIDDEN) if marker in text]
        if hits:
            found[url] = hits
    assert found == {}
    # Their own plan is there: the sweep would see a leak if there were one.
    assert any(f"{MARK}P1Goal" in body(response) for response in pages.values())


def test_sec_35_every_staff_page_is_a_404_for_a_young_person(client_for, youth_world):
    client = client_for("youth_p1")
    for url in youth_start_urls(youth_world):
        if "/young/" in url.split("?")[0] and "/coach/" not in url:
            continue
        if url.endswith(("/me/profile/", "/da/", "/de/", "/en/")):
            continue
        assert client.get(url).status_code == 404, url


def test_sec_35_another_young_persons_object_is_a_404(client_for, youth_world):
    client = client_for("youth_p1")
    other_step = youth_world.c3.step
    response = client.post(reverse("young_people:step_tick", args=[other_step.public_id]))
    assert response.status_code == 302  # back to their plan, with a message
    other_step.refresh_from_db()
    assert other_step.done_on is None


def _from_coach(client):
    return body(client.get(reverse("young_people:from_coach")))


def test_sec_35_unshared_notes_assessments_and_support_needs_never_appear(client_for, youth_world):
    SupportNeedFactory(
        company=youth_world.company_x, description=f"{MARK}P1SupportNeed help for Pia"
    )
    client = client_for("youth_p1")
    pages = crawl(client, youth_start_urls(youth_world))
    assert any(response.status_code == 200 for response in pages.values())
    forbidden = (*OWN_FORBIDDEN, f"{MARK}P1SupportNeed")
    assert {
        url: [marker for marker in forbidden if marker in body(response)]
        for url, response in pages.items()
        if any(marker in body(response) for marker in forbidden)
    } == {}


def test_sec_35_a_shared_case_note_appears_and_only_that_one(client_for, youth_world):
    coach_a = youth_world.personas.coach_a
    client = client_for("youth_p1")
    assert f"{MARK}P1Case" not in _from_coach(client)
    services.item_share_with_young_person(actor=coach_a, item=youth_world.c1.note)
    text = _from_coach(client)
    assert f"Case note {MARK}P1Case" in text
    assert f"{MARK}P1Assessment" not in text
    # Another person's note, even shared with them, is never P1's.
    youth_world.c2.note.shared_with_young_person = True
    youth_world.c2.note.save()
    assert f"{MARK}P2" not in _from_coach(client)


def test_sec_35_a_shared_assessment_appears_and_stops_when_unshared(client_for, youth_world):
    coach_a = youth_world.personas.coach_a
    client = client_for("youth_p1")
    assessment = youth_world.c1.assessment
    services.item_share_with_young_person(actor=coach_a, item=assessment)
    assert f"{MARK}P1Assessment" in _from_coach(client)
    services.item_share_with_young_person(actor=coach_a, item=assessment, shared=False)
    assert f"{MARK}P1Assessment" not in _from_coach(client)


def test_sec_35_a_shared_document_appears_on_their_documents_page(client_for, youth_world):
    client = client_for("youth_p1")
    document = youth_world.c1.document
    assert f"{MARK}P1Document" not in body(client.get(reverse("young_people:documents")))
    services.item_share_with_young_person(actor=youth_world.personas.coach_a, item=document)
    assert f"{MARK}P1Document" in body(client.get(reverse("young_people:documents")))

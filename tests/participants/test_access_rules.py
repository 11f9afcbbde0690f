"""Object-level isolation beyond the matrix: every participants URL, every method, sharing."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse

from jump.audit.models import AccessLog
from participants.access import get_participant_for_user
from participants.models import Participant
from participants.services import share_grant, share_revoke
from tests.factories.accounts import UserFactory

from .conftest import MARKER
from .matrix import MATRIX


def participant_url_names():
    """Every participants URL below a participant (activities, caseload and intake are not)."""
    return [
        name
        for name in MATRIX
        if not name.startswith(("participants:activity", "participants:attendance"))
        and name not in ("participants:caseload", "participants:create")
    ]


PARTICIPANT_URLS = participant_url_names()


def p1_url(world, name):
    return reverse(name, kwargs=MATRIX[name].kwargs(world))


def test_every_url_below_a_participant_is_covered():
    # the list is not accidentally empty or short: the participant page and all sections
    assert len(PARTICIPANT_URLS) >= 25
    assert "participants:document_download" in PARTICIPANT_URLS


@pytest.mark.parametrize("persona", ["coach_b", "contact_x", "contact_y", "trainer", "outsider"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_get_404_on_every_participant_url_with_any_method(
    client_for, world, persona, method
):
    client = client_for(persona)
    for name in PARTICIPANT_URLS:
        response = getattr(client, method)(p1_url(world, name), {})
        assert response.status_code == 404, f"{persona} {method} {name}: {response.status_code}"


def test_company_contact_with_a_placement_and_consent_still_gets_404(client_for, world):
    # contact_x may see P1 in the companies portal (placed there, with sharing consent) …
    assert world.p1 in Participant.objects.visible_to(world.contact_x)
    # … but never the case file.
    assert world.p1 not in Participant.objects.case_visible_to(world.contact_x)
    assert client_for("contact_x").get(p1_url(world, "participants:detail")).status_code == 404


def test_denied_requests_write_no_access_log(client_for, world):
    for persona in ("coach_b", "contact_x"):
        client_for(persona).get(p1_url(world, "participants:detail"))
        client_for(persona).get(p1_url(world, "participants:document_download"))
    assert not AccessLog.objects.exists()


def test_viewing_and_downloading_write_one_access_log_each(client_for, world):
    client = client_for("manager")
    client.get(p1_url(world, "participants:detail"))
    client.get(p1_url(world, "participants:document_download"))
    logs = list(AccessLog.objects.order_by("pk"))
    assert [(log.actor, log.participant, log.action) for log in logs] == [
        (world.manager, world.p1, "view"),
        (world.manager, world.p1, "download"),
    ]


POST_ONLY = [name for name, rule in MATRIX.items() if rule.method == "post"]


@pytest.mark.parametrize("name", POST_ONLY)
def test_get_on_a_post_only_url_is_405_and_changes_nothing(client_for, world, name):
    before = Participant.objects.get(pk=world.p1.pk).updated_at
    response = client_for("coach_a").get(p1_url(world, name))
    assert response.status_code == 405
    assert Participant.objects.get(pk=world.p1.pk).updated_at == before


def test_sharing_grants_access_and_revoking_removes_it_on_the_next_request(client_for, world):
    client = client_for("coach_b")
    # (sharing further is for P1's own partner and a note is edited by its author: see below)
    urls = [
        p1_url(world, name)
        for name in PARTICIPANT_URLS
        if MATRIX[name].method == "get"
        and name not in ("participants:share_create", "participants:contact_edit")
    ]
    assert all(client.get(url).status_code == 404 for url in urls)

    share_grant(actor=world.coach_a, participant=world.p1, coach=world.coach_b)
    statuses = {url: client.get(url).status_code for url in urls}
    assert {url: s for url, s in statuses.items() if s != 200} == {}
    # the co-coach works on the case
    response = client.post(
        reverse("participants:contact_create", kwargs={"public_id": world.p1.public_id}),
        {"date": "2026-03-03", "channel": "phone", "summary": "Called from Flensburg."},
    )
    assert response.status_code == 302
    assert world.p1.contacts.filter(author=world.coach_b).exists()

    share_revoke(actor=world.coach_a, participant=world.p1, coach=world.coach_b)
    assert all(client.get(url).status_code == 404 for url in urls)


def test_co_coach_cannot_share_further_but_may_hand_the_case_back(world):
    client = Client()
    client.force_login(world.coach_c)  # P1 is shared with coach_c in the world
    assert client.get(p1_url(world, "participants:detail")).status_code == 200
    assert client.get(p1_url(world, "participants:share_create")).status_code == 403
    response = client.post(
        reverse(
            "participants:share_revoke",
            kwargs={"public_id": world.p1.public_id, "coach_id": world.coach_c.public_id},
        )
    )
    assert response.status_code == 302
    assert client.get(p1_url(world, "participants:detail")).status_code == 404


def test_manager_reads_every_partner_but_changes_nothing(client_for, world):
    client = client_for("manager")
    for participant in (world.p1, world.p2):
        url = reverse("participants:detail", kwargs={"public_id": participant.public_id})
        response = client.get(url)
        assert response.status_code == 200
        # no edit buttons for a read-only reader
        assert "participants/" + str(participant.public_id) + "/edit/" not in response.text
    response = client.post(
        p1_url(world, "participants:edit"), {"first_name": "Changed", "last_name": "x"}
    )
    assert response.status_code == 403
    world.p1.refresh_from_db()
    assert world.p1.first_name != "Changed"


def test_only_the_author_or_an_admin_edits_a_case_note(client_for, world, partner_a):
    colleague = UserFactory(roles=["coach"], partner=partner_a, mfa=True)
    client = Client()
    client.force_login(colleague)
    assert client.get(p1_url(world, "participants:detail")).status_code == 200
    assert client.get(p1_url(world, "participants:contact_edit")).status_code == 403


def test_a_child_of_another_participant_is_404_even_through_a_visible_participant(
    client_for, world
):
    # coach_a sees P1, but P2's case note must not be reachable through P1's URL
    url = reverse(
        "participants:contact_edit",
        kwargs={"public_id": world.p1.public_id, "item_id": world.c2.note.public_id},
    )
    assert client_for("coach_a").get(url).status_code == 404
    url = reverse(
        "participants:document_download",
        kwargs={"public_id": world.p1.public_id, "item_id": world.c2.document.public_id},
    )
    assert client_for("coach_a").get(url).status_code == 404


def test_access_helper_404_and_403(world):
    assert get_participant_for_user(world.coach_a, world.p1.public_id) == world.p1
    with pytest.raises(Http404):
        get_participant_for_user(world.coach_b, world.p1.public_id)
    with pytest.raises(Http404):
        get_participant_for_user(world.contact_x, world.p1.public_id)
    with pytest.raises(PermissionDenied):
        get_participant_for_user(world.manager, world.p1.public_id, need="change")
    assert get_participant_for_user(world.admin, world.p1.public_id, need="change") == world.p1


def test_case_lists_show_only_visible_participants(client_for, world):
    response = client_for("coach_b").get(reverse("participants:caseload"))
    assert world.p2.first_name in response.text
    assert world.p1.first_name not in response.text
    response = client_for("coach_b").get(
        reverse("participants:activity_detail", kwargs={"public_id": world.activity_a.public_id})
    )
    assert response.status_code == 200
    assert world.p1.first_name not in response.text  # who attended stays hidden


def test_nothing_of_p1_leaks_to_another_partners_coach(client_for, world):
    client = client_for("coach_b")
    pages = [
        reverse("participants:caseload"),
        reverse("participants:caseload") + "?q=Pia",
        reverse("participants:activity_list"),
        reverse("participants:activity_detail", kwargs={"public_id": world.activity_a.public_id}),
        reverse("participants:attendance_edit", kwargs={"public_id": world.activity_a.public_id}),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        assert MARKER not in response.text, url

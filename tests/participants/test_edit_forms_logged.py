"""The edit form of each part of a case file shows personal data: its GET is logged
(SECURITY 19), its POST is not (the write is the service's)."""

import pytest
from django.urls import reverse

from jump.audit.models import AccessLog

EDIT_FORMS = {
    "participants:assessment_edit": "assessment",
    "participants:plan_edit": "plan",
    "participants:goal_edit": "goal",
    "participants:step_edit": "step",
    "participants:contact_edit": "note",
}


@pytest.mark.parametrize("url_name", sorted(EDIT_FORMS))
def test_opening_an_edit_form_of_a_case_file_is_logged(client_for, world, url_name):
    item = getattr(world.c1, EDIT_FORMS[url_name])
    url = reverse(url_name, kwargs={"public_id": world.p1.public_id, "item_id": item.public_id})
    client = client_for("coach_a")

    assert client.get(url).status_code == 200
    entry = AccessLog.objects.get()
    assert (entry.actor, entry.participant, entry.action) == (
        world.coach_a,
        world.p1,
        AccessLog.Action.VIEW,
    )

    client.post(url, {})
    assert AccessLog.objects.count() == 1


@pytest.mark.parametrize("url_name", sorted(EDIT_FORMS))
def test_an_edit_form_refused_writes_no_log(client_for, world, url_name):
    item = getattr(world.c1, EDIT_FORMS[url_name])
    url = reverse(url_name, kwargs={"public_id": world.p1.public_id, "item_id": item.public_id})
    assert client_for("manager").get(url).status_code == 403
    assert client_for("coach_b").get(url).status_code == 404
    assert not AccessLog.objects.exists()

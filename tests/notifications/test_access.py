import pytest
from django.urls import reverse

from tests.access_matrix import PERSONAS, check

from .matrix import MATRIX


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", [name for name in MATRIX if not name.endswith(":*")])
def test_notifications_access_matrix(client_for, world, url_name, persona):
    check(client_for, world, url_name, MATRIX[url_name], persona)


@pytest.mark.parametrize("url_name", ["notifications:mark_read", "notifications:mark_all_read"])
def test_state_changes_refuse_get(client_for, world, url_name):
    kwargs = {"public_id": world.notification.public_id} if "mark_read" in url_name else None
    response = client_for("coach_a").get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 405

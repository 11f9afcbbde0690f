"""What every page pays for the logged-in user: the roles and the MFA check in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["coach_a", "manager", "contact_x"])
def test_roles_and_mfa_are_read_once_per_request(client_for, persona):
    client = client_for(persona)
    page = "companies:offer_list" if persona == "contact_x" else "participants:caseload"
    url = reverse(page)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    sql = [query["sql"] for query in queries.captured_queries]
    assert len([text for text in sql if text.startswith('SELECT "auth_group"."name"')]) == 1
    assert not [text for text in sql if text.startswith('SELECT 1 AS "a" FROM "mfa_authenticator"')]


def test_a_user_without_totp_is_still_sent_to_set_it_up(client_for, personas):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=personas.coach_a).delete()
    response = client_for("coach_a").get(reverse("participants:caseload"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

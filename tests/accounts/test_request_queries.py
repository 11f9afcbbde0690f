"""What every page pays for the logged-in user: the roles and the MFA check are read in one
query, kept in the session, and read again as soon as the user's roles or second factors change."""

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
    # Read on the first request, kept in the session since: no query on the second.
    assert not [text for text in sql if text.startswith('SELECT "auth_group"."name"')]
    assert not [text for text in sql if "mfa_authenticator" in text]
    assert not [text for text in sql if "django_session" in text and "UPDATE" in text]


def _roles_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(
        [q for q in queries.captured_queries if q["sql"].startswith('SELECT "auth_group"."name"')]
    )


def test_a_role_taken_away_holds_from_the_next_request(client_for, personas):
    from django.contrib.auth.models import Group

    client = client_for("coach_a")
    url = reverse("participants:caseload")
    assert client.get(url).status_code == 200
    assert _roles_queries(client, url) == 0
    personas.coach_a.groups.remove(Group.objects.get(name="coach"))
    assert client.get(url).status_code == 404
    assert _roles_queries(client, url) == 0  # read once after the change, kept again


def test_a_role_given_holds_from_the_next_request_also_when_given_from_the_groups_side(
    client_for, personas
):
    from django.contrib.auth.models import Group

    client = client_for("trainer")
    url = reverse("participants:caseload")
    assert client.get(url).status_code == 404
    Group.objects.get(name="coach").user_set.add(personas.trainer)
    response = client.get(url)
    # A coach without TOTP is sent to set it up: the new role is known at once.
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    Group.objects.get(name="coach").user_set.clear()
    assert client.get(url).status_code == 404


def test_a_second_factor_removed_holds_from_the_next_request(client_for, personas):
    from allauth.mfa.models import Authenticator

    client = client_for("coach_a")
    url = reverse("participants:caseload")
    assert client.get(url).status_code == 200
    Authenticator.objects.filter(user=personas.coach_a).delete()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_user_without_totp_is_still_sent_to_set_it_up(client_for, personas):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=personas.coach_a).delete()
    response = client_for("coach_a").get(reverse("participants:caseload"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

"""SECURITY 13 — the admin site only for the admin role, with MFA; case notes, documents and
support needs are not registered there."""

import pytest
from django.contrib import admin
from django.urls import reverse

from companies.models import SupportAction, SupportNeed
from participants.models import Activity, Contact, Document, Participant
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_sec_13_an_admin_without_mfa_is_sent_to_mfa_setup_from_every_admin_page(client):
    client.force_login(UserFactory(email="new.admin@example.org", roles=["admin"]))
    for name in ("admin:index", "admin:accounts_user_changelist", "admin:auth_group_changelist"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("persona", ["coach_a", "contact_x", "manager", "trainer", "outsider"])
def test_sec_13_every_admin_changelist_is_403_for_other_roles(client_for, persona):
    client = client_for(persona)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 403, url


def test_sec_13_admin_site_is_only_for_administrators(client_for):
    assert client_for("admin").get(reverse("admin:index")).status_code == 200
    assert client_for("manager").get(reverse("admin:index")).status_code == 403


def test_sec_13_case_notes_and_documents_are_not_in_the_admin():
    assert not admin.site.is_registered(Contact)
    assert not admin.site.is_registered(Document)
    assert admin.site.is_registered(Participant)
    assert admin.site.is_registered(Activity)


def test_sec_13_support_needs_and_actions_are_not_in_the_admin():
    assert not admin.site.is_registered(SupportNeed)
    assert not admin.site.is_registered(SupportAction)

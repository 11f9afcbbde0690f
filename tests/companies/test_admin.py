"""The companies app in the Django admin (administrators only; SECURITY 13)."""

import pytest
from django.urls import reverse

from companies.models import (
    Company,
    CompanyContact,
    Invitation,
    Offer,
    Placement,
    PlacementFeedback,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", [Company, CompanyContact, Invitation, Offer, Placement, PlacementFeedback]
)
def test_admin_changelists_open_for_administrators_only(client_for, world, model):
    url = reverse(f"admin:companies_{model._meta.model_name}_changelist")
    assert client_for("admin").get(url).status_code == 200
    assert client_for("coach_a").get(url).status_code == 403
    assert client_for("contact_x").get(url).status_code == 403


def test_invitations_cannot_be_added_in_the_admin(client_for):
    assert client_for("admin").get(reverse("admin:companies_invitation_add")).status_code == 403


def test_the_admin_validates_the_cvr_number(client_for, company_y):
    url = reverse("admin:companies_company_change", args=[company_y.pk])
    client = client_for("admin")
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "name": company_y.name,
        "country": "DK",
        "cvr": "13585627",
        "sector": company_y.sector,
        "status": company_y.status,
        "responsible_partner": company_y.responsible_partner_id,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "cvr" in response.context["adminform"].form.errors
    company_y.refresh_from_db()
    assert company_y.cvr != "13585627"

"""The offer list shows a page at a time (at programme scale: tens of thousands of offers)."""

import pytest
from django.urls import reverse

from companies.views.offers import OFFER_PAGE_SIZE
from tests.factories.companies import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["contact_x", "coach_a"])
def test_offer_list_is_paginated_and_keeps_the_filters(personas, company_x, client_for, persona):
    OfferFactory.create_batch(OFFER_PAGE_SIZE + 1, company=company_x, kind="internship")
    client = client_for(persona)
    url = reverse("companies:offer_list")

    first = client.get(url, {"kind": "internship"})
    assert first.status_code == 200
    assert len(first.context["offers"]) == OFFER_PAGE_SIZE
    assert first.context["page"].paginator.num_pages == 2
    assert "kind=internship&amp;page=2" in first.content.decode()

    second = client.get(url, {"kind": "internship", "page": 2})
    assert len(second.context["offers"]) == 1
    shown = {offer.pk for offer in first.context["offers"]} | {
        offer.pk for offer in second.context["offers"]
    }
    assert len(shown) == OFFER_PAGE_SIZE + 1


def test_a_page_out_of_range_shows_the_last_page(personas, company_x, client_for):
    OfferFactory.create_batch(3, company=company_x)
    response = client_for("contact_x").get(reverse("companies:offer_list"), {"page": "99"})
    assert response.status_code == 200
    assert len(response.context["offers"]) == 3
    response = client_for("contact_x").get(reverse("companies:offer_list"), {"page": "x"})
    assert response.status_code == 200

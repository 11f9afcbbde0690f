"""Hostile input never gives a 500 or a partial write (SECURITY 14, 15)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companies.models import Company, Offer, SupportNeed

pytestmark = pytest.mark.django_db

NASTY = st.one_of(
    st.text(max_size=300),
    st.just("\x00"),
    st.just("\u202egnp.exe"),
    st.just("💥" * 500),
    st.just("x" * 10_000),
    st.just("<script>alert(1)</script>"),
    st.just("2026-02-30"),
    st.just("-1"),
    st.just("99999999999999999999"),
)
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(name=NASTY, cvr=NASTY, court=NASTY, number=NASTY, city=NASTY)
def test_company_form(client_for, personas, name, cvr, court, number, city):
    before = Company.objects.count()
    response = client_for("coach_a").post(
        reverse("companies:company_create"),
        {
            "name": name,
            "country": "DK",
            "cvr": cvr,
            "register_court": court,
            "register_number": number,
            "city": city,
            "sector": "it",
            "status": "prospect",
            "responsible_partner": personas.coach_a.partner_id,
        },
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Company.objects.count() == before


@SETTINGS
@given(title=NASTY, place=NASTY, start=NASTY, end=NASTY, places=NASTY, language=NASTY)
def test_offer_form(client_for, company_x, title, place, start, end, places, language):
    before = Offer.objects.count()
    response = client_for("contact_x").post(
        reverse("companies:offer_create", args=[company_x.public_id]),
        {
            "kind": "job",
            "title": title,
            "place": place,
            "start_date": start,
            "end_date": end,
            "places": places,
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "0",
            "languages-0-language": language,
            "languages-0-min_level": "B1",
        },
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Offer.objects.count() == before
    assert b"<script>alert(1)</script>" not in response.content


@SETTINGS
@given(kind=NASTY, description=NASTY)
def test_support_form(client_for, company_x, kind, description):
    before = SupportNeed.objects.count()
    response = client_for("contact_x").post(
        reverse("companies:support_need_create", args=[company_x.public_id]),
        {"kind": kind, "description": description},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert SupportNeed.objects.count() == before


@SETTINGS
@given(token=st.text(min_size=1, max_size=200).filter(lambda t: "/" not in t))
def test_invitation_tokens(client, token):
    from urllib.parse import quote

    response = client.get(f"/en/companies/invitations/{quote(token, safe='')}/")
    assert response.status_code in (404, 410)

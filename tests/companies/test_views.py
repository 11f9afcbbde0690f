"""The companies pages: forms show errors on the right field, nothing is half-saved, messages."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from companies.models import Company, Offer, Placement, PlacementFeedback, SupportNeed
from tests.factories.companies import CompanyFactory, OfferFactory, PlacementFactory

from .conftest import P1_FIRST_NAME, P2_FIRST_NAME
from .test_queries import sharing_participant

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def company_form(**overrides):
    data = {
        "name": "Grenzland Logistik GmbH",
        "country": "DE",
        "cvr": "",
        "register_court": "Amtsgericht Flensburg",
        "register_number": "HRB 9999",
        "sector": "logistics",
        "status": "prospect",
        "responsible_partner": "",
    }
    return {**data, **overrides}


# --- the register ---------------------------------------------------------------------------


def test_coach_registers_a_company_with_their_partner_preselected(client_for, personas):
    client = client_for("coach_a")
    page = client.get(reverse("companies:company_create"))
    assert page.context["form"].initial["responsible_partner"] == personas.coach_a.partner
    response = client.post(
        reverse("companies:company_create"),
        company_form(responsible_partner=personas.coach_a.partner_id),
    )
    company = Company.objects.get(name="Grenzland Logistik GmbH")
    assert response.status_code == 302
    assert response["Location"] == reverse("companies:company_detail", args=[company.public_id])
    assert (company.register_court, company.register_number) == ("Flensburg", "HRB 9999")
    assert company.created_by == personas.coach_a


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"country": "DK", "cvr": "13585627"}, "cvr"),  # wrong check digit
        ({"register_court": ""}, "register_court"),  # German number without court
        ({"register_number": "HRX 1"}, "register_number"),
    ],
)
def test_bad_registration_numbers_show_the_form_again_with_the_error(
    client_for, personas, overrides, field
):
    before = Company.objects.count()
    response = client_for("coach_a").post(
        reverse("companies:company_create"),
        company_form(responsible_partner=personas.coach_a.partner_id, **overrides),
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert Company.objects.count() == before


def test_a_cvr_with_spaces_and_prefix_is_accepted(client_for, personas):
    client_for("coach_a").post(
        reverse("companies:company_create"),
        company_form(
            country="DK",
            cvr="DK 13 58 56 28",
            register_court="Flensburg",  # the other country's fields are ignored
            responsible_partner=personas.coach_a.partner_id,
        ),
    )
    company = Company.objects.get(name="Grenzland Logistik GmbH")
    assert (company.cvr, company.register_number) == ("13585628", "")


def test_company_list_filters_searches_and_paginates(client_for, personas, partner_b):
    for index in range(26):
        CompanyFactory(
            name=f"Bau {index:02d}", sector="construction", responsible_partner=partner_b
        )
    findable = CompanyFactory(name="Findmich GmbH", country="DE", sector="it")
    client = client_for("coach_a")
    url = reverse("companies:company_list")

    first = client.get(url, {"sector": "construction"})
    assert len(first.context["page"].object_list) == 25
    assert first.context["page"].paginator.count == 26
    second = client.get(url, {"sector": "construction", "page": 2})
    assert len(second.context["page"].object_list) == 1
    assert "sector=construction" in second.content.decode()

    by_name = client.get(url, {"q": "findm"})
    assert list(by_name.context["page"].object_list) == [findable]
    by_cvr = client.get(url, {"q": personas.contact_y.company.cvr[:6]})
    assert personas.contact_y.company in by_cvr.context["page"].object_list
    by_country = client.get(url, {"country": "DE"})
    assert {c.country for c in by_country.context["page"].object_list} == {"DE"}
    by_partner = client.get(url, {"partner": partner_b.public_id, "sector": "construction"})
    assert by_partner.context["page"].paginator.count == 26


def test_company_contact_cannot_change_registration_or_status_through_the_profile(
    client_for, company_x
):
    response = client_for("contact_x").post(
        reverse("companies:profile_edit"),
        {
            "name": "Company X GmbH",
            "sector": "food",
            "status": "inactive",
            "register_number": "HRB 1",
            "responsible_partner": "",
        },
    )
    assert response.status_code == 302
    company_x.refresh_from_db()
    assert (company_x.name, company_x.sector) == ("Company X GmbH", "food")
    assert company_x.status == Company.Status.ACTIVE
    assert company_x.register_number == "HRB 1234"


# --- offers ---------------------------------------------------------------------------------


def offer_form(**overrides):
    data = {
        "kind": "internship",
        "title": "Praktikum Lager",
        "description": "",
        "place": "Flensburg",
        "start_date": "2026-09-01",
        "end_date": "2026-09-30",
        "places": "2",
        "languages-TOTAL_FORMS": "3",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "4",
        "languages-0-language": "de",
        "languages-0-min_level": "A2",
        "languages-1-language": "",
        "languages-1-min_level": "",
        "languages-2-language": "",
        "languages-2-min_level": "",
    }
    return {**data, **overrides}


def test_company_contact_posts_an_offer_with_language_requirements(client_for, company_x):
    response = client_for("contact_x").post(
        reverse("companies:offer_create", args=[company_x.public_id]), offer_form()
    )
    offer = Offer.objects.get()
    assert response.status_code == 302
    assert offer.company == company_x and offer.status == Offer.Status.DRAFT
    assert list(offer.language_requirements.values_list("language", "min_level")) == [("de", "A2")]


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"end_date": "2026-08-01"}, "end_date"),
        ({"places": "0"}, "places"),
        ({"places": "500"}, "places"),
        ({"start_date": "2026-02-30"}, "start_date"),
    ],
)
def test_bad_offer_input_shows_the_form_again(client_for, company_x, overrides, field):
    response = client_for("contact_x").post(
        reverse("companies:offer_create", args=[company_x.public_id]), offer_form(**overrides)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Offer.objects.exists()


def test_a_language_required_twice_is_a_formset_error(client_for, company_x):
    response = client_for("contact_x").post(
        reverse("companies:offer_create", args=[company_x.public_id]),
        offer_form(**{"languages-1-language": "de", "languages-1-min_level": "B1"}),
    )
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert not Offer.objects.exists()


def test_places_below_those_taken_is_an_error_on_places(client_for, world):
    PlacementFactory(offer=world.offer_x, status=Placement.Status.ACCEPTED)
    PlacementFactory(offer=world.offer_x, status=Placement.Status.ACTIVE)
    response = client_for("contact_x").post(
        reverse("companies:offer_edit", args=[world.offer_x.public_id]), offer_form(places="1")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["places"]
    world.offer_x.refresh_from_db()
    assert world.offer_x.places == 2


def test_publish_and_close_are_buttons_that_post(client_for, world):
    client = client_for("contact_x")
    client.post(reverse("companies:offer_publish", args=[world.offer_x_draft.public_id]))
    world.offer_x_draft.refresh_from_db()
    assert world.offer_x_draft.status == Offer.Status.PUBLISHED
    client.post(reverse("companies:offer_close", args=[world.offer_x_draft.public_id]))
    world.offer_x_draft.refresh_from_db()
    assert world.offer_x_draft.status == Offer.Status.CLOSED
    edit = client.get(reverse("companies:offer_edit", args=[world.offer_x_draft.public_id]))
    assert edit.status_code == 302  # closed: back to the offer with a message


# --- placements -----------------------------------------------------------------------------


def test_the_propose_list_holds_only_visible_consenting_participants(client_for, world):
    client = client_for("coach_a")
    url = reverse("companies:placement_propose", args=[world.offer_x2.public_id])
    choices = client.get(url).context["form"].fields["participant"].queryset
    assert world.p1 in choices
    assert world.p2 not in choices
    refused = client.post(url, {"participant": world.p2.public_id})
    assert refused.status_code == 200
    assert refused.context["form"].errors["participant"]
    assert not world.offer_x2.placements.filter(participant=world.p2).exists()
    # Already in this offer: not in the list again.
    already = (
        client.get(reverse("companies:placement_propose", args=[world.offer_x.public_id]))
        .context["form"]
        .fields["participant"]
        .queryset
    )
    assert world.p1 not in already


def test_coach_proposes_and_the_company_accepts(client_for, world):
    offer = OfferFactory(company=world.company_x)
    response = client_for("coach_a").post(
        reverse("companies:placement_propose", args=[offer.public_id]),
        {"participant": world.p1.public_id, "start_date": "", "end_date": ""},
    )
    placement = offer.placements.get()
    assert response.status_code == 302
    assert placement.cross_border
    accepted = client_for("contact_x").post(
        reverse("companies:placement_accept", args=[placement.public_id])
    )
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACCEPTED
    assert messages_of(accepted) == ["The proposal was accepted."]


def test_accepting_the_last_place_twice_gives_a_clear_message(client_for, personas, world):
    offer = OfferFactory(company=world.company_x, places=1)
    first = PlacementFactory(offer=offer, participant=world.p1)
    second = PlacementFactory(
        offer=offer, participant=sharing_participant(personas, world.p1.partner)
    )
    client = client_for("contact_x")
    client.post(reverse("companies:placement_accept", args=[first.public_id]))
    response = client.post(reverse("companies:placement_accept", args=[second.public_id]))
    assert response.status_code == 302
    assert "All places of this offer are already taken" in messages_of(response)[-1]
    second.refresh_from_db()
    assert second.status == Placement.Status.PROPOSED


def test_declining_needs_a_reason_and_a_declined_proposal_cannot_be_accepted(client_for, world):
    client = client_for("contact_x")
    url = reverse("companies:placement_decline", args=[world.placement_p1.public_id])
    empty = client.post(url, {"decline_reason": "  "})
    assert empty.status_code == 200
    assert empty.context["form"].errors["decline_reason"]
    client.post(url, {"decline_reason": "We need someone with a driving licence."})
    world.placement_p1.refresh_from_db()
    assert world.placement_p1.status == Placement.Status.DECLINED
    again = client.post(reverse("companies:placement_accept", args=[world.placement_p1.public_id]))
    assert messages_of(again)[-1] == "This proposal was already declined."
    world.placement_p1.refresh_from_db()
    assert world.placement_p1.status == Placement.Status.DECLINED


def test_the_company_gives_feedback_at_the_end(client_for, world):
    url = reverse("companies:placement_feedback", args=[world.placement_p1_done.public_id])
    client = client_for("contact_x")
    bad = client.post(
        url,
        {
            "punctuality": "9",
            "motivation": "4",
            "skills": "4",
            "language": "3",
            "would_hire": "True",
        },
    )
    assert bad.status_code == 200
    assert bad.context["form"].errors["punctuality"]
    client.post(
        url,
        {
            "punctuality": "5",
            "motivation": "4",
            "skills": "4",
            "language": "3",
            "would_hire": "False",
            "comments": "Thanks!",
        },
    )
    feedback = world.placement_p1_done.feedback.get(side=PlacementFeedback.Side.COMPANY)
    assert (feedback.punctuality, feedback.would_hire, feedback.author) == (
        5,
        False,
        world.personas.contact_x,
    )


def test_feedback_before_the_start_is_refused_with_a_message(client_for, world):
    response = client_for("contact_x").get(
        reverse("companies:placement_feedback", args=[world.placement_p1.public_id])
    )
    assert response.status_code == 302
    assert messages_of(response) == ["Feedback can be given once the placement has started."]


def test_the_coach_ticks_the_cross_border_checklist(client_for, world):
    client_for("coach_a").post(
        reverse("companies:placement_checklist", args=[world.placement_p1.public_id]),
        {"health_insurance_card": "on", "tax_card": "on"},
    )
    world.placement_p1.refresh_from_db()
    assert world.placement_p1.health_insurance_card and world.placement_p1.tax_card
    assert not world.placement_p1.accident_insurance


def test_contact_lists_show_only_consenting_participants(client_for, world):
    client = client_for("contact_x")
    portal = client.get(reverse("companies:portal")).content.decode()
    assert P1_FIRST_NAME in portal and P2_FIRST_NAME not in portal
    placements = client.get(reverse("companies:placement_list")).content.decode()
    assert P1_FIRST_NAME in placements  # the completed placement
    offer = client.get(reverse("companies:offer_detail", args=[world.offer_x.public_id]))
    assert [row.first_name for row in offer.context["shared"]] == [P1_FIRST_NAME]


# --- support --------------------------------------------------------------------------------


def test_company_asks_for_support_and_coach_logs_an_action(client_for, company_x):
    client_for("contact_x").post(
        reverse("companies:support_need_create", args=[company_x.public_id]),
        {"kind": "language_help", "description": "Danish lessons for our foreman"},
    )
    need = SupportNeed.objects.get(company=company_x, kind="language_help")
    coach = client_for("coach_a")
    bad = coach.post(
        reverse("companies:support_action_create", args=[need.public_id]),
        {"date": "2026-03-01", "description": "Lesson", "hours": "-2"},
    )
    assert bad.status_code == 200 and bad.context["form"].errors["hours"]
    coach.post(
        reverse("companies:support_action_create", args=[need.public_id]),
        {"date": "2026-03-01", "description": "Lesson", "hours": "1.5"},
    )
    need.refresh_from_db()
    assert need.status == SupportNeed.Status.IN_PROGRESS
    assert need.actions.get().hours == 1.5


# --- navigation -----------------------------------------------------------------------------


def test_navigation_and_home_per_role(client_for, company_x):
    contact = client_for("contact_x")
    assert contact.get(reverse("home"))["Location"] == reverse("companies:portal")
    portal = contact.get(reverse("companies:portal")).content.decode()
    href = 'href="{}"'.format
    assert href(reverse("companies:proposal_list")) in portal
    assert href(reverse("companies:company_list")) not in portal
    coach_page = client_for("coach_a").get(reverse("companies:company_list")).content.decode()
    assert href(reverse("companies:company_list")) in coach_page
    assert href(reverse("companies:portal")) not in coach_page


@pytest.mark.parametrize("page", ["offer_list", "company_detail", "portal"])
def test_the_offer_table_rows_show_places_and_status_without_per_row_templates(
    client_for, world, page
):
    """Issue 20: the places text is made once per page in the view, the status badge and the
    requirements inline; the words and classes are those the includes rendered."""
    OfferFactory(company=world.company_x, places=3, title="Welding in Tønder")
    if page == "offer_list":
        response = client_for("coach_a").get(reverse("companies:offer_list"))
    elif page == "company_detail":
        response = client_for("coach_a").get(
            reverse("companies:company_detail", args=[world.company_x.public_id])
        )
    else:
        response = client_for("contact_x").get(reverse("companies:portal"))
    html = response.text
    assert "Welding in Tønder" in html
    assert "<td>0 of 3</td>" in html
    assert '<span class="badge status-badge text-bg-success">Published</span>' in html
    assert "No language requirements" in html

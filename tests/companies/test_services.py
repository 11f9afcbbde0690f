"""The companies services: rules, state machine, capacity, bad input (nothing half-saved)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from companies import services
from companies.models import (
    Company,
    Offer,
    OfferLanguageRequirement,
    Placement,
    PlacementFeedback,
    SupportNeed,
)
from tests.factories.companies import OfferFactory, PlacementFactory, SupportNeedFactory

from .conftest import withdraw_sharing

pytestmark = pytest.mark.django_db

D = datetime.date


# --- companies ------------------------------------------------------------------------------


def company_data(**overrides):
    data = {
        "name": "Nordic Wind ApS",
        "country": "DK",
        "cvr": "13585628",
        "sector": Company.Sector.ENERGY,
        "status": Company.Status.PROSPECT,
    }
    return {**data, **overrides}


def test_company_create_takes_the_coachs_partner_as_responsible_partner(personas):
    company = services.company_create(actor=personas.coach_a, **company_data())
    assert company.responsible_partner == personas.coach_a.partner
    assert company.created_by == personas.coach_a


def test_company_create_stores_the_german_register_entry_canonically(personas):
    company = services.company_create(
        actor=personas.coach_b,
        **company_data(
            country="DE", cvr="", register_court="Amtsgericht Kiel", register_number="hrb 42"
        ),
    )
    assert (company.register_court, company.register_number) == ("Kiel", "HRB 42")


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"cvr": "13585627"}, "cvr"),
        ({"cvr": ""}, "cvr"),
        ({"country": "DE", "cvr": "", "register_number": "HRB 1234"}, "register_court"),
        (
            {"country": "DE", "cvr": "", "register_court": "Nowhere", "register_number": "HRB 1"},
            "register_court",
        ),
        ({"name": ""}, "name"),
    ],
)
def test_company_create_rejects_bad_registration_and_saves_nothing(personas, overrides, field):
    before = Company.objects.count()
    with pytest.raises(ValidationError) as error:
        services.company_create(actor=personas.coach_a, **company_data(**overrides))
    assert field in error.value.error_dict
    assert Company.objects.count() == before


def test_company_create_refuses_a_duplicate_cvr(personas, company_y):
    with pytest.raises(ValidationError, match="already registered"):
        services.company_create(actor=personas.coach_a, **company_data(cvr=company_y.cvr))


def test_company_create_is_for_coaches_and_admins_only(personas):
    for persona in ("manager", "contact_x", "trainer"):
        with pytest.raises(PermissionDenied):
            services.company_create(actor=getattr(personas, persona), **company_data())


def test_company_create_without_partner_asks_for_one(personas):
    with pytest.raises(ValidationError) as error:
        services.company_create(actor=personas.admin, **company_data())
    assert "responsible_partner" in error.value.error_dict


def test_company_contact_edits_the_profile_but_not_registration_or_status(personas, company_x):
    services.company_update_profile(
        actor=personas.contact_x, company=company_x, name="Company X GmbH", city="Flensburg"
    )
    company_x.refresh_from_db()
    assert (company_x.name, company_x.city) == ("Company X GmbH", "Flensburg")
    with pytest.raises(TypeError):
        services.company_update_profile(
            actor=personas.contact_x, company=company_x, status=Company.Status.INACTIVE
        )
    with pytest.raises(PermissionDenied):
        services.company_update_profile(actor=personas.contact_y, company=company_x, name="Y")


# --- offers ---------------------------------------------------------------------------------


def offer_data(**overrides):
    data = {
        "kind": Offer.Kind.INTERNSHIP,
        "title": "Internship",
        "place": "Flensburg",
        "start_date": D(2026, 9, 1),
        "end_date": D(2026, 9, 30),
        "places": 2,
    }
    return {**data, **overrides}


def test_offer_create_saves_a_draft_with_its_language_requirements(personas, company_x):
    offer = services.offer_create(
        actor=personas.contact_x,
        company=company_x,
        language_requirements=[("de", "B1"), ("da", "A2")],
        **offer_data(),
    )
    assert offer.status == Offer.Status.DRAFT
    assert sorted(offer.language_requirements.values_list("language", "min_level")) == [
        ("da", "A2"),
        ("de", "B1"),
    ]


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"end_date": D(2026, 8, 31)}, "end_date"),
        ({"places": 0}, "places"),
        ({"places": 101}, "places"),
        ({"title": ""}, "title"),
    ],
)
def test_offer_create_rejects_bad_input_and_saves_nothing(personas, company_x, overrides, field):
    with pytest.raises(ValidationError) as error:
        services.offer_create(
            actor=personas.contact_x, company=company_x, **offer_data(**overrides)
        )
    assert field in error.value.error_dict
    assert not Offer.objects.exists()


def test_offer_create_with_a_bad_language_requirement_leaves_no_offer(personas, company_x):
    with pytest.raises(ValidationError):
        services.offer_create(
            actor=personas.contact_x,
            company=company_x,
            language_requirements=[("de", "B1"), ("de", "A2")],
            **offer_data(),
        )
    assert not Offer.objects.exists()
    assert not OfferLanguageRequirement.objects.exists()


def test_a_contact_cannot_create_offers_for_another_company(personas, company_y):
    with pytest.raises(PermissionDenied):
        services.offer_create(actor=personas.contact_x, company=company_y, **offer_data())


def test_offer_places_cannot_drop_below_the_places_taken(personas, company_x):
    offer = OfferFactory(company=company_x, places=3)
    PlacementFactory(offer=offer, status=Placement.Status.ACCEPTED)
    PlacementFactory(offer=offer, status=Placement.Status.ACTIVE)
    with pytest.raises(ValidationError) as error:
        services.offer_update(actor=personas.contact_x, offer=offer, places=1)
    assert "places" in error.value.error_dict
    offer.refresh_from_db()
    assert offer.places == 3
    services.offer_update(actor=personas.contact_x, offer=offer, places=2)
    offer.refresh_from_db()
    assert offer.places == 2


def test_offer_flow_draft_published_closed(personas, company_x):
    offer = OfferFactory(company=company_x, status=Offer.Status.DRAFT)
    offer = services.offer_publish(actor=personas.contact_x, offer=offer)
    assert offer.status == Offer.Status.PUBLISHED and offer.published_at
    with pytest.raises(ValidationError):
        services.offer_publish(actor=personas.contact_x, offer=offer)
    offer = services.offer_close(actor=personas.contact_x, offer=offer)
    assert offer.status == Offer.Status.CLOSED and offer.closed_at
    with pytest.raises(ValidationError, match="closed offer cannot be changed"):
        services.offer_update(actor=personas.contact_x, offer=offer, title="New")


def test_a_programme_manager_reads_but_does_not_change_offers(personas, company_x):
    offer = OfferFactory(company=company_x)
    with pytest.raises(PermissionDenied):
        services.offer_close(actor=personas.manager, offer=offer)


# --- placements -----------------------------------------------------------------------------


def test_coach_proposes_a_consenting_participant_and_cross_border_is_derived(personas, world):
    offer = OfferFactory(company=world.company_x)  # German company, P1 lives in Denmark
    placement = services.placement_propose(
        actor=personas.coach_a, offer=offer, participant=world.p1
    )
    assert placement.status == Placement.Status.PROPOSED
    assert placement.cross_border is True
    assert placement.proposed_by == personas.coach_a
    assert (placement.start_date, placement.end_date) == (offer.start_date, offer.end_date)
    danish = services.placement_propose(
        actor=personas.coach_a, offer=OfferFactory(company=world.company_y), participant=world.p1
    )
    assert danish.cross_border is False


def test_a_participant_without_sharing_consent_cannot_be_proposed(personas, world):
    offer = OfferFactory(company=world.company_x)
    with pytest.raises(ValidationError) as error:
        services.placement_propose(actor=personas.coach_a, offer=offer, participant=world.p2)
    assert "participant" in error.value.error_dict
    assert not offer.placements.exists()


def test_a_withdrawn_consent_stops_new_proposals(personas, world):
    withdraw_sharing(world.p1, by=personas.coach_a)
    with pytest.raises(ValidationError):
        services.placement_propose(
            actor=personas.coach_a,
            offer=OfferFactory(company=world.company_x),
            participant=world.p1,
        )


def test_a_coach_cannot_propose_a_participant_of_another_partner(personas, world):
    with pytest.raises(ValidationError):
        services.placement_propose(
            actor=personas.coach_b,
            offer=OfferFactory(company=world.company_x),
            participant=world.p1,
        )


def test_proposals_need_a_published_offer_and_no_open_duplicate(personas, world):
    draft = OfferFactory(company=world.company_x, status=Offer.Status.DRAFT)
    with pytest.raises(ValidationError, match="published"):
        services.placement_propose(actor=personas.coach_a, offer=draft, participant=world.p1)
    with pytest.raises(ValidationError) as error:
        services.placement_propose(
            actor=personas.coach_a, offer=world.offer_x, participant=world.p1
        )
    assert "participant" in error.value.error_dict


def test_company_contacts_do_not_propose(personas, world):
    with pytest.raises(PermissionDenied):
        services.placement_propose(
            actor=personas.contact_x, offer=world.offer_x2, participant=world.p1
        )


def test_the_whole_flow_proposed_accepted_active_completed(personas, world):
    placement = services.placement_accept(actor=personas.contact_x, placement=world.placement_p1)
    assert placement.status == Placement.Status.ACCEPTED
    assert placement.decided_by == personas.contact_x and placement.decided_at
    placement = services.placement_set_mentor(
        actor=personas.contact_x, placement=placement, mentor_name="Meister", mentor_contact="m@x"
    )
    placement = services.placement_start(
        actor=personas.coach_a, placement=placement, start_date=D(2026, 9, 2)
    )
    assert placement.status == Placement.Status.ACTIVE
    assert placement.start_date == D(2026, 9, 2)
    placement = services.placement_complete(
        actor=personas.contact_x, placement=placement, end_date=D(2026, 9, 20)
    )
    assert placement.status == Placement.Status.COMPLETED
    assert placement.end_date == D(2026, 9, 20)


def test_accepting_a_declined_proposal_is_refused(personas, world):
    services.placement_decline(
        actor=personas.contact_x, placement=world.placement_p1, reason="No driving licence"
    )
    with pytest.raises(ValidationError, match="already declined"):
        services.placement_accept(actor=personas.contact_x, placement=world.placement_p1)
    world.placement_p1.refresh_from_db()
    assert world.placement_p1.status == Placement.Status.DECLINED
    assert world.placement_p1.decline_reason == "No driving licence"


def test_declining_needs_a_reason(personas, world):
    with pytest.raises(ValidationError) as error:
        services.placement_decline(
            actor=personas.contact_x, placement=world.placement_p1, reason=" "
        )
    assert "decline_reason" in error.value.error_dict
    world.placement_p1.refresh_from_db()
    assert world.placement_p1.status == Placement.Status.PROPOSED


def test_accepting_more_than_the_places_is_refused(personas, world):
    offer = OfferFactory(company=world.company_x, places=1)
    first = PlacementFactory(offer=offer, participant=world.p1)
    second = PlacementFactory(offer=offer)
    services.placement_accept(actor=personas.admin, placement=first)
    with pytest.raises(ValidationError, match="All places of this offer are already taken"):
        services.placement_accept(actor=personas.admin, placement=second)
    second.refresh_from_db()
    assert second.status == Placement.Status.PROPOSED
    # An aborted placement frees its place.
    services.placement_abort(actor=personas.admin, placement=first)
    assert services.placement_accept(actor=personas.admin, placement=second).status == "accepted"


def test_a_closed_offer_accepts_no_proposal(personas, world):
    services.offer_close(actor=personas.contact_x, offer=world.offer_x)
    with pytest.raises(ValidationError, match="not published"):
        services.placement_accept(actor=personas.contact_x, placement=world.placement_p1)


def test_a_contact_cannot_decide_on_a_placement_without_consent(personas, world):
    with pytest.raises(Http404):
        services.placement_accept(actor=personas.contact_x, placement=world.placement_p2)
    with pytest.raises(Http404):
        services.placement_accept(actor=personas.contact_x, placement=world.placement_p1_y)


@pytest.mark.parametrize(
    "service, kwargs",
    [
        (services.placement_start, {}),
        (services.placement_complete, {}),
    ],
)
def test_steps_out_of_order_are_refused(personas, world, service, kwargs):
    with pytest.raises(ValidationError):
        service(actor=personas.coach_a, placement=world.placement_p1, **kwargs)
    world.placement_p1.refresh_from_db()
    assert world.placement_p1.status == Placement.Status.PROPOSED


def test_completing_before_the_start_date_is_refused(personas, world):
    placement = PlacementFactory(
        offer=OfferFactory(company=world.company_x),
        participant=world.p1,
        status=Placement.Status.ACTIVE,
        start_date=D(2026, 9, 10),
    )
    with pytest.raises(ValidationError) as error:
        services.placement_complete(
            actor=personas.coach_a, placement=placement, end_date=D(2026, 9, 1)
        )
    assert "end_date" in error.value.error_dict
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACTIVE


def test_the_checklist_is_for_cross_border_placements_and_coaches(personas, world):
    ticks = {
        "health_insurance_card": True,
        "tax_card": True,
        "accident_insurance": False,
        "travel_arranged": True,
    }
    placement = services.placement_update_checklist(
        actor=personas.coach_a, placement=world.placement_p1, **ticks
    )
    assert placement.health_insurance_card and not placement.checklist_complete
    with pytest.raises(PermissionDenied):
        services.placement_update_checklist(
            actor=personas.contact_x, placement=world.placement_p1, **ticks
        )
    with pytest.raises(ValidationError, match="cross-border"):
        services.placement_update_checklist(
            actor=personas.coach_a, placement=world.placement_p1_y, **ticks
        )


def feedback(**overrides):
    return {
        "punctuality": 4,
        "motivation": 5,
        "skills": 3,
        "language": 2,
        "would_hire": True,
        "comments": "",
        **overrides,
    }


def test_feedback_is_one_per_side_and_can_be_updated(personas, world):
    placement = world.placement_p1_done
    saved = services.placement_feedback_save(
        actor=personas.contact_x, placement=placement, **feedback(skills=1)
    )
    assert saved.side == PlacementFeedback.Side.COMPANY
    assert saved.pk == world.feedback_company.pk
    assert placement.feedback.filter(side="company").get().skills == 1
    coach = services.placement_feedback_save(
        actor=personas.coach_a, placement=placement, **feedback()
    )
    assert coach.side == PlacementFeedback.Side.COACH
    assert placement.feedback.count() == 2


@pytest.mark.parametrize("value", [0, 6])
def test_feedback_ratings_go_from_1_to_5(personas, world, value):
    with pytest.raises(ValidationError) as error:
        services.placement_feedback_save(
            actor=personas.contact_x,
            placement=world.placement_p1_done,
            **feedback(motivation=value),
        )
    assert "motivation" in error.value.error_dict


def test_feedback_waits_until_the_placement_has_started(personas, world):
    with pytest.raises(ValidationError, match="started"):
        services.placement_feedback_save(
            actor=personas.contact_x, placement=world.placement_p1, **feedback()
        )
    assert not world.placement_p1.feedback.exists()


def test_a_manager_gives_no_feedback(personas, world):
    with pytest.raises(PermissionDenied):
        services.placement_feedback_save(
            actor=personas.manager, placement=world.placement_p1_done, **feedback()
        )


# --- support --------------------------------------------------------------------------------


def test_a_company_asks_for_support_and_a_coach_logs_what_was_done(personas, company_x):
    need = services.support_need_create(
        actor=personas.contact_x,
        company=company_x,
        kind=SupportNeed.Kind.MENTORING,
        description="Our mentor needs a short training.",
    )
    assert need.requested_by == personas.contact_x
    action = services.support_action_create(
        actor=personas.coach_a,
        need=need,
        date=D(2026, 3, 2),
        description="Mentor training",
        hours=2.5,
    )
    need.refresh_from_db()
    assert need.status == SupportNeed.Status.IN_PROGRESS
    assert action.performed_by == personas.coach_a
    services.support_need_set_status(
        actor=personas.coach_a, need=need, status=SupportNeed.Status.DONE
    )
    with pytest.raises(ValidationError, match="closed"):
        services.support_action_create(
            actor=personas.coach_a, need=need, date=D(2026, 3, 3), description="More", hours=1
        )


def test_company_contacts_do_not_log_support_actions(personas, company_x):
    need = SupportNeedFactory(company=company_x)
    with pytest.raises(PermissionDenied):
        services.support_action_create(
            actor=personas.contact_x, need=need, date=D(2026, 3, 2), description="x", hours=1
        )


def test_negative_hours_are_refused(personas, company_x):
    need = SupportNeedFactory(company=company_x)
    with pytest.raises(ValidationError) as error:
        services.support_action_create(
            actor=personas.coach_a, need=need, date=D(2026, 3, 2), description="x", hours=-1
        )
    assert "hours" in error.value.error_dict
    assert not need.actions.exists()

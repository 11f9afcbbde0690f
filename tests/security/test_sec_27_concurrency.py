"""SECURITY 27 — two people taking the last place of an offer or of a training session at the
same moment: one gets it, the other a clear answer (offer full / the waiting list).

Needs PostgreSQL row locks (select_for_update): run with DATABASE_URL pointing at PostgreSQL.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from companies import services
from companies.models import Placement
from tests.companies.test_queries import sharing_participant
from tests.factories.companies import OfferFactory, PlacementFactory
from tests.factories.training_modules import SessionFactory
from tests.training_modules.test_services import _run_at_once, learner
from training_modules import services as training_services
from training_modules.models import Enrolment

POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL row locks (select_for_update); SQLite locks the whole database",
)


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("second", ["coach_a", "contact_x"])
def test_sec_27_two_people_taking_the_last_place_of_an_offer_at_once_one_succeeds(
    personas, partner_a, company_x, second
):
    offer = OfferFactory(company=company_x, places=2)
    PlacementFactory(
        offer=offer,
        participant=sharing_participant(personas, partner_a),
        status=Placement.Status.ACTIVE,
    )
    proposals = [
        PlacementFactory(offer=offer, participant=sharing_participant(personas, partner_a))
        for _ in range(2)
    ]
    actors = [personas.contact_x, getattr(personas, second)]
    start = threading.Barrier(2)
    results = []

    def take(actor, placement):
        try:
            start.wait()
            services.placement_accept(actor=actor, placement=placement)
            results.append("accepted")
        except ValidationError as exc:
            results.append(exc.code)
        except Exception as exc:  # noqa: BLE001 — reported by the assertion below
            results.append(repr(exc))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=take, args=(actor, proposal))
        for actor, proposal in zip(actors, proposals, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results) == ["accepted", "offer_full"]
    assert offer.placements.taking_places().count() == 2
    statuses = sorted(
        Placement.objects.filter(pk__in=[p.pk for p in proposals]).values_list("status", flat=True)
    )
    assert statuses == ["accepted", "proposed"]


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_sec_27_two_people_taking_the_last_place_of_a_session_at_once_one_gets_it_one_waits(
    training_slow,
):
    session = SessionFactory(capacity=1)
    people = [learner(), learner()]
    errors = _run_at_once(
        *[lambda p=p: training_services.enrolment_create(actor=p, session=session) for p in people]
    )
    assert errors == []
    statuses = sorted(session.enrolments.values_list("status", flat=True))
    assert statuses == [Enrolment.Status.ENROLLED, Enrolment.Status.WAITLISTED]

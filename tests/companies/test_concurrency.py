"""Two people taking the last place of an offer at the same moment (SECURITY.md 27)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from companies import services
from companies.models import Placement
from tests.factories.companies import OfferFactory, PlacementFactory

from .test_queries import sharing_participant


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL row locks (select_for_update); SQLite locks the whole database",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("second", ["coach_a", "contact_x"])
def test_two_people_taking_the_last_place_at_once_one_succeeds(
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

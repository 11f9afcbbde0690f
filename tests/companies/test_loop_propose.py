"""Issue 17 "Proposals that fit": propose from the case file, offers ordered by fit, unmet
languages confirmed, nobody who has left (or does not share) proposed; the company sees which
of its requirements are met."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from companies import fit
from companies.models import Offer, Placement
from companies.services import placements as placement_services
from jump.notifications.models import Notification
from participants.models import Participant
from tests.notifications import builders


def _offer(company, title, *, languages=(), kind=Offer.Kind.INTERNSHIP, **fields):
    offer = builders.offer(company, title=title, kind=kind, **fields)
    for language, level in languages:
        offer.language_requirements.create(language=language, min_level=level)
    return offer


@pytest.fixture
def young(personas):
    """A young person of coach_a living in Germany, German B1 (latest), Danish A1."""
    person = builders.participant(personas.coach_a, first_name="Lea", country_of_residence="DE")
    builders.sharing(person)
    person.language_skills.create(language="de", level="A1", assessed_on=datetime.date(2025, 1, 1))
    person.language_skills.create(language="de", level="B1", assessed_on=datetime.date(2026, 1, 1))
    person.language_skills.create(language="da", level="A1", assessed_on=datetime.date(2026, 1, 1))
    return person


@pytest.fixture
def offers(personas):
    x = personas.contact_x.company  # in Germany
    y = personas.contact_y.company  # in Denmark
    return {
        "danish_b2": _offer(x, "Needs Danish B2", languages=[("da", "B2")]),
        "german_b1_denmark": _offer(y, "German B1 in Denmark", languages=[("de", "B1")]),
        "german_a2": _offer(x, "German A2 in Germany", languages=[("de", "A2")]),
    }


def test_loop_offers_are_ordered_by_fit_and_say_what_fits(young, offers):
    fits = fit.offers_by_fit(young, fit.open_offers())
    titles = [f.offer.title for f in fits]
    assert titles == ["German A2 in Germany", "German B1 in Denmark", "Needs Danish B2"]
    best, _middle, worst = fits
    assert best.fits_fully
    assert [c.key for c in worst.unmet_languages] == ["language_da"]
    country = next(c for c in _middle.criteria if c.key == "country")
    assert not country.met


def test_loop_latest_cefr_level_counts_not_the_best_ever(personas, young):
    young.language_skills.create(language="de", level="A1", assessed_on=datetime.date(2026, 6, 1))
    offer = _offer(personas.contact_x.company, "German A2", languages=[("de", "A2")])
    assert fit.offers_by_fit(young, [offer])[0].unmet_languages


def test_loop_propose_page_lists_the_offers_by_fit(client_for, young, offers):
    response = client_for("coach_a").get(
        reverse("companies:propose_for_participant", kwargs={"public_id": young.public_id})
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("German A2 in Germany") < body.index("Needs Danish B2")


def test_loop_propose_from_the_case_file_tells_the_company(
    client_for, personas, young, offers, django_capture_on_commit_callbacks
):
    url = reverse("companies:propose_for_participant", kwargs={"public_id": young.public_id})
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coach_a").post(url, {"offer": offers["german_a2"].public_id})
    placement = Placement.objects.get()
    assert response.status_code == 302
    assert placement.offer == offers["german_a2"] and placement.participant == young
    assert Notification.objects.get().recipient == personas.contact_x


def test_loop_unmet_language_must_be_confirmed(client_for, young, offers):
    url = reverse("companies:propose_for_participant", kwargs={"public_id": young.public_id})
    client = client_for("coach_a")
    response = client.post(url, {"offer": offers["danish_b2"].public_id})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm_languages"]
    assert not Placement.objects.exists()
    assert not Notification.objects.exists()
    response = client.post(url, {"offer": offers["danish_b2"].public_id, "confirm_languages": "on"})
    assert response.status_code == 302
    assert Placement.objects.get().offer == offers["danish_b2"]


@pytest.mark.parametrize("status", [Participant.Status.COMPLETED, Participant.Status.DROPPED_OUT])
def test_loop_a_person_who_has_left_cannot_be_proposed(personas, young, offers, status, client_for):
    young.status = status
    young.exit_date = datetime.date(2026, 6, 30)
    young.save()
    with pytest.raises(ValidationError):
        placement_services.placement_propose(
            actor=personas.coach_a, offer=offers["german_a2"], participant=young
        )
    url = reverse("companies:propose_for_participant", kwargs={"public_id": young.public_id})
    client = client_for("coach_a")
    page = client.get(url)
    assert "has left the programme" in page.content.decode()
    assert client.post(url, {"offer": offers["german_a2"].public_id}).status_code == 403
    assert not Placement.objects.exists()
    assert not Notification.objects.exists()


def test_loop_closed_offer_or_forged_id_writes_nothing(client_for, young, offers):
    url = reverse("companies:propose_for_participant", kwargs={"public_id": young.public_id})
    client = client_for("coach_a")
    closed = offers["german_a2"]
    Offer.objects.filter(pk=closed.pk).update(status=Offer.Status.CLOSED)
    response = client.post(url, {"offer": closed.public_id})
    assert response.status_code == 200
    assert response.context["form"].errors["offer"]
    forged = client.post(url, {"offer": "00000000-0000-0000-0000-000000000000"})
    assert forged.status_code == 404
    other = reverse(
        "companies:propose_for_participant",
        kwargs={"public_id": "00000000-0000-0000-0000-000000000000"},
    )
    assert client.post(other, {"offer": offers["danish_b2"].public_id}).status_code == 404
    assert not Placement.objects.exists()
    assert not Notification.objects.exists()


def test_loop_company_sees_which_requirements_are_met(client_for, personas, young, offers):
    placement = Placement.objects.create(participant=young, offer=offers["german_a2"])
    response = client_for("contact_x").get(
        reverse("companies:placement_detail", kwargs={"public_id": placement.public_id})
    )
    [requirement] = response.context["row"].requirements
    assert requirement.met
    proposals = client_for("contact_x").get(reverse("companies:proposal_list"))
    assert "Your requirements" in proposals.content.decode()

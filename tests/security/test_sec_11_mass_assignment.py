"""SECURITY 11 — no mass assignment: every ModelForm lists its fields (no "__all__", no
exclude); ownership fields are set by the server, or offered as a choice the server limits."""

import pytest
from django.forms import ModelForm
from django.urls import reverse

from participants.models import Participant
from tests.factories.participants import ParticipantFactory

from .forms_walk import project_form_classes

pytestmark = pytest.mark.django_db

OWNERSHIP = {
    "partner",
    "company",
    "coach",
    "roles",
    "groups",
    "is_staff",
    "is_superuser",
    "user",
    "person",
    "author",
    "created_by",
    "recorded_by",
    "uploaded_by",
    "requested_by",
    "granted_by",
    "performed_by",
    "responsible_partner",
    "participant",
    "offer",
}

# Ownership-like fields a form does offer, and why that is not mass assignment.
OFFERED_AS_LIMITED_CHOICE = {
    ("participants.forms.ParticipantForm", "coach"): "only the coaches of the user's partner",
    ("companies.forms.CompanyForm", "responsible_partner"): "the register is the staff's",
    ("jump.reports.forms.ReportRequestForm", "partner"): "the scope of a report, not its owner",
    ("training_modules.forms.GoodPracticeForm", "partner"): "the partner a story is about",
}


def model_forms():
    return {name: cls for name, cls in project_form_classes().items() if issubclass(cls, ModelForm)}


def test_sec_11_the_walk_finds_the_model_forms():
    assert len(model_forms()) > 20


def test_sec_11_every_model_form_lists_its_fields():
    loose = {
        name: (getattr(cls._meta, "fields", None), getattr(cls._meta, "exclude", None))
        for name, cls in model_forms().items()
        if not isinstance(cls._meta.fields, list | tuple) or cls._meta.exclude
    }
    assert loose == {}


def test_sec_11_no_form_offers_an_ownership_field_unless_the_choice_is_limited():
    offered = {
        (name, field)
        for name, cls in model_forms().items()
        for field in cls.base_fields
        if field in OWNERSHIP
    }
    assert offered == set(OFFERED_AS_LIMITED_CHOICE)


def test_sec_11_a_smuggled_partner_or_coach_is_ignored_or_refused(client_for, personas):
    client = client_for("coach_a")
    response = client.post(
        reverse("participants:create"),
        {
            "first_name": "Smuggled",
            "last_name": "Partner",
            "date_of_birth": "2005-05-17",
            "gender": "female",
            "postcode": "6400",
            "municipality": "Sønderborg",
            "country_of_residence": "DK",
            "preferred_language": "da",
            "entry_date": "2026-01-15",
            "partner": personas.coach_b.partner.pk,
            "coach": personas.coach_b.pk,
            "created_by": personas.admin.pk,
        },
    )
    assert response.status_code == 200  # coach_b is no choice for coach_a: the form again
    assert "coach" in response.context["form"].errors
    assert not Participant.objects.filter(first_name="Smuggled").exists()


def test_sec_11_a_coach_cannot_move_a_participant_to_another_partner(client_for, personas):
    participant = ParticipantFactory(partner=personas.coach_a.partner, coach=personas.coach_a)
    client = client_for("coach_a")
    url = reverse("participants:edit", args=[participant.public_id])
    from .formdata import form_data

    data = form_data(client.get(url).context["form"])
    data["partner"] = str(personas.coach_b.partner.pk)
    client.post(url, data)
    participant.refresh_from_db()
    assert participant.partner == personas.coach_a.partner

"""SECURITY 32 — the public certificate check shows name, module, dates and hours, nothing more,
whatever fields of the holder are empty."""

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from tests.factories.training_modules import EnrolmentFactory
from training_modules import services
from training_modules.models import Enrolment

pytestmark = pytest.mark.django_db

EMAIL = "holder-qz9mk@example.org"


def certificate_for(personas, **names):
    person = UserFactory(email=EMAIL, roles=["staff_learner"], **names)
    enrolment = EnrolmentFactory(
        person=person,
        status=Enrolment.Status.ATTENDED,
        session__days=-5,
        session__length=2,
        session__module__hours=8,
        session__trainers=[personas.trainer],
    )
    services.enrolment_complete(
        actor=personas.trainer, enrolment=enrolment, attendance_confirmed=True
    )
    enrolment.refresh_from_db()
    return enrolment.certificate


@pytest.mark.parametrize(
    "names",
    [
        {"first_name": "", "last_name": ""},
        {"first_name": "Lena", "last_name": ""},
        {"first_name": "", "last_name": "Hoffmann"},
        {"first_name": "Lena", "last_name": "Hoffmann"},
    ],
)
def test_sec_32_certificate_check_never_shows_an_email_address(client, personas, names):
    certificate = certificate_for(personas, **names)
    url = reverse("training_modules:certificate_verify", args=[certificate.verification_code])
    page = client.get(url).content.decode()
    assert "This certificate is genuine." in page
    assert EMAIL not in page
    assert "holder-qz9mk" not in page  # not the local part either
    assert "@example.org" not in page
    for name in names.values():
        assert name in page
    assert certificate.enrolment.session.module.title in page


def test_sec_32_a_certificate_without_a_name_says_so(client, personas):
    certificate = certificate_for(personas, first_name="", last_name="")
    url = reverse("training_modules:certificate_verify", args=[certificate.verification_code])
    assert "No name recorded" in client.get(url).content.decode()

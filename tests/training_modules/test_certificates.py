import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from tests.factories.accounts import UserFactory
from tests.factories.training_modules import EnrolmentFactory
from training_modules import services
from training_modules.models import Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(personas):
    """A German learner's attended enrolment in a past session, completed by its trainer."""
    person = UserFactory(
        email="lena@example.org",
        first_name="Lena",
        last_name="Hoffmann",
        preferred_language="de",
        roles=["staff_learner"],
    )
    enrolment = EnrolmentFactory(
        person=person,
        status=Enrolment.Status.ATTENDED,
        session__days=-5,
        session__length=2,
        session__trainers=[personas.trainer],
        session__module__title_de="Sprachsensibler Unterricht",
        session__module__title_en="Language-sensitive teaching",
        session__module__hours=8,
    )
    # No attendance rows in this world: the trainer confirms (issue 17).
    services.enrolment_complete(
        actor=personas.trainer, enrolment=enrolment, attendance_confirmed=True
    )
    enrolment.refresh_from_db()
    return enrolment


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_certificate_pdf_names_the_person_module_and_code_in_their_language(completed):
    certificate = completed.certificate
    with certificate.file.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Lena Hoffmann" in text
    assert certificate.verification_code in text
    assert "Sprachsensibler Unterricht" in text  # the learner's language (German)
    assert "Language-sensitive teaching" not in text
    assert f"/de/training/verify/{certificate.verification_code}/" in text.replace("\n", "")
    assert certificate.language == "de"


def test_owner_downloads_the_certificate_as_a_private_attachment(completed):
    from django.test import Client

    client = Client()
    client.force_login(completed.person)
    url = reverse(
        "training_modules:certificate_download", kwargs={"public_id": completed.public_id}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    data = b"".join(response.streaming_content)
    assert completed.certificate.verification_code in pdf_text(data)


def test_certificate_is_verifiable_without_login(client, completed):
    code = completed.certificate.verification_code
    url = reverse("training_modules:certificate_verify", kwargs={"code": code})
    with translation.override("en"):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is genuine." in page
    assert "Lena Hoffmann" in page
    assert "Language-sensitive teaching" in page  # in the reader's language
    assert "8" in page
    # Nothing more than name, module, date and hours: no e-mail, no partner, no status.
    assert "lena@example.org" not in page


def test_unknown_code_says_so_clearly(client, db):
    url = reverse("training_modules:certificate_verify", kwargs={"code": "AAAA-BBBB-CCCC-DDDD"})
    response = client.get(url)
    assert response.status_code == 200
    assert "No certificate has this code." in response.content.decode()


def test_code_typed_in_lower_case_without_dashes_is_found(client, completed):
    code = completed.certificate.verification_code
    lookup = reverse("training_modules:certificate_lookup")
    response = client.get(lookup, {"code": code.replace("-", "").lower()})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert "This certificate is genuine." in response.content.decode()


@pytest.mark.parametrize("typed", ["", "   ", "<script>", "ÆØÅ/../"])
def test_lookup_with_nothing_usable_shows_the_form_again(client, db, typed):
    response = client.get(reverse("training_modules:certificate_lookup"), {"code": typed})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert response.status_code == 200


def test_learner_without_certificate_is_told_why(client_for, personas):
    enrolment = EnrolmentFactory(person=personas.staff_learner, status=Enrolment.Status.ENROLLED)
    client = client_for("staff_learner")
    url = reverse("training_modules:certificate_issue", kwargs={"public_id": enrolment.public_id})
    response = client.post(url, follow=True)
    assert "A certificate is issued only for a completed enrolment." in response.content.decode()
    assert not hasattr(Enrolment.objects.get(pk=enrolment.pk), "certificate")


def test_who_may_have_a_certificate_issued_is_one_predicate(completed, personas):
    """training_modules.access.can_issue_certificate: its person, the session's trainer,
    managers and admins; another trainer, a coach, a company contact, nobody else."""
    from django.contrib.auth.models import AnonymousUser

    from training_modules import access

    other_trainer = UserFactory(email="other-trainer@example.org", roles=["trainer"])
    assert access.can_issue_certificate(completed.person, completed)
    assert access.can_issue_certificate(personas.trainer, completed)
    assert access.can_issue_certificate(personas.manager, completed)
    assert access.can_issue_certificate(personas.admin, completed)
    assert not access.can_issue_certificate(other_trainer, completed)
    assert not access.can_issue_certificate(personas.coach_a, completed)
    assert not access.can_issue_certificate(personas.contact_x, completed)
    assert not access.can_issue_certificate(AnonymousUser(), completed)

"""SECURITY 16 — uploads: PDF/PNG/JPEG only, checked by content; 10 MB limit; stored outside
the public root under random names; served only through an access-checking view, as an
attachment, with nosniff and no-store."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants.models import Document
from tests.factories.participants import JPEG_BYTES, PDF_BYTES, PNG_BYTES
from tests.participants.test_documents import download_url
from tests.participants.test_views import field_errors, url

pytestmark = pytest.mark.django_db


def test_sec_16_download_of_a_document_whose_file_is_gone_is_404(client_for, participants_world):
    participants_world.c1.document.file.delete(save=False)
    assert (
        client_for("coach_a")
        .get(download_url(participants_world, participants_world.c1.document))
        .status_code
        == 404
    )


def test_sec_16_uploaded_file_lives_under_the_private_root_with_a_random_name(
    client_for, participants_world, settings
):
    client = client_for("coach_a")
    upload = SimpleUploadedFile("passport scan.png", PNG_BYTES, content_type="text/html")
    response = client.post(
        reverse(
            "participants:document_upload", kwargs={"public_id": participants_world.p1.public_id}
        ),
        {"kind": "other", "file": upload},
    )
    assert response.status_code == 302
    document = Document.objects.get(original_name="passport scan.png")
    assert document.file.path.startswith(str(settings.PRIVATE_ROOT))
    assert "passport" not in document.file.name
    assert document.file.name.endswith(".png")
    assert not str(settings.PRIVATE_ROOT).startswith(str(settings.STATIC_ROOT))
    response = client.get(download_url(participants_world, document))
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG_BYTES


def test_sec_16_anonymous_download_goes_to_login(client_for, participants_world):
    response = client_for("anon").get(
        download_url(participants_world, participants_world.c1.document)
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_sec_16_download_is_an_attachment_with_nosniff_and_no_store(client_for, participants_world):
    response = client_for("coach_a").get(
        download_url(participants_world, participants_world.c1.document)
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="CV Pia.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("cv.pdf", PDF_BYTES, "application/pdf"),
        ("photo.png", PNG_BYTES, "image/png"),
        ("scan.JPG", JPEG_BYTES, "image/jpeg"),
    ],
)
def test_sec_16_pdf_png_and_jpeg_are_accepted(coach_a_client, lone_p1, name, data, content_type):
    response = coach_a_client.post(
        url("document_upload", lone_p1),
        {"kind": "certificate", "file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.original_name, document.content_type) == (name, content_type)


def test_sec_16_document_over_ten_megabytes_is_refused(coach_a_client, lone_p1, settings):
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * settings.MAX_UPLOAD_SIZE)
    response = coach_a_client.post(url("document_upload", lone_p1), {"kind": "cv", "file": big})
    assert response.status_code == 200
    assert any("too large" in e for e in field_errors(response, "file"))
    assert not Document.objects.exists()


def test_sec_16_document_that_is_not_pdf_png_or_jpeg_by_content_is_refused(coach_a_client, lone_p1):
    fake = SimpleUploadedFile(
        "cv.pdf", b"MZ\x90\x00 pretending to be a PDF", content_type="application/pdf"
    )
    response = coach_a_client.post(url("document_upload", lone_p1), {"kind": "cv", "file": fake})
    assert response.status_code == 200
    assert any("PDF, PNG or JPEG" in e for e in field_errors(response, "file"))
    assert not Document.objects.exists()


# Every view that serves a private file: (matrix module, URL name, a persona it lets through).
PRIVATE_FILES = [
    ("tests.participants.matrix", "participants:document_download", "coach_a"),
    ("tests.participants.matrix", "participants:cv_pdf", "coach_a"),
    ("tests.reports.matrix", "reports:run_download", "manager"),
    ("tests.training_modules.matrix", "training_modules:certificate_download", "staff_learner"),
    ("tests.imports.matrix", "imports:job_file", "coach_a"),
    ("tests.audit.matrix", "audit:subject_access_download", "coach_a"),
]


@pytest.mark.parametrize(("module_name", "url_name", "persona"), PRIVATE_FILES)
def test_sec_16_every_private_file_is_an_attachment_with_nosniff_and_no_store(
    request, client_for, module_name, url_name, persona
):
    from importlib import import_module

    from .test_sec_12_csrf import world_of

    world = world_of(request, module_name)
    rule = import_module(module_name).MATRIX[url_name]
    response = client_for(persona).get(reverse(url_name, kwargs=rule.kwargs(world)))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]

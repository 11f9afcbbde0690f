"""SECURITY 33 — a file is stored and downloaded under a name ending in its detected type's
extension, wherever files are uploaded (participant documents, imports)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jump.imports.models import ImportJob
from jump.lib.files import name_for_type
from participants.models import Document
from tests.factories.participants import PDF_BYTES, PNG_BYTES
from tests.imports.files import PARTICIPANT_HEADER_EN, participant_row, xlsx_bytes
from tests.participants.test_documents import download_url

from .conftest import make_job  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def disposition_name(response) -> str:
    return response["Content-Disposition"].split('filename="', 1)[1].rstrip('"')


@pytest.mark.parametrize(
    ("uploaded_as", "data", "stored_as"),
    [
        ("x.html", PDF_BYTES, "x.pdf"),
        ("report.pdf.html", PDF_BYTES, "report.pdf"),
        ("photo.pdf", PNG_BYTES, "photo.png"),
        ("scan", PNG_BYTES, "scan.png"),
    ],
)
def test_sec_33_a_document_is_stored_and_downloaded_under_its_detected_type(
    client_for, participants_world, uploaded_as, data, stored_as
):
    client = client_for("coach_a")
    response = client.post(
        reverse(
            "participants:document_upload", kwargs={"public_id": participants_world.p1.public_id}
        ),
        {"kind": "other", "file": SimpleUploadedFile(uploaded_as, data, "text/html")},
    )
    assert response.status_code == 302
    document = Document.objects.get(participant=participants_world.p1, original_name=stored_as)
    assert document.file.name.endswith(stored_as.rsplit(".", 1)[1])
    response = client.get(download_url(participants_world, document))
    assert disposition_name(response) == stored_as


def test_sec_33_an_older_record_with_a_lying_name_is_still_served_as_its_type(client_for, world):
    """Rows stored before this rule: the download fixes the name, for staff and companies."""
    document = world.c1.document
    Document.objects.filter(pk=document.pk).update(original_name="cv.html")
    response = client_for("coach_a").get(download_url(world, document))
    assert disposition_name(response) == "cv.pdf"
    assert response["Content-Type"] == "application/pdf"


def test_sec_33_an_xlsx_uploaded_under_a_csv_name_is_kept_as_xlsx(client_for, make_job):  # noqa: F811
    data = xlsx_bytes([PARTICIPANT_HEADER_EN, participant_row(1)])
    job = make_job(data, name="list.csv")
    assert job.file_format == ImportJob.Format.XLSX
    assert job.original_filename == "list.xlsx"
    assert job.file.name.endswith(".xlsx")
    response = client_for("coach_a").get(
        reverse("imports:job_file", kwargs={"public_id": job.public_id})
    )
    assert disposition_name(response) == "list.xlsx"


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("x.html", "application/pdf", "x.pdf"),
        ("cv.JPEG", "image/jpeg", "cv.JPEG"),
        ("cv.jpg", "image/jpeg", "cv.jpg"),
        ("../../etc/passwd", "image/png", "passwd.png"),
        ("", "application/pdf", "file.pdf"),
        ("a\x00b.svg", "image/png", "ab.png"),
        ("table.txt", "text/csv", "table.csv"),
    ],
)
def test_sec_33_name_for_type_ends_in_the_types_extension(name, content_type, expected):
    assert name_for_type(name, content_type) == expected

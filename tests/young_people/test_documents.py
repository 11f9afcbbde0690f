"""The young person's documents (SECURITY 16, 33, 35): those a coach shares with them and their
own uploads, with the staff uploads' checks; anything else is a 404."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from participants.models import Document
from tests.factories.participants import PDF_BYTES, PNG_BYTES, DocumentFactory
from young_people import services

pytestmark = pytest.mark.django_db


def upload(client, name, data, content_type="application/pdf"):
    return client.post(
        reverse("young_people:documents"),
        {"file": SimpleUploadedFile(name, data, content_type=content_type)},
    )


def test_the_page_lists_shared_documents_and_not_the_unshared_ones(client_for, world):
    world.shared_document.original_name = "Shared plan.pdf"
    world.shared_document.save()
    text = client_for("youth_p1").get(reverse("young_people:documents")).content.decode()
    assert "Shared plan.pdf" in text
    assert reverse("young_people:document_download", args=[world.c1.document.public_id]) not in (
        text
    )


def test_a_shared_document_downloads_as_an_attachment(client_for, world):
    url = reverse("young_people:document_download", args=[world.shared_document.public_id])
    response = client_for("youth_p1").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_an_unshared_or_another_persons_document_is_a_404(client_for, world):
    client = client_for("youth_p1")
    for document in (world.c1.document, world.c2.document):
        url = reverse("young_people:document_download", args=[document.public_id])
        assert client.get(url).status_code == 404
    # Shared with P2 (another young person) is still not P1's.
    world.c2.document.shared_with_young_person = True
    world.c2.document.save()
    url = reverse("young_people:document_download", args=[world.c2.document.public_id])
    assert client.get(url).status_code == 404


def test_the_young_person_uploads_a_pdf_stored_under_its_detected_type(client_for, world):
    client = client_for("youth_p1")
    response = upload(client, "my cv.html", PDF_BYTES, "text/html")
    assert response.status_code == 302
    document = Document.objects.get(participant=world.p1, uploaded_by=world.personas.youth_p1)
    assert document.original_name == "my cv.pdf"  # SECURITY 33
    assert document.file.name.endswith(".pdf")
    assert document.content_type == "application/pdf"
    # Theirs to see and download again.
    url = reverse("young_people:document_download", args=[document.public_id])
    assert client.get(url).status_code == 200
    assert "my cv.pdf" in client.get(reverse("young_people:documents")).content.decode()


def test_a_file_that_is_not_pdf_png_or_jpeg_gets_a_message_and_nothing_is_stored(client_for, world):
    before = Document.objects.count()
    response = upload(client_for("youth_p1"), "photo.png", b"<html>not an image</html>")
    assert response.status_code == 400
    assert "PDF, PNG or JPEG" in response.content.decode()
    assert Document.objects.count() == before


@override_settings(MAX_UPLOAD_SIZE=len(PNG_BYTES) - 1)
def test_a_file_too_big_gets_a_message_and_nothing_is_stored(client_for, world):
    before = Document.objects.count()
    response = upload(client_for("youth_p1"), "photo.png", PNG_BYTES, "image/png")
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert Document.objects.count() == before


def test_only_the_young_person_uploads_through_their_door(world):
    with pytest.raises(PermissionDenied):
        services.document_upload_by_young_person(
            actor=world.personas.youth_p1,
            participant=world.p2,
            file=SimpleUploadedFile("a.pdf", PDF_BYTES),
        )


def test_the_coach_shares_a_document_from_the_case_file_and_stops_again(client_for, world):
    document = DocumentFactory(participant=world.p1, uploaded_by=world.personas.coach_a)
    url = reverse(
        "young_people:coach_share", args=[world.p1.public_id, "document", document.public_id]
    )
    coach = client_for("coach_a")
    assert coach.post(url).status_code == 302
    document.refresh_from_db()
    assert document.shared_with_young_person
    download = reverse("young_people:document_download", args=[document.public_id])
    assert client_for("youth_p1").get(download).status_code == 200
    assert coach.post(url, {"shared": "0"}).status_code == 302
    document.refresh_from_db()
    assert not document.shared_with_young_person
    assert client_for("youth_p1").get(download).status_code == 404


def test_the_case_file_shows_the_share_button_to_the_coach(client_for, world):
    text = (
        client_for("coach_a")
        .get(reverse("participants:detail", args=[world.p1.public_id]))
        .content.decode()
    )
    share_note = reverse(
        "young_people:coach_share", args=[world.p1.public_id, "note", world.c1.note.public_id]
    )
    assert share_note in text


def test_another_partners_coach_cannot_share_and_an_unknown_kind_is_a_404(client_for, world):
    url = reverse(
        "young_people:coach_share", args=[world.p1.public_id, "note", world.c1.note.public_id]
    )
    assert client_for("coach_b").post(url).status_code == 404
    world.c1.note.refresh_from_db()
    assert not world.c1.note.shared_with_young_person
    bad = reverse(
        "young_people:coach_share", args=[world.p1.public_id, "step", world.c1.step.public_id]
    )
    assert client_for("coach_a").post(bad).status_code == 404

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants.models import Document
from tests.factories.participants import PDF_BYTES, PNG_BYTES


def download_url(world, document):
    return reverse(
        "participants:document_download",
        kwargs={"public_id": document.participant.public_id, "item_id": document.public_id},
    )


def test_download_is_an_attachment_with_nosniff_and_no_store(client_for, world):
    response = client_for("coach_a").get(download_url(world, world.c1.document))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="CV Pia.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_anonymous_download_goes_to_login(client_for, world):
    response = client_for("anon").get(download_url(world, world.c1.document))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_uploaded_file_lives_under_the_private_root_with_a_random_name(client_for, world, settings):
    client = client_for("coach_a")
    upload = SimpleUploadedFile("passport scan.png", PNG_BYTES, content_type="text/html")
    response = client.post(
        reverse("participants:document_upload", kwargs={"public_id": world.p1.public_id}),
        {"kind": "other", "file": upload},
    )
    assert response.status_code == 302
    document = Document.objects.get(original_name="passport scan.png")
    assert document.file.path.startswith(str(settings.PRIVATE_ROOT))
    assert "passport" not in document.file.name
    assert document.file.name.endswith(".png")
    assert not str(settings.PRIVATE_ROOT).startswith(str(settings.STATIC_ROOT))
    response = client.get(download_url(world, document))
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG_BYTES


def test_download_of_a_document_whose_file_is_gone_is_404(client_for, world):
    world.c1.document.file.delete(save=False)
    assert client_for("coach_a").get(download_url(world, world.c1.document)).status_code == 404

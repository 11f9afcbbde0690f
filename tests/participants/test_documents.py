from django.urls import reverse


def download_url(world, document):
    return reverse(
        "participants:document_download",
        kwargs={"public_id": document.participant.public_id, "item_id": document.public_id},
    )

"""Private documents of a participant."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from jump.accounts.models import User
from jump.lib.files import name_for_type

from .. import access
from ..models import Document, Participant
from ..uploads import inspect_upload


def document_upload(*, actor: User, participant: Participant, kind: str, file: Any) -> Document:
    """Store a PDF/PNG/JPEG (checked by content, size-limited) under a random private name.
    Case workers who change the case, and the young person on their own record."""
    if not access.may_upload_document(actor, participant):
        raise PermissionDenied
    try:
        content_type = inspect_upload(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    document = Document(
        participant=participant,
        kind=kind,
        # For display and download only (never a path on disk), ending in the detected type's
        # extension (SECURITY 33): a PDF uploaded as x.html is x.pdf.
        original_name=name_for_type(file.name, content_type, fallback="document"),
        content_type=content_type,
        size=file.size,
        uploaded_by=actor,
    )
    document.full_clean(exclude=["file"])
    # The random name comes from Document.file's upload_to; the original name is only shown.
    document.file.save(file.name, file, save=False)
    try:
        with transaction.atomic():
            document.save()
    except Exception:
        # A failed insert must not leave an orphan file behind.
        document.file.delete(save=False)
        raise
    return document


def document_delete(*, actor: User, document: Document) -> None:
    """Delete the record and, once that is committed, the file."""
    if not access.may_change_participant(actor, document.participant):
        raise PermissionDenied
    storage, name = document.file.storage, document.file.name
    with transaction.atomic():
        document.delete()
        transaction.on_commit(lambda: storage.delete(name))

"""Private files of a participant (CV, certificates, consent forms)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jump.lib.models import PublicModel

from .people import Participant

# Accepted by content (magic bytes), never by the name or the browser's claim.
ALLOWED_CONTENT_TYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
}


def document_path(instance, filename):
    """A random name: the stored name says nothing about the person or the original file."""
    extension = ALLOWED_CONTENT_TYPES.get(instance.content_type, "bin")
    return f"participants/documents/{uuid.uuid4().hex}.{extension}"


class Document(PublicModel):
    class Kind(models.TextChoices):
        CV = "cv", _("CV")
        CERTIFICATE = "certificate", _("Certificate")
        CONSENT_FORM = "consent_form", _("Consent form")
        OTHER = "other", _("Other")

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The default storage is the private root (settings.PRIVATE_ROOT), outside any public root;
    # files are served only by the access-checked download view.
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # SECURITY 35: the young person sees a document of their case only when a coach shares it
    # (or they uploaded it themselves).
    shared_with_young_person = models.BooleanField(
        _("shared with the young person"),
        default=False,
        db_default=False,
        help_text=_("The coach shows this one item on the young person's own pages."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.original_name

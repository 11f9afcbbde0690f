"""Checks on an uploaded file: its real type (by content, with `filetype`) and its size."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .models import ALLOWED_CONTENT_TYPES

# Enough for every signature `filetype` knows.
HEADER_BYTES = 8192


def inspect_upload(uploaded) -> str:
    """The content type of `uploaded` if it is a PDF, PNG or JPEG within the size limit.

    The name and the browser's Content-Type are ignored: only the bytes count.
    """
    limit = settings.MAX_UPLOAD_SIZE
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    uploaded.seek(0)
    header = uploaded.read(HEADER_BYTES)
    uploaded.seek(0)
    kind = filetype.guess(header)
    if kind is None or kind.mime not in ALLOWED_CONTENT_TYPES:
        raise ValidationError(
            _("Upload a PDF, PNG or JPEG file. This file is not one, whatever its name says."),
            code="file_type",
        )
    return kind.mime

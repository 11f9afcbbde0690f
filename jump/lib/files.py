"""Private files served as downloads (SECURITY 16, 17) under names that tell the truth (33)."""

import mimetypes
import os

from django.http import FileResponse, Http404

# The extension a file of a detected type is stored and served under; the first is the one added.
EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "text/csv": (".csv",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/json": (".json",),
}


def name_for_type(name: str, content_type: str, *, fallback: str = "file") -> str:
    """`name` without any path, ending in the extension of `content_type` (SECURITY 33).

    The type is the detected one, never the uploader's claim: a PDF uploaded as `x.html` is
    `x.pdf`; `cv.JPEG` stays as it is; a name without a stem gets `fallback`.
    """
    base = os.path.basename((name or "").replace("\\", "/")).replace("\x00", "").strip()
    extensions = EXTENSIONS.get(content_type) or (mimetypes.guess_extension(content_type) or "",)
    if not extensions[0] or base.lower().endswith(extensions):
        return base[-255:] or fallback
    stem = os.path.splitext(base)[0].strip(". ") or fallback
    if stem.lower().endswith(extensions):  # x.pdf.html → x.pdf
        return stem[-255:]
    return stem[: 255 - len(extensions[0])] + extensions[0]


def private_download(file, *, filename: str, content_type: str | None = None) -> FileResponse:
    """`file` (a FieldFile, or a name in the default storage opened by the caller's storage) as
    an attachment that is never sniffed nor cached; a file missing from storage is 404. With a
    `content_type`, the download name ends in its extension whatever the stored name says.

    Access is the caller's business: call this only after the access rules let the user in.
    """
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if content_type:
        filename = name_for_type(filename, content_type)
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response

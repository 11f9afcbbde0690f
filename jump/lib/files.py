"""Private files served as downloads (SECURITY 16, 17)."""

from django.http import FileResponse, Http404


def private_download(file, *, filename: str, content_type: str | None = None) -> FileResponse:
    """`file` (a FieldFile, or a name in the default storage opened by the caller's storage) as
    an attachment that is never sniffed nor cached; a file missing from storage is 404.

    Access is the caller's business: call this only after the access rules let the user in.
    """
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response

"""Private documents: upload, access-checked download, delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jump.audit.decorators import logs_access
from jump.audit.models import AccessLog
from jump.lib.files import private_download

from .. import services
from ..access import case_worker_required, get_child_for_user, get_participant_for_user
from ..forms import DocumentForm, add_errors
from ..models import Document
from .common import form_page, participant_methods, to_section


@case_worker_required
@participant_methods("GET", "POST")
def document_upload(request, public_id):
    participant = get_participant_for_user(request.user, public_id, need="change")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                actor=request.user,
                participant=participant,
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The document was uploaded."))
            return to_section(participant, "documents")
    return form_page(
        request,
        form,
        title=_("Upload a document"),
        participant=participant,
        section="documents",
        multipart=True,
        submit_label=_("Upload"),
    )


def _visible_document(request, public_id, item_id, **kwargs):
    return get_child_for_user(request.user, public_id, Document, item_id)


@case_worker_required
@participant_methods("GET")
@logs_access(
    AccessLog.Action.DOWNLOAD,
    what=lambda request, found: f"document {found[1].public_id} ({found[1].kind})",
    resolve=_visible_document,
    as_="found",
    participant=lambda found: found[0],
)
def document_download(request, public_id, item_id, found):
    """The file, only to those who may see the participant; always as an attachment."""
    _participant, document = found
    return private_download(
        document.file, filename=document.original_name, content_type=document.content_type
    )


@case_worker_required
@participant_methods("POST")
def document_delete(request, public_id, item_id):
    participant, document = get_child_for_user(
        request.user, public_id, Document, item_id, need="change"
    )
    services.document_delete(actor=request.user, document=document)
    messages.success(request, _("The document was deleted."))
    return to_section(participant, "documents")

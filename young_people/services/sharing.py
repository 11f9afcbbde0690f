"""What a coach shares with the young person (SECURITY 35): one document, one case note or one
assessment at a time. Everything else of the case file stays staff-only."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jump.accounts.models import AnyUser, User
from participants import services as participants_services
from participants.models import Assessment, Contact, Document, Participant

from .. import access

SHAREABLE = (Document, Contact, Assessment)


@transaction.atomic
def item_share_with_young_person(
    *, actor: AnyUser, item: Document | Contact | Assessment, shared: bool = True
) -> Document | Contact | Assessment:
    """A coach who may manage the young person's access marks one document, case note or
    assessment of their case as shared with them (or stops sharing it). Other models →
    ValidationError; another case → PermissionDenied."""
    if not isinstance(item, SHAREABLE):
        raise ValidationError(_("Only a document, a case note or an assessment can be shared."))
    access.check_manage_access(actor, item.participant)
    type(item).objects.filter(pk=item.pk).update(shared_with_young_person=shared)
    item.shared_with_young_person = shared
    return item


def document_upload_by_young_person(
    *, actor: User, participant: Participant, file: Any
) -> Document:
    """The young person uploads a file to their own case: the same checks as a staff upload
    (SECURITY 16, 33: detected type PDF/PNG/JPEG only, size limit, stored under the detected
    extension), done by the participants service."""
    access.check_own(actor, participant)
    return participants_services.document_upload(
        actor=actor, participant=participant, kind=Document.Kind.OTHER, file=file
    )

"""What a coach shared with the young person (SECURITY 35): only items marked as shared, of
their own record, and the files they uploaded themselves."""

from django.db.models import Q

from participants.models import Assessment, Contact, Document, Participant


def documents(participant: Participant) -> list[Document]:
    """Their documents: those a coach shared with them and those they uploaded."""
    own = Q(uploaded_by_id=participant.user_id) if participant.user_id else Q(pk__in=[])
    return list(
        Document.objects.filter(participant=participant)
        .filter(Q(shared_with_young_person=True) | own)
        .order_by("-created_at", "-pk")
    )


def document(participant: Participant, public_id) -> Document | None:
    """One of their documents (shared or their own), else None (the view answers 404)."""
    own = Q(uploaded_by_id=participant.user_id) if participant.user_id else Q(pk__in=[])
    return (
        Document.objects.filter(participant=participant, public_id=public_id)
        .filter(Q(shared_with_young_person=True) | own)
        .first()
    )


def shared_notes(participant: Participant) -> list[Contact]:
    return list(
        Contact.objects.filter(participant=participant, shared_with_young_person=True).order_by(
            "-date", "-pk"
        )
    )


def shared_assessments(participant: Participant) -> list[Assessment]:
    return list(
        Assessment.objects.filter(participant=participant, shared_with_young_person=True).order_by(
            "-date", "-pk"
        )
    )

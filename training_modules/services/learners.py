"""What learners do for themselves: feedback on a session, their calendar feed address."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jump.accounts.models import User

from .. import access
from ..models import (
    CalendarFeed,
    Enrolment,
    SessionFeedback,
)


def feedback_create(
    *, actor: User, enrolment: Enrolment, rating: int, comments: str = ""
) -> SessionFeedback:
    """A person's evaluation of a session they attended, once, after it ended."""
    if enrolment.person_id != actor.pk:
        raise PermissionDenied
    if enrolment.status not in (Enrolment.Status.ATTENDED, Enrolment.Status.COMPLETED):
        raise ValidationError(_("Feedback is for people who attended the session."))
    if not enrolment.session.has_ended:
        raise ValidationError(_("Feedback can be given once the session is over."))
    feedback = SessionFeedback(enrolment=enrolment, rating=rating, comments=comments)
    try:
        feedback.full_clean()
    except ValidationError as exc:
        if "enrolment" in exc.message_dict:
            raise ValidationError(_("You have already given feedback on this session.")) from exc
        raise
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError as exc:
        raise ValidationError(_("You have already given feedback on this session.")) from exc
    return feedback


def calendar_feed_renew(*, actor: User) -> CalendarFeed:
    """A new secret feed address for the actor's own sessions (the old one stops working)."""
    if not access.can_train(actor):
        raise PermissionDenied
    feed, _created = CalendarFeed.objects.update_or_create(
        user=actor, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed


def calendar_feed_revoke(*, actor: User) -> None:
    """Stop the actor's feed address."""
    if not access.can_train(actor):
        raise PermissionDenied
    CalendarFeed.objects.filter(user=actor).delete()

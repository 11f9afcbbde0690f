"""Reads of the notifications app: a person's own notifications, never anyone else's."""

from uuid import UUID

from django.db.models import QuerySet

from jump.accounts.models import AnyUser, User

from .kinds import default_delivery, kinds_for
from .models import Notification, NotificationPreference


def notification_list(user: AnyUser) -> QuerySet[Notification]:
    """`user`'s notifications, newest first; the list page needs no related rows."""
    return Notification.objects.for_recipient(user).order_by("-created_at", "-pk")


def unread_count(user: AnyUser) -> int:
    """How many of `user`'s notifications are unread (one query on a partial index)."""
    return Notification.objects.for_recipient(user).unread().count()


def get_notification_for_user(user: AnyUser, public_id: UUID | str) -> Notification:
    """One of `user`'s own notifications; another person's (or none) → Notification.DoesNotExist."""
    return (
        Notification.objects.for_recipient(user)
        .select_related("content_type")
        .get(public_id=public_id)
    )


def delivery_preferences(user: User) -> dict[str, str]:
    """{kind: delivery} for every kind `user` can receive (default: the kind's default)."""
    stored = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: stored.get(kind, default_delivery(kind)) for kind in kinds_for(user)}

"""Reads of the notifications app: a person's own notifications, never anyone else's."""

from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from jump.accounts.models import AnyUser, User

from .kinds import default_delivery, kinds_for
from .models import Notification, NotificationPreference


def notification_list(user: AnyUser) -> QuerySet[Notification]:
    """`user`'s notifications, newest first; the list page needs no related rows."""
    return Notification.objects.for_recipient(user).order_by("-created_at", "-pk")


UNREAD_KEY = "jump_unread"


def unread_count(user: AnyUser, session: Any = None) -> int:
    """How many of `user`'s notifications are unread (one query on a partial index).

    With the request's `session`, the count is kept there while the user's `notice_version`
    (raised by every change of their notifications, jump.notifications.signals) stays the same:
    the bell on every page costs no query until something changes.
    """
    if not isinstance(user, User):
        return 0  # anonymous: no notifications
    kept = session.get(UNREAD_KEY) if session is not None else None
    if kept and kept[0] == user.pk and kept[1] == user.notice_version:
        return int(kept[2])
    count = Notification.objects.for_recipient(user).unread().count()
    if session is not None:
        session[UNREAD_KEY] = [user.pk, user.notice_version, count]
    return count


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

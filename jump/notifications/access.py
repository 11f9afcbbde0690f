"""Who may see and change which notifications (docs/architecture.md: who may see what).

A notification is its recipient's alone: anyone else gets 404 (selectors start from
Notification.objects.for_recipient). Every signed-in, active user has their own list and
e-mail settings; putting failed e-mails back in the queue is for admins (the admin action).

- Every person reads and marks only their own notifications (selectors.for_recipient).
- `can_notify`: who may cause a notification — the system (no actor) or an active, logged-in
  person; what the recipient may see of the object is checked by targets.object_url.
- The one-click unsubscribe (SECURITY 37) has no login: a token signed with the site's secret
  names the person and the kind; `unsubscribe_token_subject` is the only way to read one.
"""

from typing import Any, TypeGuard

from django.core import signing

from jump.accounts.models import AnyUser, User
from jump.accounts.roles import Role

from .models import Kind, Notification

UNSUBSCRIBE_SALT = "jump.notifications.unsubscribe"
# The digest's List-Unsubscribe token: every kind the person gets in the digest.
DIGEST_TOKEN_KIND = "digest"  # noqa: S105 - a kind name, not a secret


def can_notify(actor: AnyUser | None) -> bool:
    """The system (None) or an active, authenticated user."""
    if actor is None:
        return True
    return bool(actor.is_authenticated and actor.is_active)


def unsubscribe_token(user: User, kind: str) -> str:
    """A token that mutes `kind` for `user` only (signed; it does not expire: an old e-mail's
    link still works, and all it can do is stop e-mails to that person)."""
    return signing.dumps({"u": user.pk, "k": str(kind), "e": user.email}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_subject(token: str) -> tuple[User, str] | None:
    """(user, kind) a genuine token names, or None: forged, altered, for an unknown kind, or for
    a person whose address changed since (the token was for that address)."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    kind = data.get("k")
    if kind != DIGEST_TOKEN_KIND and kind not in Kind.values:
        return None
    user_id: Any = data.get("u")  # a missing id finds nobody
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.email != data.get("e"):
        return None
    return user, kind


def has_notifications(user: AnyUser | None) -> TypeGuard[User]:
    """A signed-in, active user: reads and sets their own notifications and e-mail settings."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def may_mark_read(user: AnyUser | None, notification: Notification) -> bool:
    """Only the recipient marks a notification read."""
    return has_notifications(user) and notification.recipient_id == user.pk


def may_retry_emails(user: AnyUser | None) -> bool:
    """Admins put failed e-mails back in the queue, after fixing the cause."""
    return has_notifications(user) and user.has_role(Role.ADMIN)

"""Who may see and change which notifications (DESIGN: who may see what).

A notification is its recipient's alone: anyone else gets 404 (selectors start from
Notification.objects.for_recipient). Every signed-in, active user has their own list and
e-mail settings; putting failed e-mails back in the queue is for admins (the admin action).
"""

from jump.accounts.roles import Role


def has_notifications(user) -> bool:
    """A signed-in, active user: reads and sets their own notifications and e-mail settings."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def may_mark_read(user, notification) -> bool:
    """Only the recipient marks a notification read."""
    return has_notifications(user) and notification.recipient_id == user.pk


def may_retry_emails(user) -> bool:
    """Admins put failed e-mails back in the queue, after fixing the cause."""
    return has_notifications(user) and user.has_role(Role.ADMIN)

"""Every change of a person's notifications raises their `notice_version`, so the unread count a
session keeps is read again on the next request (selectors.unread_count). Saves and deletes of
single notifications are seen here; the services that write with `update()` or `bulk_create()`
raise it themselves."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jump.accounts.signals import bump_notice_version

from .models import Notification


@receiver(post_save, sender=Notification)
@receiver(post_delete, sender=Notification)
def _notification_changed(sender, instance, **kwargs):
    bump_notice_version([instance.recipient_id])

import time

from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from .middleware import SESSION_STARTED_KEY


@receiver(user_logged_in)
def remember_login_time(sender, request, user, **kwargs):
    """Start the absolute session lifetime clock (12 h) at login."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED_KEY] = int(time.time())


@receiver(user_logged_out)
def end_every_session_of_the_user(sender, request, user, **kwargs):
    """Logging out on one device logs the user out on every device (SECURITY 6)."""
    if user is not None:
        end_sessions(user)


def end_sessions(user) -> int:
    """Delete every live session of `user`; returns how many ended.

    Sessions are few (30 minutes idle), so reading the live ones is cheap.
    """
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            ended.append(session.pk)
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


def bump_access_version(user_ids) -> None:
    """The roles or second factors of these users changed: every session of theirs reads them
    again on its next request (jump.accounts.middleware.load_roles_and_mfa)."""
    _raise(user_ids, "access_version")


def bump_notice_version(user_ids) -> None:
    """The notifications of these users changed: every session of theirs counts the unread
    ones again on its next request (jump.notifications.selectors.unread_count)."""
    _raise(user_ids, "notice_version")


def _raise(user_ids, field: str) -> None:
    ids = sorted({pk for pk in user_ids if pk is not None})
    if ids:
        get_user_model().objects.filter(pk__in=ids).update(**{field: F(field) + 1})


def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        # A group emptied from its side: remember whose roles it held before they are gone.
        instance._jump_cleared_user_ids = list(instance.user_set.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        if not reverse:
            bump_access_version([instance.pk])
        elif action == "post_clear":
            bump_access_version(getattr(instance, "_jump_cleared_user_ids", []))
        else:
            bump_access_version(pk_set or [])


m2m_changed.connect(_groups_changed, sender=get_user_model().groups.through)


@receiver(post_save, sender=Authenticator)
@receiver(post_delete, sender=Authenticator)
def _second_factor_changed(sender, instance, **kwargs):
    bump_access_version([instance.user_id])


@receiver(pre_delete, sender="auth.Group")
def _group_deleted(sender, instance, **kwargs):
    bump_access_version(list(instance.user_set.values_list("pk", flat=True)))

import time

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session
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

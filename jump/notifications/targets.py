"""The object a notification is about, resolved for its recipient through the owning app's
access layer — never by a bare `Model.objects.get`.

A resolver takes (user, object_id, kind) and returns the address of the object's page, or raises
Http404 / PermissionDenied (the object is gone or no longer visible to the user). Both are
answered the same way here — not found — so that a notification never tells anyone more than
the object's own pages would.

Each app registers the resolvers of its own models with `register_target` from its
AppConfig.ready() (`<app>/targets.py`): this foundation app imports no domain app. A model without
a resolver is never resolved: fail closed.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from .models import Notification

Resolver = Callable[[object, int, str], str]

_RESOLVERS: dict[str, Resolver] = {}


def register_target(model_label: str, resolver: Resolver) -> None:
    """Let notifications about `model_label` ("app_label.modelname") resolve via `resolver`."""
    _RESOLVERS[model_label.lower()] = resolver


def load_or_404(queryset, object_id):
    """The object of `queryset` with primary key `object_id`, or Http404."""
    try:
        return queryset.get(pk=object_id)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def target_url(notification: Notification, user) -> str:
    """The page of the object `notification` is about, if `user` is its recipient and may see
    the object now; otherwise Http404. Reads through the owning app's access layer."""
    if user is None or not user.is_authenticated or notification.recipient_id != user.pk:
        raise Http404
    content_type = notification.content_type
    resolver = _RESOLVERS.get(f"{content_type.app_label}.{content_type.model}")
    if resolver is None:
        raise Http404
    try:
        return resolver(user, notification.object_id, notification.kind)
    except (PermissionDenied, ValidationError):
        raise Http404 from None


def object_url(user, obj, kind: str) -> str:
    """The page of `obj` for `user` if they may see it now; otherwise Http404 (before a
    notification exists: notify() creates none about what its recipient cannot see)."""
    if user is None or not user.is_authenticated:
        raise Http404
    resolver = _RESOLVERS.get(f"{obj._meta.app_label}.{obj._meta.model_name}")
    if resolver is None:
        raise Http404
    try:
        return resolver(user, obj.pk, kind)
    except (PermissionDenied, ValidationError):
        raise Http404 from None

from functools import cached_property

from . import selectors


class Bell:
    """The bell in the navigation: the unread count is read once, when a template asks."""

    def __init__(self, user, session=None):
        self.user = user
        self.session = session

    @cached_property
    def unread(self) -> int:
        return selectors.unread_count(self.user, self.session)


def notifications(request):
    """The bell in the navigation; nothing (and no query) for anonymous visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notification_bell": Bell(user, getattr(request, "session", None))}

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "jump.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    navigation: list[tuple[str, str, str]] = []

    def ready(self) -> None:
        from . import signals  # noqa: F401

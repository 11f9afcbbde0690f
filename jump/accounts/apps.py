from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jump.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    # Navigation entries each app contributes: (url name, label, the access predicate of the
    # page, dotted — the same function the view asks, so an entry shows exactly when its page
    # answers 200; jump.accounts.context_processors.navigation).
    navigation: list[tuple[str, str, str]] = []

    def ready(self):
        from . import signals  # noqa: F401

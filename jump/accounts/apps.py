from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jump.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    # Navigation entries this app contributes: (url name, label, roles that see it).
    navigation = []

    def ready(self):
        from . import signals  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "jump.imports"
    label = "imports"
    verbose_name = _("Imports")
    navigation = [
        ("imports:job_list", _("Imports"), "jump.imports.access.is_import_user"),
    ]

    def ready(self):
        # Its part of erasure (jump.audit.registry).
        from . import privacy

        privacy.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")
    navigation = [
        ("participants:caseload", _("Participants"), "participants.access.is_case_worker"),
        ("participants:activity_list", _("Activities"), "participants.access.is_case_worker"),
    ]

    def ready(self):
        # Its part of erasure and subject access (jump.audit.registry), and the pages its
        # notifications open (jump.notifications.targets).
        from . import privacy, targets

        privacy.register()
        targets.register()

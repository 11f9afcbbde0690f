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
        # Its part of erasure and subject access (jump.audit.registry), the pages its
        # notifications open (jump.notifications.targets), and its daily reminders and the words
        # of their e-mails (jump.notifications.reminders and .emails).
        from . import notices, privacy, targets

        privacy.register()
        targets.register()
        notices.register()

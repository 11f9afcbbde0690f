from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingModulesConfig(AppConfig):
    name = "training_modules"
    verbose_name = _("Training modules")
    # The catalogue page links to the calendar and "My training" in its own sub-navigation.
    navigation = [
        ("training_modules:catalogue", _("Training"), "training_modules.access.can_train"),
        (
            "training_modules:good_practice_list",
            _("Good practice"),
            "training_modules.access.can_train",
        ),
    ]

    def ready(self):
        # The page its notifications open (jump.notifications.targets); the reminder of a
        # session soon, the words of its e-mails and the calendar entry they carry
        # (jump.notifications.reminders and .emails).
        from . import notices, targets

        targets.register()
        notices.register()

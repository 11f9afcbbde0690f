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

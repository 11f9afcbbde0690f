from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingModulesConfig(AppConfig):
    name = "training_modules"
    verbose_name = _("Training modules")
    navigation = [
        (
            "training_modules:catalogue",
            _("Training"),
            ("trainer", "staff_learner", "programme_manager", "coach", "admin"),
        ),
    ]

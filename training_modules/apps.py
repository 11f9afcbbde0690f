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
        # E-mails about a session carry its calendar entry (jump.notifications.emails registry).
        from jump.notifications.emails import register_attachment
        from jump.notifications.models import Kind

        from . import targets
        from .ical import session_attachment

        for kind in (Kind.SESSION_SOON, Kind.WAITLIST_PROMOTED):
            register_attachment(kind, session_attachment)
        targets.register()  # the page its notifications open (jump.notifications.targets)

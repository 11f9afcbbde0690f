from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YoungPeopleConfig(AppConfig):
    """The young people's own pages (issue 18): a domain app on top of participants and
    companies. Nothing imports it except the root URLs."""

    name = "young_people"
    verbose_name = _("Young people's pages")
    navigation = [
        ("young_people:home", _("Home"), "young_people.access.has_own_record"),
        ("young_people:plan", _("My plan"), "young_people.access.has_own_record"),
        (
            "young_people:appointments",
            _("My appointments"),
            "young_people.access.has_own_record",
        ),
        ("young_people:placements", _("My placement"), "young_people.access.has_own_record"),
        ("young_people:documents", _("My documents"), "young_people.access.has_own_record"),
        ("young_people:from_coach", _("From your coach"), "young_people.access.has_own_record"),
        ("young_people:cv", _("My CV"), "young_people.access.has_own_record"),
        ("young_people:consents", _("My consents"), "young_people.access.has_own_record"),
    ]

    def ready(self):
        from . import privacy

        privacy.register()

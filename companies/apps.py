from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

STAFF = "companies.access.is_staff_reader"
CONTACT = "companies.access.is_company_side"


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Companies")
    # Staff reach offers and support requests from the company register (the bar is shared by
    # every app); company contacts get their whole portal in the bar.
    navigation = [
        ("companies:company_list", _("Companies"), STAFF),
        ("companies:placement_list", _("Placements"), STAFF),
        ("companies:portal", _("My company"), "companies.access.has_own_company"),
        ("companies:offer_list", _("Our offers"), CONTACT),
        ("companies:proposal_list", _("Proposals"), CONTACT),
        ("companies:placement_list", _("Our placements"), CONTACT),
        ("companies:support_need_list", _("Support"), CONTACT),
    ]

    def ready(self):
        # Its part of erasure and subject access (jump.audit.registry), the pages its
        # notifications open (jump.notifications.targets), and its daily reminders and the words
        # of their e-mails (jump.notifications.reminders and .emails).
        from . import notices, privacy, targets

        privacy.register()
        targets.register()
        notices.register()

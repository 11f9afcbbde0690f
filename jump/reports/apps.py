from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from jump.accounts.roles import Role

MANAGER_ROLES = (Role.PROGRAMME_MANAGER, Role.ADMIN)
DASHBOARD_ROLES = (Role.PROGRAMME_MANAGER, Role.ADMIN, Role.COACH)


class ReportsConfig(AppConfig):
    name = "jump.reports"
    label = "reports"
    verbose_name = _("Reports")
    navigation = []

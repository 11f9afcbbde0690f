from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "jump.audit"
    label = "audit"
    verbose_name = _("Audit")
    # The access log review, for programme managers and admins (SECURITY 19).
    navigation = [("audit:log", _("Access log"), "jump.audit.access.is_audit_reviewer")]

    def ready(self):
        from .reads import connect

        connect()

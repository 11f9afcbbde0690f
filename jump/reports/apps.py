from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "jump.reports"
    label = "reports"
    verbose_name = _("Reports")
    navigation = [
        ("reports:dashboard", _("Dashboard"), "jump.reports.access.may_see_dashboard"),
        ("reports:run_list", _("Reports"), "jump.reports.access.is_report_manager"),
        ("reports:data_quality", _("Data quality"), "jump.reports.access.may_see_dashboard"),
    ]

    def ready(self):
        # "Report ready" notifications open the run's page, resolved through this app's access
        # rules (the notifications app may not import jump.reports).
        from jump.notifications.targets import register_target

        from .access import report_run_page

        register_target("reports.reportrun", report_run_page)

        # Erasing a person deletes the report files with names that may carry theirs.
        from jump.audit.registry import register_erasure

        from .file_removal import named_files_of_person_remove

        register_erasure("reports", named_files_of_person_remove)

        # The dashboard's cache is exact: every connection reports writes (jump.reports.cache).
        from django.db.backends.signals import connection_created

        from .cache import watch, watch_open_connections

        connection_created.connect(watch, dispatch_uid="jump.reports.cache.watch")
        watch_open_connections()

        # Other apps' small cached lookups (the caseload's filter choices) key on the version.
        from jump.lib.versioned import register_version_reader

        from .cache import data_version

        register_version_reader(data_version)

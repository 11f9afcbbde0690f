"""Admin for reports: targets (also editable by managers on their page) and report runs,
read-only — a run changes only through its services (state machine, access log)."""

from django.contrib import admin

from .models import IndicatorTarget, ReportRun


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(admin.ModelAdmin):
    list_display = ["code", "target_value", "milestone_value", "milestone_date", "updated_by"]
    readonly_fields = ["updated_by", "created_at", "updated_at"]


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    list_display = [
        "public_id",
        "kind",
        "requested_by",
        "period_start",
        "period_end",
        "format",
        "with_names",
        "status",
        "attempts",
        "created_at",
    ]
    list_filter = ["status", "kind", "format", "with_names"]
    list_select_related = ["requested_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

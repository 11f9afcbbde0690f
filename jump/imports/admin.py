"""Imports in the Django admin (administrators with MFA only): a read-only record of who
imported what, when and with which result. Changes happen only through the import pages."""

from django.contrib import admin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = [
        "original_filename",
        "kind",
        "status",
        "requested_by",
        "partner",
        "rows_total",
        "count_written",
        "created_at",
    ]
    list_filter = ["kind", "status"]
    list_select_related = ["requested_by", "partner"]
    fields = [
        "kind",
        "status",
        "requested_by",
        "partner",
        "activity",
        "original_filename",
        "file_format",
        "size",
        "rows_total",
        "count_new",
        "count_update",
        "count_duplicate",
        "count_error",
        "count_written",
        "skip_errors",
        "error",
        "created_at",
        "finished_at",
    ]
    readonly_fields = fields  # type: ignore[assignment]  # fields as declared: all read-only

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

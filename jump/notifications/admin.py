"""Admin: notifications read-only (failed e-mails are visible here, with their error), and an
action that sends failed e-mails again once the cause (an address, the mail server) is fixed."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "recipient",
        "due_date",
        "created_at",
        "read_at",
        "email_status",
        "email_attempts",
    ]
    list_filter = ["email_status", "kind", "due_date"]
    search_fields = ["recipient__email"]
    list_select_related = ["recipient"]
    date_hierarchy = "due_date"
    actions = ["send_again"]
    fields = [
        "recipient",
        "kind",
        "content_type",
        "object_id",
        "due_date",
        "created_at",
        "read_at",
        "email_status",
        "email_attempts",
        "email_queued_at",
        "email_sent_at",
        "last_error",
    ]
    readonly_fields = fields  # type: ignore[assignment]  # fields as declared: all read-only

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the failed e-mails again"))
    def send_again(self, request, queryset):
        count = services.notification_email_retry(actor=request.user, notifications=queryset)
        self.message_user(
            request,
            ngettext("%(count)s e-mail queued again.", "%(count)s e-mails queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    readonly_fields = ["user", "kind", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False

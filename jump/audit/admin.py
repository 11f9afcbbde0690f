"""Admin: retention (own retention end, legal hold) is set here by administrators
(docs/architecture.md: the administrator looks after retention). The access log and the
erasure ledger are not registered: they are reviewed on the audit page and never changed."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Retention


@admin.register(Retention)
class RetentionAdmin(admin.ModelAdmin):
    list_display = ["participant_public_id", "retention_end", "legal_hold", "updated_at"]
    list_filter = ["legal_hold"]
    search_fields = ["participant__public_id"]
    raw_id_fields = ["participant"]
    fields = ["participant", "retention_end", "legal_hold"]

    @admin.display(description=_("public id"))
    def participant_public_id(self, obj):
        return obj.participant.public_id

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant")

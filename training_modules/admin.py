"""Admin for training: texts with a tab per language; enrolments and certificates read-only
(they change through the services, which keep the waiting list and certificates right)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Certificate, Enrolment, GoodPractice, Module, Session, SessionFeedback, Tag


@admin.register(Module)
class ModuleAdmin(TranslationAdmin):
    list_display = ["title", "format", "target_group", "hours", "status"]
    list_filter = ["status", "format", "target_group"]
    search_fields = ["title_da", "title_de", "title_en"]
    readonly_fields = ["created_by", "created_at", "updated_at"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["module", "starts_at", "ends_at", "country", "language", "capacity", "status"]
    list_filter = ["status", "country", "language"]
    list_select_related = ["module"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["trainers"]
    autocomplete_fields = ["module"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["person", "session", "status", "enrolled_at"]
    list_filter = ["status"]
    list_select_related = ["person", "session__module"]
    search_fields = ["person__email", "person__last_name"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["verification_code", "enrolment", "issued_at", "language"]
    list_select_related = ["enrolment__person", "enrolment__session__module"]
    search_fields = ["verification_code"]
    exclude = ["file"]


@admin.register(SessionFeedback)
class SessionFeedbackAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "rating", "created_at"]
    list_select_related = ["enrolment__person", "enrolment__session__module"]


@admin.register(GoodPractice)
class GoodPracticeAdmin(TranslationAdmin):
    list_display = ["title", "partner", "country", "status", "published_at"]
    list_filter = ["status", "country", "partner"]
    search_fields = ["title_da", "title_de", "title_en"]
    filter_horizontal = ["tags"]
    readonly_fields = ["author", "created_at", "updated_at"]


@admin.register(Tag)
class TagAdmin(TranslationAdmin):
    list_display = ["name_da", "name_de", "name_en"]
    search_fields = ["name_da", "name_de", "name_en"]

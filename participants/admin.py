"""The participants app in the Django admin (administrators with MFA only, see jump.admin_site).

Deliberately not registered (SECURITY 13): case notes (Contact) and documents (their files are
served only through the access-checked download view).
"""

from django.contrib import admin

from .models import (
    ActionPlan,
    Activity,
    Assessment,
    Attendance,
    Consent,
    Goal,
    LanguageSkill,
    Outcome,
    Participant,
    ParticipantShare,
    Step,
)
from .next_due import recompute_next_due


class LanguageSkillInline(admin.TabularInline):
    model = LanguageSkill
    fields = ["language", "other_language", "level", "assessed_on"]
    extra = 0


class ConsentInline(admin.TabularInline):
    """The consent ledger, read only: rows are never edited (withdrawal is a new row)."""

    model = Consent
    fields = ["purpose", "given", "evidence", "recorded_at", "recorded_by"]
    readonly_fields = fields  # type: ignore[assignment]  # fields as declared: all read-only
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ParticipantShareInline(admin.TabularInline):
    model = ParticipantShare
    fk_name = "participant"
    fields = ["coach", "granted_by", "created_at", "revoked_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["coach", "granted_by"]
    extra = 0


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "partner", "coach", "status", "entry_date"]
    list_filter = ["status", "partner__country", "partner"]
    search_fields = ["first_name", "last_name", "email", "public_id"]
    list_select_related = ["partner", "coach"]
    readonly_fields = ["public_id", "created_at", "updated_at", "erased_at"]
    raw_id_fields = ["coach"]
    date_hierarchy = "entry_date"
    inlines = [LanguageSkillInline, ConsentInline, ParticipantShareInline]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """The ledger for reading across participants; it cannot be changed here."""

    list_display = ["participant", "purpose", "given", "recorded_at", "recorded_by"]
    list_filter = ["purpose", "given"]
    list_select_related = ["participant", "recorded_by"]
    search_fields = ["participant__first_name", "participant__last_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["participant", "kind", "rater", "date"]
    list_filter = ["kind", "rater"]
    list_select_related = ["participant"]
    search_fields = ["participant__first_name", "participant__last_name"]
    raw_id_fields = ["participant", "recorded_by"]


class NextDueAdmin(admin.ModelAdmin):
    """Plans and goals (with their inline goals and steps) change the caseload's sort key of
    their participant — before and after a move to another one (participants/next_due.py)."""

    def participant_ids(self, obj, form=None) -> set[int]:
        raise NotImplementedError

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        recompute_next_due(self.participant_ids(form.instance, form))

    def delete_model(self, request, obj):
        ids = self.participant_ids(obj)
        super().delete_model(request, obj)
        recompute_next_due(ids)

    def delete_queryset(self, request, queryset):
        ids = set().union(*(self.participant_ids(obj) for obj in queryset))
        super().delete_queryset(request, queryset)
        recompute_next_due(ids)


class GoalInline(admin.StackedInline):
    model = Goal
    fields = ["title", "due_on", "done_on"]
    extra = 0
    show_change_link = True


@admin.register(ActionPlan)
class ActionPlanAdmin(NextDueAdmin):
    list_display = ["title", "participant", "starts_on"]
    list_select_related = ["participant"]
    search_fields = ["title", "participant__first_name", "participant__last_name"]
    raw_id_fields = ["participant", "created_by"]
    inlines = [GoalInline]

    def participant_ids(self, obj, form=None) -> set[int]:
        before = form.initial.get("participant") if form is not None else None
        return {pk for pk in (obj.participant_id, before) if pk is not None}


class StepInline(admin.TabularInline):
    model = Step
    fields = ["title", "due_on", "done_on"]
    extra = 0


@admin.register(Goal)
class GoalAdmin(NextDueAdmin):
    list_display = ["title", "plan", "due_on", "done_on"]
    list_select_related = ["plan"]
    search_fields = ["title"]
    raw_id_fields = ["plan"]
    inlines = [StepInline]

    def participant_ids(self, obj, form=None) -> set[int]:
        plans = {obj.plan_id, form.initial.get("plan") if form is not None else None}
        return set(
            ActionPlan.objects.filter(pk__in=[pk for pk in plans if pk is not None]).values_list(
                "participant_id", flat=True
            )
        )


class AttendanceInline(admin.TabularInline):
    model = Attendance
    fields = ["participant", "status", "recorded_by"]
    raw_id_fields = ["participant", "recorded_by"]
    extra = 0


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "date", "partner", "country", "cross_border", "hours"]
    list_filter = ["kind", "cross_border", "country", "partner"]
    list_select_related = ["partner"]
    search_fields = ["title"]
    date_hierarchy = "date"
    raw_id_fields = ["created_by"]
    inlines = [AttendanceInline]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["participant", "timing", "kind", "date", "cross_border"]
    list_filter = ["timing", "kind", "cross_border"]
    list_select_related = ["participant"]
    search_fields = ["participant__first_name", "participant__last_name"]
    raw_id_fields = ["participant", "recorded_by"]

"""The companies app in the Django admin (administrators with MFA only, see jump/admin_site.py).

Support needs and support actions are deliberately not registered (SECURITY 13): they are
read and written only through the app's own pages.
"""

from django.contrib import admin

from .forms import CompanyForm
from .models import (
    Company,
    CompanyContact,
    Invitation,
    Offer,
    OfferLanguageRequirement,
    Placement,
    PlacementFeedback,
)


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "cvr", "register_number", "sector", "status"]
    list_filter = ["country", "sector", "status", "responsible_partner"]
    search_fields = ["name", "cvr", "register_number"]
    list_select_related = ["responsible_partner"]
    readonly_fields = ["public_id", "created_by", "created_at", "updated_at"]
    # The register's fields as the coaches' form has them, then the bookkeeping.
    fields = [*CompanyForm.Meta.fields, *readonly_fields]


@admin.register(CompanyContact)
class CompanyContactAdmin(admin.ModelAdmin):
    list_display = ["user", "job_title", "phone"]
    search_fields = ["user__email", "user__last_name"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    fields = ["user", "job_title", "phone"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: an invitation is created by `invitation_create`, which e-mails the token."""

    list_display = ["email", "company", "created_at", "expires_at", "used_at"]
    list_filter = ["used_at"]
    search_fields = ["email", "company__name"]
    list_select_related = ["company"]
    fields = [
        "email",
        "first_name",
        "last_name",
        "language",
        "company",
        "invited_by",
        "created_at",
        "expires_at",
        "used_at",
        "accepted_by",
    ]
    readonly_fields = fields  # type: ignore[assignment]  # fields as declared: all read-only

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OfferLanguageRequirementInline(admin.TabularInline):
    model = OfferLanguageRequirement
    fields = ["language", "min_level"]
    extra = 0


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "kind", "start_date", "places", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "company__name"]
    list_select_related = ["company"]
    raw_id_fields = ["company"]
    inlines = [OfferLanguageRequirementInline]
    readonly_fields = ["public_id", "published_at", "closed_at", "created_by"]
    fields = [
        "company",
        "kind",
        "title",
        "description",
        "place",
        "start_date",
        "end_date",
        "places",
        "status",
        *readonly_fields,
    ]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["public_id", "offer", "status", "start_date", "end_date", "cross_border"]
    list_filter = ["status", "cross_border"]
    search_fields = ["offer__title", "offer__company__name"]
    list_select_related = ["offer"]
    raw_id_fields = ["participant", "offer"]
    readonly_fields = ["public_id", "cross_border", "proposed_by", "decided_by", "decided_at"]
    fields = [
        "participant",
        "offer",
        "status",
        "decline_reason",
        "start_date",
        "end_date",
        "mentor_name",
        "mentor_contact",
        "health_insurance_card",
        "tax_card",
        "accident_insurance",
        "travel_arranged",
        *readonly_fields,
    ]


@admin.register(PlacementFeedback)
class PlacementFeedbackAdmin(admin.ModelAdmin):
    list_display = ["placement", "side", "would_hire", "created_at"]
    list_filter = ["side", "would_hire"]
    list_select_related = ["placement__offer"]
    raw_id_fields = ["placement"]
    fields = [
        "placement",
        "side",
        "author",
        "punctuality",
        "motivation",
        "skills",
        "language",
        "would_hire",
        "comments",
    ]
    readonly_fields = ["author"]

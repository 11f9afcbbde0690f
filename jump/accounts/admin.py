from allauth.account.decorators import reauthentication_required
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import Partner, User


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind"]
    list_filter = ["country", "kind"]
    search_fields = ["name"]


class ReauthenticatedChangesMixin:
    """Changing a user or a role (group) needs a login confirmed within the last five minutes
    (SECURITY 5). Reading needs none; allauth keeps the POST and replays it after confirmation."""

    def changeform_view(self, request, *args, **kwargs):
        view = reauthentication_required(super().changeform_view, allow_get=True)
        return view(request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        view = reauthentication_required(super().delete_view, allow_get=True)
        return view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        # Bulk actions (e.g. "delete selected") are POSTs to the change list.
        view = reauthentication_required(super().changelist_view, allow_get=True)
        return view(request, *args, **kwargs)


@admin.register(User)
class UserAdmin(ReauthenticatedChangesMixin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "partner", "company", "is_active"]
    list_filter = ["groups", "partner", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    list_select_related = ["partner", "company"]
    autocomplete_fields = ["partner"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "preferred_language")}),
        (_("Organisation"), {"fields": ("partner", "company")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def user_change_password(self, request, *args, **kwargs):
        view = reauthentication_required(super().user_change_password, allow_get=True)
        return view(request, *args, **kwargs)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(ReauthenticatedChangesMixin, BaseGroupAdmin):
    """The roles are groups: changing one changes what its members may do."""

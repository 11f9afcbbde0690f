"""The Django admin: administrators with MFA only; logins go through allauth (rate limited)."""

from functools import update_wrapper

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class JumpAdminSite(admin.AdminSite):
    site_header = _("JUMP administration")
    site_title = _("JUMP administration")

    def has_permission(self, request):
        user = request.user
        # The RequireMFAMiddleware has already sent an admin without TOTP to MFA set-up.
        return bool(
            user.is_active and user.is_authenticated and user.is_staff and user.is_admin_role
        )

    def admin_view(self, view, cacheable=False):
        """Logged in but not an administrator → 403 rather than the admin's own login form.

        Anonymous visitors go to admin:login, which `login` below hands to allauth's login.
        """
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, view)

    def login(self, request, extra_context=None):
        # Imported here: allauth's decorators need the app registry, which the admin's
        # AppConfig is loaded before.
        from allauth.account.decorators import secure_admin_login

        return secure_admin_login(super().login)(request, extra_context)

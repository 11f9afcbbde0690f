from django.contrib.admin.apps import AdminConfig


class JumpAdminConfig(AdminConfig):
    """The admin with JUMP's site (loaded lazily by name: it needs the app registry)."""

    default_site = "jump.admin_site.JumpAdminSite"

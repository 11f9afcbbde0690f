from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path

from jump.accounts import views as account_views
from jump.health import healthz

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(account_views.set_language), name="set_language"),
]

urlpatterns += i18n_patterns(
    path("", account_views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("jump.accounts.urls")),
    path("accessibility/", account_views.accessibility_statement, name="accessibility_statement"),
    path("participants/", include("participants.urls")),
    path("companies/", include("companies.urls")),
    path("training/", include("training_modules.urls")),
    path("notifications/", include("jump.notifications.urls")),
    path("reports/", include("jump.reports.urls")),
    path("imports/", include("jump.imports.urls")),
    path("audit/", include("jump.audit.urls")),
    path("young/", include("young_people.urls")),
    path("admin/", admin.site.urls),
)

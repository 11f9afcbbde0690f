from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from . import kept_forms, services
from .access import may_change_own_account
from .forms import ProfileForm
from .middleware import touch_session
from .roles import ROLE_HOME


def home(request):
    """Send each user to their role's home page; a user without a role sees a short note."""
    for role, url_name in ROLE_HOME:
        if request.user.has_role(role):
            return redirect(url_name)
    return render(request, "accounts/home_no_role.html")


def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.user_update_profile(actor=request.user, **form.cleaned_data)
        with translation.override(user.preferred_language):
            messages.success(request, _("Your profile was saved."))
            return redirect(reverse("accounts:profile"))
    return render(request, "accounts/profile.html", {"form": form})


@require_POST
def set_language(request):
    """Django's language switch, and for a logged-in user also their stored preference."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if may_change_own_account(request.user) and language in dict(settings.LANGUAGES):
        services.user_set_language(actor=request.user, language=language)
    return response


@login_not_required
@require_POST
def keep_alive(request):
    """The expiry warning's "Stay logged in": renews the idle timeout now (not only once a
    minute, as other requests do). 204 while logged in, 401 once the session has ended."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    touch_session(request.session, force=True)
    return HttpResponse(status=204)


@require_POST
def kept_form_discard(request):
    """Throw away the form kept when the session had ended (see kept_forms)."""
    kept_forms.discard(request)
    messages.info(request, _("What you had sent was discarded."))
    response = redirect(_same_site(request, request.POST.get("next")) or reverse("home"))
    response.delete_cookie(kept_forms.COOKIE, samesite="Lax")
    return response


def _same_site(request, target):
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@login_not_required
@require_GET
def accessibility_statement(request):
    """The accessibility statement (as EU public-sector sites publish): public, three languages."""
    return render(
        request,
        "accounts/accessibility_statement.html",
        {"contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL},
    )

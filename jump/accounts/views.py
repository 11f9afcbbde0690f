from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import services
from .access import may_change_own_account
from .forms import ProfileForm
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

"""The notifications pages: a person's own list, opening one, marking read, e-mail settings.

Every logged-in user has these pages (their own notifications only). Another person's
notification, or one whose object is gone or no longer visible, answers 404.

`open` answers GET and POST. GET is the link in the e-mail: it only resolves the object through
its app's access layer and redirects (GET never changes state, so it does not mark anything
read — a link fetched by a mail scanner or a cross-site page changes nothing). POST is the
"open" button of the list page: it marks the notification read, then redirects.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import access, selectors, services
from .forms import DeliveryPreferencesForm
from .kinds import kinds_for
from .models import Kind, Notification
from .targets import target_url

PAGE_SIZE = 25


def _own_notification(request, public_id) -> Notification:
    try:
        return selectors.get_notification_for_user(request.user, public_id)
    except Notification.DoesNotExist:
        raise Http404 from None


def _back(request) -> str:
    """Where to return after a POST: the page it came from (same site only), else the list."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("notifications:list")


@require_GET
def notification_list(request):
    page = Paginator(selectors.notification_list(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/notification_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
def notification_open(request, public_id):
    notification = _own_notification(request, public_id)
    url = target_url(notification, request.user)
    if request.method == "POST":
        services.notification_mark_read(actor=request.user, notification=notification)
    return redirect(url)


@require_POST
def notification_mark_read(request, public_id):
    notification = _own_notification(request, public_id)
    services.notification_mark_read(actor=request.user, notification=notification)
    if request.htmx:
        # The row in place, and the bell's count out of band.
        return render(
            request,
            "notifications/_notification_row.html",
            {"notification": notification, "bell_out_of_band": True},
        )
    return redirect(_back(request))


@require_POST
def notification_mark_all_read(request):
    count = services.notifications_mark_all_read(actor=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s notification marked as read.",
            "%(count)s notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect(_back(request))


@require_http_methods(["GET", "POST"])
def preferences(request):
    kinds = kinds_for(request.user)
    form = DeliveryPreferencesForm(
        request.POST if request.method == "POST" else None,
        kinds=kinds,
        initial=selectors.delivery_preferences(request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_update(actor=request.user, delivery_by_kind=form.delivery_by_kind())
        messages.success(request, _("Your e-mail settings were saved."))
        return redirect(reverse("notifications:preferences"))
    return render(request, "notifications/preferences_form.html", {"form": form, "kinds": kinds})


# The one-click unsubscribe of SECURITY 37 (RFC 8058): no login, and no CSRF token — a mail
# program POSTs "List-Unsubscribe=One-Click" to the URL of the header. The signed token is the
# only authority, and all it can do is stop one kind of e-mail to the one person it names.
# GET (a person following the link) shows a button; only POST changes anything.
@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    if request.method == "POST":
        done = services.preference_mute_by_token(token=token)
        if not done:
            raise Http404
        return render(request, "notifications/unsubscribe_done.html")
    subject = access.unsubscribe_token_subject(token)
    if subject is None:
        raise Http404
    _user, kind = subject
    label = _("the daily digest") if kind == access.DIGEST_TOKEN_KIND else Kind(kind).label
    return render(
        request, "notifications/unsubscribe_confirm.html", {"token": token, "label": label}
    )

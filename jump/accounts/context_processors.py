from functools import cache

from django.apps import apps
from django.urls import reverse
from django.utils.module_loading import import_string


@cache
def _predicate(path: str):
    return import_string(path)


def navigation_entries():
    """(url name, label, predicate) of every app's `navigation`, in app order."""
    return [
        (url_name, label, _predicate(path))
        for config in apps.get_app_configs()
        for url_name, label, path in getattr(config, "navigation", [])
    ]


def navigation(request):
    """The navigation entries whose page the current user may open: each entry names the access
    predicate its view asks (apps.py), so the menu and the page cannot disagree.

    The entry whose URL is the longest prefix of the current path is marked active, so that
    /participants/activities/ marks "Activities" and not also "Participants".
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        {"url": reverse(url_name), "label": label, "active": False, "name": url_name}
        for url_name, label, may_open in navigation_entries()
        if may_open(user)
    ]
    matching = [item for item in items if request.path.startswith(item["url"])]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["active"] = True
    return {"nav_items": items}


def session_and_kept_form(request):
    """The idle timeout for the expiry warning (SECURITY 6) and the form kept after it ended."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from django.conf import settings

    from .kept_forms import FIELD, _until_text, kept_for

    context = {
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": min(
            settings.SESSION_EXPIRY_WARNING_SECONDS, settings.SESSION_COOKIE_AGE
        ),
    }
    entry = kept_for(request)
    if entry is not None:
        context["kept_form"] = {
            **entry,
            "field": FIELD,
            "until_text": _until_text(entry["until"]),
        }
    return context

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

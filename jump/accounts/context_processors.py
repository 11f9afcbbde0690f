from django.apps import apps
from django.urls import reverse


def navigation(request):
    """The navigation entries of every app that the current user's roles may see.

    The entry whose URL is the longest prefix of the current path is marked active, so that
    /participants/activities/ marks "Activities" and not also "Participants".
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for config in apps.get_app_configs():
        for url_name, label, roles in getattr(config, "navigation", []):
            if user.has_role(*roles):
                items.append({"url": reverse(url_name), "label": label, "active": False})
    matching = [item for item in items if request.path.startswith(item["url"])]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["active"] = True
    return {"nav_items": items}

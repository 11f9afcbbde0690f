from django.apps import apps
from django.urls import reverse


def navigation(request):
    """The navigation entries of every app that the current user's roles may see."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for config in apps.get_app_configs():
        for url_name, label, roles in getattr(config, "navigation", []):
            if user.has_role(*roles):
                url = reverse(url_name)
                items.append({"url": url, "label": label, "active": request.path.startswith(url)})
    return {"nav_items": items}

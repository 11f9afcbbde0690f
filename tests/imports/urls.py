"""jump.urls with the imports URLs, until the integrator adds them there."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLResolver, include, path

from jump.urls import urlpatterns as jump_urlpatterns


def _has_imports(patterns) -> bool:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "imports":
                return True
            if pattern.namespace is None and _has_imports(pattern.url_patterns):
                return True
    return False


urlpatterns = list(jump_urlpatterns)
if not _has_imports(urlpatterns):
    urlpatterns += i18n_patterns(path("imports/", include("jump.imports.urls")))

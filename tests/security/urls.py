"""Every URL pattern of the project with made-up arguments, for sweeps that must not miss one."""

import uuid

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, PathConverter, SlugConverter, UUIDConverter

SAMPLE = {
    UUIDConverter: lambda: str(uuid.uuid4()),
    IntConverter: lambda: "1",
    SlugConverter: lambda: "sample",
    PathConverter: lambda: "sample",
}

# Regex groups that accept only some words.
REGEX_SAMPLES = {"app_label": "accounts"}


def _sample(converter) -> str:
    for kind, make in SAMPLE.items():
        if isinstance(converter, kind):
            return make()
    return "sample"  # StringConverter and anything else that takes a word


def url_patterns():
    """[(url name, kwargs with sample values)] for every named URL pattern."""
    found: dict[str, dict] = {}

    def walk(resolver, namespace, converters):
        for pattern in resolver.url_patterns:
            merged = {**converters, **getattr(pattern.pattern, "converters", {})}
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                walk(pattern, f"{namespace}:{ns}" if namespace and ns else ns or namespace, merged)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                kwargs = {key: _sample(conv) for key, conv in merged.items()}
                # Regex patterns have named groups instead of converters.
                for group in pattern.pattern.regex.groupindex:
                    kwargs.setdefault(group, REGEX_SAMPLES.get(group, "sample"))
                found.setdefault(name, kwargs)

    walk(get_resolver(), None, {})
    return sorted(found.items())


def sample_url(name: str, kwargs: dict) -> str | None:
    """The URL for `name`, or None when it cannot be built from sample values."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except Exception:  # noqa: BLE001 — regex patterns with groups, handled by the caller
        return None

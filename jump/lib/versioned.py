"""Small lookups cached per data version (issue 20): the same exactness as the dashboard's cache.

The data version (`jump.reports.cache`) is raised after every committed write to data; the
reports app registers its reader here at start-up (the foundation may not import it). A value is
cached under its kind, the caller's key parts (the viewer's scope: never wider than what that
viewer may see) and the version, so any later commit makes a new key. Without a reader (the
reports app not installed), without a version row, or inside a transaction (whose own writes
are not committed) the value is computed each time.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

TIMEOUT_SECONDS = 60 * 60

_version_reader: Callable[[], int | None] | None = None


def register_version_reader(reader: Callable[[], int | None]) -> None:
    global _version_reader
    _version_reader = reader


def cached_per_version(kind: str, parts: tuple[str, ...], compute: Callable[[], T]) -> T:
    """`compute()`, from the cache while no data has changed since it was stored."""
    from django.core.cache import cache
    from django.db import connection

    if _version_reader is None or connection.in_atomic_block:
        return compute()
    version = _version_reader()
    if version is None:
        return compute()
    raw = "|".join((kind, *parts, str(version)))
    key = "versioned:" + hashlib.sha256(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT_SECONDS)
    return value

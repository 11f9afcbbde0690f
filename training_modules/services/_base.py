"""Helpers every training service uses."""

from collections.abc import Mapping
from typing import Any


def assign(instance: object, data: Mapping[str, Any], allowed: frozenset[str]) -> None:
    """Set the fields of `data` on `instance`; a field outside `allowed` is a programming error
    (ownership fields are never taken from a form)."""
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"Fields not writable here: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)

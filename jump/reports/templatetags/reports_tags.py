"""Showing figures: a dash for "no value", a percent sign for shares, localised numbers."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value, unit="count"):
    """A figure as the tables show it: "–" when there is none, "25.0 %" for a share."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value  # already shown as it is meant to be ("<5")
    if unit == "percent":
        return f"{number_format(value, decimal_pos=1)} %"
    return number_format(value)


@register.filter
def target_number(value):
    """A target without needless decimals (12.00 → 12, 12.50 → 12.5)."""
    if value is None:
        return "–"
    normalised = value.normalize() if hasattr(value, "normalize") else value
    return number_format(normalised)

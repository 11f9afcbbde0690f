"""The programme's two countries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    DK = "DK", _("Denmark")
    DE = "DE", _("Germany")


def other_country(country: str) -> str:
    """The country on the other side of the border."""
    return Country.DE if country == Country.DK else Country.DK

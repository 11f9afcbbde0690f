"""Row texts of the big tables, made once per page in Python (issue 20: no include or
blocktranslate per row). The same messages as the templates had."""

from typing import Any

from django.utils.translation import gettext as _


def offer_rows(offers: Any) -> list[Any]:
    """The offers (a page or a queryset) as a list, each with `places_text` ("2 of 3")."""
    places = _("%(taken)s of %(places)s")
    rows = list(offers)
    for offer in rows:
        offer.places_text = places % {"taken": offer.places_taken, "places": offer.places}
    return rows

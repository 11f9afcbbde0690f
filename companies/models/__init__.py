"""Companies, their offers and placements, feedback, support (docs/architecture.md, `companies`)."""

from .company import Company, CompanyContact, Invitation
from .offer import MAX_PLACES, Offer, OfferLanguageRequirement
from .placement import Placement, PlacementFeedback
from .support import SupportAction, SupportNeed

__all__ = [
    "MAX_PLACES",
    "Company",
    "CompanyContact",
    "Invitation",
    "Offer",
    "OfferLanguageRequirement",
    "Placement",
    "PlacementFeedback",
    "SupportAction",
    "SupportNeed",
]

"""What the companies app holds about a person, for erasure and subject access (SECURITY 21,
22). Registered with `jump.audit.registry` from `CompaniesConfig.ready()`.

Placements stay (indicators count them); their free texts about the person are blanked.
"""

from django.utils.translation import gettext_lazy as _

from jump.audit.registry import (
    ERASED_TEXT,
    Section,
    register_erasure,
    register_export,
    register_summary,
)

from .models import Placement, PlacementFeedback


def scrub(participant) -> list[tuple]:
    """Blank the decline reasons and feedback comments of the participant's placements."""
    placements = Placement.objects.filter(participant_id=participant.pk)
    # A declined placement must keep a reason (a database constraint): the placeholder.
    placements.exclude(decline_reason="").update(decline_reason=ERASED_TEXT)
    PlacementFeedback.objects.filter(placement__in=placements).update(comments="")
    return []


SECTIONS = (
    Section(
        "placements",
        _("Placements and proposals to companies"),
        "companies.Placement",
        lambda p: p.placements.select_related("offer__company").order_by("created_at", "pk"),
        children=(
            (
                "feedback",
                _("Feedback"),
                "companies.PlacementFeedback",
                lambda placement: placement.feedback.all(),
            ),
        ),
    ),
)


def company_views(participant) -> list[dict]:
    """Which companies saw what: every proposal or placement, and each company contact's view."""
    views = []
    for placement in participant.placements.select_related("offer__company").order_by("pk"):
        views.append(
            {
                "company": placement.offer.company.name,
                "offer": placement.offer.title,
                "since": placement.created_at.date().isoformat(),
                "status": placement.get_status_display(),
                "what": str(
                    _(
                        "First name, languages, skills and this placement, while consent to "
                        "sharing with companies was given."
                    )
                ),
            }
        )
    return views


def register() -> None:
    register_erasure("companies", scrub)
    register_export(*SECTIONS)
    register_summary("companies", company_views)

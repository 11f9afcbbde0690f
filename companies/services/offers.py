"""Writes for offers: create, edit, publish, close."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jump.accounts.models import User

from .. import access
from ..models import Company, Offer, OfferLanguageRequirement

OFFER_FIELDS = ("kind", "title", "description", "place", "start_date", "end_date", "places")


def _replace_language_requirements(
    offer: Offer, requirements: Iterable[tuple[str, str]] | None
) -> None:
    if requirements is None:
        return
    rows = []
    seen = set()
    for language, min_level in requirements:
        if language in seen:
            raise ValidationError(
                _("Each language can be required only once."), code="duplicate_language"
            )
        seen.add(language)
        row = OfferLanguageRequirement(offer=offer, language=language, min_level=min_level)
        row.full_clean(exclude=["offer"])
        rows.append(row)
    offer.language_requirements.all().delete()
    OfferLanguageRequirement.objects.bulk_create(rows)


@transaction.atomic
def offer_create(
    *,
    actor: User,
    company: Company,
    kind: str,
    title: str,
    place: str,
    start_date: date,
    end_date: date | None = None,
    places: int = 1,
    description: str = "",
    language_requirements: Iterable[tuple[str, str]] = (),
) -> Offer:
    """A new draft offer of `company` (its contacts, coaches, admins) with its language needs."""
    if not access.can_create_offer(actor, company):
        raise PermissionDenied
    offer = Offer(
        company=company,
        kind=kind,
        title=title,
        description=description,
        place=place,
        start_date=start_date,
        end_date=end_date,
        places=places,
        created_by=actor,
    )
    offer.full_clean()
    offer.save()
    _replace_language_requirements(offer, language_requirements)
    return offer


@transaction.atomic
def offer_update(
    *,
    actor: User,
    offer: Offer,
    language_requirements: Iterable[tuple[str, str]] | None = None,
    **fields: Any,
) -> Offer:
    """Edit an offer that is not closed. Places cannot drop below the places already taken."""
    if not access.can_change_offer(actor, offer):
        raise PermissionDenied
    unknown = set(fields) - set(OFFER_FIELDS)
    if unknown:
        raise TypeError(f"offer_update() got unexpected fields: {sorted(unknown)}")
    # Lock the offer: placement_accept counts places under the same lock.
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    if locked.status == Offer.Status.CLOSED:
        raise ValidationError(_("A closed offer cannot be changed."), code="offer_closed")
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    taken = locked.placements.taking_places().count()
    if locked.places < taken:
        raise ValidationError(
            {
                "places": ngettext(
                    "%(taken)d place is already taken: the offer needs at least %(taken)d.",
                    "%(taken)d places are already taken: the offer needs at least %(taken)d.",
                    taken,
                )
                % {"taken": taken}
            },
            code="places_below_taken",
        )
    locked.save()
    _replace_language_requirements(locked, language_requirements)
    return locked


@transaction.atomic
def offer_publish(*, actor: User, offer: Offer) -> Offer:
    """Draft → published: coaches can now propose young people for it."""
    if not access.can_change_offer(actor, offer):
        raise PermissionDenied
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    if locked.status != Offer.Status.DRAFT:
        raise ValidationError(_("Only a draft offer can be published."), code="not_draft")
    locked.status = Offer.Status.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at", "updated_at"])
    return locked


@transaction.atomic
def offer_close(*, actor: User, offer: Offer) -> Offer:
    """Draft or published → closed: no new proposals; open proposals can no longer be accepted."""
    if not access.can_change_offer(actor, offer):
        raise PermissionDenied
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    if locked.status == Offer.Status.CLOSED:
        raise ValidationError(_("This offer is already closed."), code="already_closed")
    locked.status = Offer.Status.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at", "updated_at"])
    return locked

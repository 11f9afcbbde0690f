"""The young person's personal calendar feed: a new link (every older one stops) or none."""

from django.db import transaction
from django.db.models import F

from jump.accounts.models import AnyUser
from participants.models import Participant

from .. import access
from ..models import CalendarFeed


@transaction.atomic
def calendar_feed_renew(*, actor: AnyUser, participant: Participant) -> CalendarFeed:
    """Their own feed, with a new version: the address changes, older addresses give 404."""
    access.check_own(actor, participant)
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(participant=participant)
    if not created:
        feed.version = F("version") + 1
        feed.active = True
        feed.save(update_fields=["version", "active", "updated_at"])
        feed.refresh_from_db()
    return feed


@transaction.atomic
def calendar_feed_stop(*, actor: AnyUser, participant: Participant) -> None:
    """Stop their feed: its address gives 404 from now on (a new link gets a new version)."""
    access.check_own(actor, participant)
    CalendarFeed.objects.filter(participant=participant).update(
        active=False, version=F("version") + 1
    )

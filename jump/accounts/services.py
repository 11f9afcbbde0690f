"""Writes for accounts."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from . import access
from .models import User


@transaction.atomic
def user_set_language(*, actor: User, language: str) -> User:
    """Store the actor's preferred language (one of settings.LANGUAGES); no side effects."""
    if not access.may_change_own_account(actor):
        raise PermissionDenied
    actor.preferred_language = language
    actor.full_clean(validate_unique=False)
    actor.save(update_fields=["preferred_language", "updated_at"])
    return actor


@transaction.atomic
def user_update_profile(
    *, actor: User, first_name: str, last_name: str, preferred_language: str
) -> User:
    """Update the actor's own name and language; roles and organisations are not touched."""
    if not access.may_change_own_account(actor):
        raise PermissionDenied
    actor.first_name = first_name
    actor.last_name = last_name
    actor.preferred_language = preferred_language
    actor.full_clean(validate_unique=False)
    actor.save(update_fields=["first_name", "last_name", "preferred_language", "updated_at"])
    return actor

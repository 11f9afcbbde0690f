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


@transaction.atomic
def administrator_create(*, email: str, password: str, language: str) -> User:
    """A new administrator from the command line (`manage.py create_admin`): the admin role,
    staff access to the admin site, a verified primary e-mail address. TOTP is set up at the
    first login like every admin's (RequireMFAMiddleware). The caller has validated the input."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from .roles import Role

    user = User(email=email, preferred_language=language, is_staff=True, is_superuser=True)
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get(name=Role.ADMIN))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user

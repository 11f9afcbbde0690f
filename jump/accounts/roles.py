"""Roles are Django groups; these are their names and where each role starts."""

from typing import TYPE_CHECKING, TypeGuard

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import AnyUser, User


class Role(models.TextChoices):
    COACH = "coach", _("Youth coach")
    COMPANY_CONTACT = "company_contact", _("Company contact")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    TRAINER = "trainer", _("Trainer")
    STAFF_LEARNER = "staff_learner", _("Staff learner")
    ADMIN = "admin", _("Administrator")
    YOUNG_PERSON = "young_person", _("Young person")


# The page a role lands on after login, in order of precedence when a user has several roles.
ROLE_HOME = [
    (Role.ADMIN, "participants:caseload"),
    (Role.PROGRAMME_MANAGER, "reports:dashboard"),
    (Role.COACH, "participants:caseload"),
    (Role.COMPANY_CONTACT, "companies:portal"),
    (Role.TRAINER, "training_modules:catalogue"),
    (Role.STAFF_LEARNER, "training_modules:catalogue"),
    (Role.YOUNG_PERSON, "young_people:home"),
]

# Programme managers and admins: every partner, read (and the programme-wide lists and reports).
MANAGER_ROLES = (Role.PROGRAMME_MANAGER, Role.ADMIN)


def is_partner_coach(user: "AnyUser | None") -> "TypeGuard[User]":
    """A coach who belongs to a partner: the one role fact behind intake, activities, a coach's
    own dashboard and a coach's imports (a coach without a partner can do none of them)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.has_role(Role.COACH)
        and user.partner_id is not None
    )


def is_manager(user: "AnyUser | None") -> "TypeGuard[User]":
    """A programme manager or an admin (MANAGER_ROLES)."""
    return bool(user is not None and user.is_authenticated and user.has_role(*MANAGER_ROLES))


# URL namespaces and names a young person may open; every other page is a 404 for them
# (SECURITY 35: staff pages are invisible to a young person, not forbidden).
YOUNG_PERSON_NAMESPACES = ("young_people",)
YOUNG_PERSON_URL_NAMES = frozenset({"home", "set_language", "healthz", "accounts:profile"})
YOUNG_PERSON_URL_PREFIXES = ("account_", "mfa_")

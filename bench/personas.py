"""Who the benchmark plays, and logged-in sessions for them.

The seeded users (bench/seed.py) have no usable password; the benchmark logs them in by
writing a session as `django.contrib.auth.login` would (user id, backend, password hash,
the start time the session-lifetime middleware reads). Coaches, managers and the admin already
have TOTP set up, so the MFA middleware lets them through, as it does a real user after login.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count, Q

from jump.accounts.middleware import SESSION_STARTED_KEY
from jump.accounts.models import User


@dataclass(frozen=True)
class Persona:
    role: str
    user_id: int
    email: str
    session_key: str

    @property
    def cookie(self) -> str:
        return f"{settings.SESSION_COOKIE_NAME}={self.session_key}"


def login_session(user: User) -> str:
    """A new session in which `user` is logged in; returns the session key."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[SESSION_STARTED_KEY] = time.time()
    store.create()
    return store.session_key


def persona(role: str, user: User) -> Persona:
    return Persona(role=role, user_id=user.pk, email=user.email, session_key=login_session(user))


def users_with_role(role: str):
    return User.objects.filter(groups__name=role, is_active=True).order_by("pk")


def main_coach() -> User:
    """The first coach of the first partner (a typical caseload: one partner's participants)."""
    return users_with_role("coach").order_by("partner_id", "pk").first()


def main_contact() -> User:
    """The contact of the company with the most proposals (the busiest portal)."""
    from companies.models import Company

    company = (
        Company.objects.annotate(
            proposals=Count("offers__placements", filter=Q(offers__placements__status="proposed"))
        )
        .order_by("-proposals", "pk")
        .first()
    )
    return users_with_role("company_contact").filter(company=company).first()


def cast() -> dict[str, Persona]:
    """One logged-in persona per role the pages are measured as."""
    return {
        "coach": persona("coach", main_coach()),
        "contact": persona("contact", main_contact()),
        "manager": persona("manager", users_with_role("programme_manager").first()),
        "learner": persona("learner", users_with_role("staff_learner").first()),
        "admin": persona("admin", users_with_role("admin").filter(is_staff=True).first()),
    }


def crowd(coaches: int, contacts: int, managers: int) -> list[Persona]:
    """Many logged-in users for the load test: coaches of different partners, contacts of
    different companies, managers."""
    people = []
    seen_partners = set()
    for coach in users_with_role("coach").order_by("pk").iterator():
        if coach.partner_id in seen_partners:
            continue
        seen_partners.add(coach.partner_id)
        people.append(persona("coach", coach))
        if len(seen_partners) >= coaches:
            break
    for contact in users_with_role("company_contact").order_by("pk")[:contacts]:
        people.append(persona("contact", contact))
    for manager in users_with_role("programme_manager").order_by("pk")[:managers]:
        people.append(persona("manager", manager))
    return people

"""Demo data for accounts: partners in both countries and one user per role.

Demo passwords and TOTP secrets are public (README); seed_demo refuses to run unless DEBUG.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from .models import Partner, User
from .roles import Role

DEMO_PASSWORD = "jump-demo-password"
# Base32 secret shared by every demo user with MFA; `manage.py demo_mfa_code` prints the code.
DEMO_TOTP_SECRET = "JUMPDEMOJUMPDEMOJUMPDEMOJUMPDEMO"

PARTNERS = [
    ("Sønderborg Produktionsskole", "DK", Partner.Kind.PRODUCTION_SCHOOL),
    ("Aabenraa Jobcenter", "DK", Partner.Kind.JOB_CENTRE),
    ("Produktionsschule Flensburg", "DE", Partner.Kind.PRODUCTION_SCHOOL),
    ("Berufsbildungszentrum Schleswig", "DE", Partner.Kind.VOCATIONAL_SCHOOL),
]

# email, first, last, language, role, partner index (or None), has MFA
USERS = [
    ("coach.dk@jump.test", "Mette", "Hansen", "da", Role.COACH, 0, True),
    ("coach.de@jump.test", "Jonas", "Petersen", "de", Role.COACH, 2, True),
    ("coach.nomfa@jump.test", "Line", "Jensen", "da", Role.COACH, 0, False),
    ("manager@jump.test", "Anke", "Christiansen", "de", Role.PROGRAMME_MANAGER, None, True),
    ("trainer@jump.test", "Søren", "Nielsen", "da", Role.TRAINER, 1, False),
    ("learner.dk@jump.test", "Camilla", "Lund", "da", Role.STAFF_LEARNER, 0, False),
    ("learner.de@jump.test", "Lena", "Hoffmann", "de", Role.STAFF_LEARNER, 3, False),
    ("admin@jump.test", "Ada", "Admin", "en", Role.ADMIN, None, True),
]


def ensure_user(
    email, *, first_name, last_name, language, roles, partner=None, company=None, mfa=False
):
    """Create or update one demo user with a verified e-mail, its roles and (optionally) TOTP."""
    user, _created = User.objects.update_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "preferred_language": language,
            "partner": partner,
            "company": company,
            "is_staff": Role.ADMIN in roles,
            "is_superuser": Role.ADMIN in roles,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    # The role groups come from a migration; a flushed test database may have lost them.
    user.groups.set([Group.objects.get_or_create(name=role)[0] for role in roles])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if mfa and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)
    return user


def seed(world: dict) -> None:
    partners = []
    for name, country, kind in PARTNERS:
        partner, _created = Partner.objects.get_or_create(
            name=name, defaults={"country": country, "kind": kind}
        )
        partners.append(partner)
    world["partners"] = partners
    users = {}
    for email, first, last, language, role, partner_index, mfa in USERS:
        users[email] = ensure_user(
            email,
            first_name=first,
            last_name=last,
            language=language,
            roles=[role],
            partner=partners[partner_index] if partner_index is not None else None,
            mfa=mfa,
        )
    world["users"] = users

"""Demo data of the young people's pages: two young people with their own login (README table),
one Danish and one German, each an active participant with a plan, consents and, where the
companies demo made one, a placement; each registered for an upcoming Future Camp of their
partner, with a CV text and their own rating of two languages."""

import datetime
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils import timezone

from jump.accounts.demo import ensure_user
from jump.accounts.roles import Role
from participants.models import Activity, ActivityRegistration, Participant, Step

from .models import CvProfile, LanguageSelfAssessment

CAMP_TITLE = "Future Camp"
CV_TEXT = {
    "da": (
        "Jeg er glad for at arbejde med hænderne. Jeg vil gerne være tømrer.",
        "Mobil, Word, video",
        "Kørekort til knallert. Fodbold.",
    ),
    "de": (
        "Ich arbeite gern mit den Händen. Ich will Tischler werden.",
        "Handy, Word, Video",
        "Führerschein für Mofa. Fußball.",
    ),
}
RATINGS = {  # language → the five skills of the grid
    "da": {"da": ("C1", "B2", "C1", "B2", "B1"), "de": ("A2", "A2", "A1", "A1", "A1")},
    "de": {"de": ("C1", "B2", "C1", "B2", "B1"), "da": ("A2", "A1", "A1", "A1", "A1")},
}

YOUTH_USERS = [
    ("youth.dk@jump.test", "da", "coach.dk@jump.test"),
    ("youth.de@jump.test", "de", "coach.de@jump.test"),
]


def _pick(coach, language):
    steps = Step.objects.filter(goal__plan__participant=OuterRef("pk"))
    return (
        Participant.objects.filter(
            coach=coach,
            status=Participant.Status.ACTIVE,
            preferred_language=language,
            erased_at__isnull=True,
        )
        .filter(Exists(steps))
        .order_by("pk")
        .first()
    )


def seed(world: dict) -> None:
    users = world["users"]
    for email, language, coach_email in YOUTH_USERS:
        linked = Participant.objects.filter(user__email=email).first()
        participant = linked or _pick(users[coach_email], language)
        if participant is None:
            continue
        user = ensure_user(
            email,
            first_name=participant.first_name,
            last_name=participant.last_name,
            language=language,
            roles=[Role.YOUNG_PERSON],
        )
        if participant.user_id != user.pk:
            participant.user = user
            participant.save(update_fields=["user", "updated_at"])
        users[email] = user
        _appointment_and_cv(participant, users[coach_email], language)


def _appointment_and_cv(participant, coach, language) -> None:
    """An upcoming Future Camp of the partner with the young person on its list, their CV text
    and their own language ratings (idempotent: seed_demo may run again)."""
    camp = Activity.objects.filter(partner=participant.partner, title=CAMP_TITLE).first()
    if camp is None:
        camp = Activity.objects.create(
            kind=Activity.Kind.CAMP,
            title=CAMP_TITLE,
            description="",
            date=timezone.localdate() + datetime.timedelta(days=21),
            hours=Decimal("16.0"),
            country=participant.partner.country,
            cross_border=True,
            capacity=20,
            partner=participant.partner,
            created_by=coach,
        )
    ActivityRegistration.objects.get_or_create(
        activity=camp, participant=participant, defaults={"registered_by": coach}
    )
    statement, digital, other = CV_TEXT[language]
    CvProfile.objects.get_or_create(
        participant=participant,
        defaults={"statement": statement, "digital_skills": digital, "other_skills": other},
    )
    for code, levels in RATINGS[language].items():
        LanguageSelfAssessment.objects.get_or_create(
            participant=participant,
            language=code,
            defaults=dict(
                zip(
                    ("listening", "reading", "spoken_interaction", "spoken_production", "writing"),
                    levels,
                    strict=True,
                )
            ),
        )

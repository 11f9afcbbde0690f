"""Demo data of the young people's pages: two young people with their own login (README table),
one Danish and one German, each an active participant with a plan, consents and, where the
companies demo made one, a placement."""

from django.db.models import Exists, OuterRef

from jump.accounts.demo import ensure_user
from jump.accounts.roles import Role
from participants.models import Participant, Step

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

"""What a young person writes for their own CV: their texts and their own language ratings on
the CEFR self-assessment grid (the coach's rating stays separate, participants.LanguageSkill)."""

from django.db import transaction

from jump.accounts.models import AnyUser
from participants.models import Participant

from .. import access
from ..models import GRID_SKILLS, CvProfile, LanguageSelfAssessment

PROFILE_FIELDS = ("statement", "digital_skills", "other_skills")


@transaction.atomic
def cv_profile_save(*, actor: AnyUser, participant: Participant, **texts: str) -> CvProfile:
    """Their own CV texts; too long → ValidationError on the field, nothing written."""
    access.check_own(actor, participant)
    unknown = set(texts) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    profile = CvProfile.objects.select_for_update().filter(participant=participant).first()
    profile = profile or CvProfile(participant=participant)
    for name, value in texts.items():
        setattr(profile, name, (value or "").strip())
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def language_self_assessment_save(
    *, actor: AnyUser, participant: Participant, language: str, **levels: str
) -> LanguageSelfAssessment:
    """Their own rating of one language (one row per language; a new rating replaces it). An
    unknown language or level → ValidationError on the field, nothing written."""
    access.check_own(actor, participant)
    if set(levels) != set(GRID_SKILLS):
        raise TypeError(f"expected the five skills: {sorted(GRID_SKILLS)}")
    row = (
        LanguageSelfAssessment.objects.select_for_update()
        .filter(participant=participant, language=language)
        .first()
    ) or LanguageSelfAssessment(participant=participant, language=language)
    for skill, level in levels.items():
        setattr(row, skill, level)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def language_self_assessment_delete(
    *, actor: AnyUser, participant: Participant, language: str
) -> None:
    """Remove their own rating of one language (the coach's rating is not touched)."""
    access.check_own(actor, participant)
    LanguageSelfAssessment.objects.filter(participant=participant, language=language).delete()

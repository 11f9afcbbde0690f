"""What the young person's CV shows (issue 18): their own texts and language ratings beside the
coach's latest rating, and the Europass sections of the PDF — personal statement, work
experience (placements), education and training, language skills with the self-assessment grid,
digital and other skills."""

from dataclasses import dataclass

from django.utils import timezone

from participants.models import LanguageSkill, Participant
from participants.selectors import cv_data

from .models import CV_LANGUAGES, GRID_SKILLS, CvProfile, LanguageSelfAssessment

# The languages a CV PDF can be written in (the site's languages).
PDF_LANGUAGES = ("da", "de", "en")


@dataclass
class LanguageRow:
    code: str
    label: str
    own: LanguageSelfAssessment | None
    coach: LanguageSkill | None

    @property
    def own_levels(self) -> list[str]:
        return self.own.levels() if self.own else []


def language_rows(participant: Participant, coach_languages: list[LanguageSkill]) -> list:
    """One row per language they rated or their coach rated: their grid and the coach's level."""
    own = {row.language: row for row in participant.language_self_assessments.all()}
    coach = {skill.language: skill for skill in coach_languages}
    labels = dict(CV_LANGUAGES)
    rows = []
    for code, label in CV_LANGUAGES:
        if code in own or code in coach:
            rows.append(LanguageRow(code, str(label), own.get(code), coach.get(code)))
    for skill in coach_languages:  # a language outside the grid's list: the coach's level only
        if skill.language not in labels:
            rows.append(LanguageRow(skill.language, skill.language_label, None, skill))
    return rows


def cv_context(participant: Participant) -> dict:
    data = cv_data(participant)
    return {
        **data,
        "profile": CvProfile.objects.filter(participant=participant).first(),
        "language_rows": language_rows(participant, data["languages"]),
        "grid_skills": GRID_SKILLS,
        "today": timezone.localdate(),
    }

"""Plain language, measured (issue 18): every young-person page, rendered in Danish and German
with the demo data, has a LIX of at most 35."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from companies import demo as companies_demo
from jump.accounts import demo as accounts_demo
from participants import demo as participants_demo
from young_people import demo as young_people_demo

from .lix import lix, visible_text

pytestmark = pytest.mark.django_db

PAGES = [
    ("young_people:home", {}),
    ("young_people:plan", {}),
    ("young_people:appointments", {}),
    ("young_people:cv", {}),
    ("young_people:placements", {}),
    ("young_people:consents", {}),
    ("young_people:consent_withdraw", {"purpose": "participation"}),
]


def test_lix_counts_words_per_sentence_and_long_words():
    # 4 words, 1 sentence, 1 long word ("Praktikum" > 6 letters): 4 + 25 = 29
    assert lix("Du hast ein Praktikum.") == pytest.approx(29.0)


def test_every_young_person_page_scores_lix_35_or_less_in_danish_and_german():
    world: dict = {}
    for module in (accounts_demo, participants_demo, companies_demo, young_people_demo):
        module.seed(world)
    scores = {}
    for email in ("youth.dk@jump.test", "youth.de@jump.test"):
        user = world["users"][email]
        for language in ("da", "de"):
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
            client = Client()
            client.force_login(user)
            for url_name, query in PAGES:
                with translation.override(language):
                    url = reverse(url_name)
                response = client.get(url, query)
                assert response.status_code == 200, url
                text = visible_text(response.content.decode())
                scores[(email, language, url_name)] = (lix(text), text)
    assert len(scores) == 4 * len(PAGES)
    too_hard = {key: f"{score:.1f}" for key, (score, _text) in scores.items() if score > 35}
    assert too_hard == {}, "\n\n".join(
        f"{key} {score:.1f}\n{' '.join(text.split())}"
        for key, (score, text) in scores.items()
        if score > 35
    )

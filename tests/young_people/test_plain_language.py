"""Plain language, measured (issue 18): every young-person page, rendered in Danish and German
with the demo data, has a LIX of at most 35. The list of pages comes from the young_people URL
conf: a URL that is neither measured here nor excluded with a reason fails the test, so a new
page cannot escape it."""

import datetime

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone, translation

from companies import demo as companies_demo
from jump.accounts import demo as accounts_demo
from jump.accounts.invitations import hash_token
from participants import demo as participants_demo
from young_people import demo as young_people_demo
from young_people import urls as young_people_urls
from young_people.models import FollowUpRequest, YouthInvitation

from .lix import lix, visible_text

pytestmark = pytest.mark.django_db

TOKEN = "lix-test-token"

# The young person's pages, logged in as them: URL name → the query string.
OWN_PAGES = {
    "young_people:home": {},
    "young_people:plan": {},
    "young_people:appointments": {},
    "young_people:cv": {},
    "young_people:placements": {},
    "young_people:consents": {},
    "young_people:consent_withdraw": {"purpose": "participation"},
    "young_people:documents": {},
    "young_people:from_coach": {},
}
# Pages they open without a login, from a link in an e-mail (the token is made below).
LINK_PAGES = ("young_people:invitation_accept", "young_people:follow_up")
# Not a page a young person reads, with the reason.
NOT_MEASURED = {
    "young_people:step_tick": "POST only: answers with a redirect to My plan",
    "young_people:document_download": "a file, not a page",
    "young_people:appointment_ics": "a calendar file, not a page",
    "young_people:calendar_feed": "a calendar feed for a phone's calendar, not a page",
    "young_people:calendar_feed_renew": "POST only: answers with a redirect to Appointments",
    "young_people:calendar_feed_stop": "POST only: answers with a redirect to Appointments",
    "young_people:cv_language": "POST only: back to My CV (measured as young_people:cv)",
    "young_people:cv_language_delete": "POST only: answers with a redirect to My CV",
    "young_people:cv_pdf": "a PDF file, not a page",
    "young_people:coach_access": "the coach's side (staff pages are not measured)",
    "young_people:coach_invite": "the coach's side, POST only",
    "young_people:coach_end_access": "the coach's side, POST only",
    "young_people:coach_share": "the coach's side, POST only",
    "young_people:coach_outcome_confirm": "the coach's side, POST only",
}


def young_people_url_names() -> set[str]:
    return {
        f"{young_people_urls.app_name}:{pattern.name}"
        for pattern in young_people_urls.urlpatterns
        if isinstance(pattern, URLPattern)
    }


def test_every_young_people_url_is_measured_or_excluded_with_a_reason():
    listed = set(OWN_PAGES) | set(LINK_PAGES) | set(NOT_MEASURED)
    assert young_people_url_names() - listed == set(), "add the page to OWN_PAGES"
    assert listed - young_people_url_names() == set()


def _link_targets(world):
    """An open invitation and an open follow-up of the Danish demo young person, with TOKEN."""
    participant = world["users"]["youth.dk@jump.test"].participant
    invitation = YouthInvitation.objects.create(
        participant=participant,
        email="lix@example.org",
        language="da",
        token_hash=hash_token(TOKEN),
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    follow_up = FollowUpRequest.objects.create(
        participant=participant,
        email="lix@example.org",
        language="da",
        token_hash=hash_token(TOKEN),
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    return invitation, follow_up


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
            for url_name, query in OWN_PAGES.items():
                with translation.override(language):
                    url = reverse(url_name)
                response = client.get(url, query)
                assert response.status_code == 200, url
                text = visible_text(response.content.decode())
                scores[(email, language, url_name)] = (lix(text), text)
    links = _link_targets(world)
    for language in ("da", "de"):
        for link in links:
            type(link).objects.filter(pk=link.pk).update(language=language)
        for url_name in LINK_PAGES:
            response = Client().get(reverse(url_name, kwargs={"token": TOKEN}))
            assert response.status_code == 200, url_name
            text = visible_text(response.content.decode())
            scores[("link", language, url_name)] = (lix(text), text)
    assert len(scores) == 2 * 2 * len(OWN_PAGES) + 2 * len(LINK_PAGES)
    too_hard = {key: f"{score:.1f}" for key, (score, _text) in scores.items() if score > 35}
    assert too_hard == {}, "\n\n".join(
        f"{key} {score:.1f}\n{' '.join(text.split())}"
        for key, (score, text) in scores.items()
        if score > 35
    )

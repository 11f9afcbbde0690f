"""Issue 17 "Closing the loops" in a real browser: a coach proposes a young person from the case
file (offers ordered by fit), the company accepts, the coach sees the answer — in Danish and in
German, every page visited axe clean. Also the caseload on a phone (390 px): one card per young
person with the next step, the last contact and the follow-ups.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from companies.models import Placement
from participants.models import Consent, LanguageSkill
from tests.e2e.conftest import check_page, in_days, log_in, log_out, screenshot
from tests.factories.accounts import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory
from tests.factories.companies import OfferFactory, OfferLanguageRequirementFactory
from tests.factories.participants import (
    ConsentFactory,
    ContactFactory,
    LanguageSkillFactory,
    ParticipantFactory,
    StepFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def click(page, selector: str):
    """Click a link or button that leads to another page, and wait for it."""
    with page.expect_navigation():
        page.locator(selector).first.click()


def accessible(page, name: str, language: str):
    problems = check_page(page, name, language)
    assert problems == [], (name, language, problems)


def _young_person(coach, partner, first_name, last_name, *, german="B1"):
    participant = ParticipantFactory(
        first_name=first_name,
        last_name=last_name,
        partner=partner,
        coach=coach,
        entry_date=in_days(-60),
    )
    for purpose in (Consent.Purpose.PARTICIPATION, Consent.Purpose.SHARE_WITH_COMPANIES):
        ConsentFactory(participant=participant, purpose=purpose, recorded_by=coach)
    LanguageSkillFactory(
        participant=participant, language=LanguageSkill.Language.GERMAN, level=german
    )
    return participant


@pytest.mark.parametrize("language", ["da", "de"])
def test_propose_from_the_case_file_the_company_accepts_the_coach_sees_the_answer(
    page, new_context, live_server, partner_a, company_x, language
):
    base = live_server.url
    coach = UserFactory(
        email=f"coach.{language}@produktionsskole.example",
        first_name="Mette",
        last_name="Hansen",
        roles=["coach"],
        partner=partner_a,
        mfa=True,
        preferred_language=language,
    )
    contact = UserFactory(
        email=f"kontakt.{language}@firma-x.example",
        first_name="Kai",
        last_name="Jensen",
        roles=["company_contact"],
        company=company_x,
        preferred_language=language,
    )
    freja = _young_person(coach, partner_a, "Freja", "Nielsen", german="A2")
    # Two open offers: the one asking for German B2 does not fit Freja (A2) and starts first;
    # the one asking for A2 fits and comes first all the same.
    too_hard = OfferFactory(
        company=company_x,
        title="Praktikum Büro",
        place="Flensburg",
        start_date=in_days(10),
        end_date=in_days(40),
    )
    OfferLanguageRequirementFactory(offer=too_hard, language="de", min_level="B2")
    fits = OfferFactory(
        company=company_x,
        title="Praktikum Metallbau",
        place="Flensburg",
        start_date=in_days(20),
        end_date=in_days(50),
    )
    OfferLanguageRequirementFactory(offer=fits, language="de", min_level="A2")

    # The coach proposes Freja from her case file.
    log_in(page, base, coach.email, TEST_PASSWORD, language=language, totp_secret=TEST_TOTP_SECRET)
    page.goto(f"{base}/{language}/participants/{freja.public_id}/")
    accessible(page, "loop: case file", language)
    click(page, f"main a[href$='/companies/propose-for/{freja.public_id}/']")
    accessible(page, "loop: propose from case", language)
    titles = page.locator("main section.card h2").all_inner_texts()
    assert [title.split(" —")[0] for title in titles] == ["Praktikum Metallbau", "Praktikum Büro"]
    screenshot(page, f"propose-from-case-{language}", full_page=True)
    click(page, f"main section[aria-labelledby='offer-{fits.public_id}'] button[type=submit]")
    placement = Placement.objects.get(participant=freja, offer=fits)
    assert placement.status == Placement.Status.PROPOSED
    assert page.url.endswith(f"/placements/{placement.public_id}/")
    accessible(page, "loop: proposal made", language)
    log_out(page)

    # The company's contact sees the proposal and accepts it.
    company_page = new_context().new_page()
    log_in(company_page, base, contact.email, TEST_PASSWORD, language=language)
    click(company_page, "header a[href$='/companies/proposals/']")
    accessible(company_page, "loop: proposals", language)
    click(company_page, f"main a[href$='/placements/{placement.public_id}/']")
    accessible(company_page, "loop: proposal (company)", language)
    expect(company_page.locator("main")).not_to_contain_text("Nielsen")  # first name only
    click(company_page, "main form[action$='/accept/'] button")
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACCEPTED

    # The coach hears of it: a notification in their language that opens the placement.
    log_in(page, base, coach.email, TEST_PASSWORD, language=language, totp_secret=TEST_TOTP_SECRET)
    expect(page.locator("#notification-bell .badge")).to_be_visible()
    click(page, "#notification-bell")
    accessible(page, "loop: notifications", language)
    assert page.locator("html").get_attribute("lang") == language
    expected = {"da": "Dit forslag blev taget imod", "de": "Ihr Vorschlag wurde angenommen"}
    row = page.locator("main tbody tr", has_text=expected[language])
    expect(row).to_have_count(1)
    with page.expect_navigation():
        row.locator("form[action*='/notifications/'] button").first.click()
    assert page.url.endswith(f"/placements/{placement.public_id}/")
    accessible(page, "loop: the answer", language)
    expect(page.locator("main")).to_contain_text("Praktikum Metallbau")


def test_caseload_on_a_phone_shows_cards_with_next_step_contact_and_follow_ups(
    new_context, live_server, partner_a
):
    base = live_server.url
    coach = UserFactory(
        email="coach.phone@produktionsskole.example",
        roles=["coach"],
        partner=partner_a,
        mfa=True,
        preferred_language="da",
    )
    today = in_days(0)
    for first_name, last_name in [("Freja", "Nielsen"), ("Noah", "Larsen"), ("Lena", "Schmidt")]:
        person = _young_person(coach, partner_a, first_name, last_name)
        StepFactory(
            goal__plan__participant=person,
            goal__plan__created_by=coach,
            title=f"Ansøgning ({first_name})",
            due_on=today + datetime.timedelta(days=7),
        )
        ContactFactory(participant=person, author=coach, date=today, follow_up_on=today)
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(page, base, coach.email, TEST_PASSWORD, language="da", totp_secret=TEST_TOTP_SECRET)
    page.goto(f"{base}/da/participants/")
    accessible(page, "loop: caseload 390", "da")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(page, "caseload-phone-390", full_page=True)
    # Each young person's next step, last contact and follow-up are on screen (not in a
    # table scrolled off to the right).
    expect(page.locator("main table")).to_be_hidden()
    cards = page.locator("main .caseload-cards > li")
    expect(cards).to_have_count(3)
    for first_name in ("Freja", "Noah", "Lena"):
        card = cards.filter(has_text=f"Ansøgning ({first_name})")
        expect(card).to_have_count(1)
        for term in ("Frist for næste skridt", "Seneste kontakt", "Åbne opfølgninger"):
            expect(card).to_contain_text(term, ignore_case=True)
        box = card.get_by_text(f"Ansøgning ({first_name})").bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390


def test_goals_and_steps_are_added_in_place_on_the_case_file(page, live_server, partner_a):
    from participants.models import Goal

    base = live_server.url
    coach = UserFactory(
        email="coach.plan@produktionsskole.example",
        roles=["coach"],
        partner=partner_a,
        mfa=True,
        preferred_language="de",
    )
    freja = _young_person(coach, partner_a, "Freja", "Nielsen")
    step = StepFactory(
        goal__plan__participant=freja,
        goal__plan__created_by=coach,
        goal__plan__starts_on=in_days(-5),
        title="Bewerbung schreiben",
        due_on=in_days(7),
    )
    plan = step.goal.plan
    log_in(page, base, coach.email, TEST_PASSWORD, language="de", totp_secret=TEST_TOTP_SECRET)
    case_file = f"{base}/de/participants/{freja.public_id}/"
    page.goto(case_file)
    accessible(page, "loop: plan in place", "de")
    card = page.locator(f"#plan-{plan.public_id}")

    # A new goal, added without leaving the page (htmx swaps the plan's card).
    goal_form = card.locator("form[action$='/goals/add/']")
    goal_form.locator("input[name=title]").fill("Führerschein")
    goal_form.locator("button[type=submit]").click()
    expect(card.locator("h4", has_text="Führerschein")).to_be_visible()
    assert page.url == case_file
    goal = Goal.objects.get(plan=plan, title="Führerschein")

    # A step without a title: the error is shown in place, on the field; nothing written.
    step_form = card.locator(f"form[action$='/goals/{goal.public_id}/steps/add/']")
    step_form.locator("input[name=due_on]").fill(in_days(14).isoformat())
    step_form.locator("button[type=submit]").click()
    title = card.locator(f"#step-{goal.public_id}-title")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_be_focused()
    assert not goal.steps.exists()
    accessible(page, "loop: plan in place (error)", "de")

    # With its title, the step is added in place.
    step_form = card.locator(f"form[action$='/goals/{goal.public_id}/steps/add/']")
    step_form.locator("input[name=title]").fill("Theorieprüfung anmelden")
    step_form.locator("input[name=due_on]").fill(in_days(14).isoformat())
    step_form.locator("button[type=submit]").click()
    expect(card.locator("th", has_text="Theorieprüfung anmelden")).to_be_visible()
    assert page.url == case_file
    assert goal.steps.get().title == "Theorieprüfung anmelden"


def test_leaving_in_one_form(page, live_server, partner_a):
    from participants.models import Outcome, Participant

    base = live_server.url
    coach = UserFactory(
        email="coach.leave@produktionsskole.example",
        roles=["coach"],
        partner=partner_a,
        mfa=True,
        preferred_language="da",
    )
    freja = _young_person(coach, partner_a, "Freja", "Nielsen")
    log_in(page, base, coach.email, TEST_PASSWORD, language="da", totp_secret=TEST_TOTP_SECRET)
    page.goto(f"{base}/da/participants/{freja.public_id}/")
    click(page, f"main a[href$='/participants/{freja.public_id}/leave/']")
    accessible(page, "loop: leave form", "da")
    page.locator("#id_status").select_option("completed")
    page.locator("#id_exit_date").fill(in_days(-61).isoformat())  # before the entry date
    page.locator("#id_exit_reason").fill("Læreplads")
    page.locator("#id_outcome").select_option("in_vocational_training")
    page.locator("#id_cross_border").check()
    click(page, "main form[method=post] button[type=submit]")
    expect(page.locator("#id_exit_date")).to_have_class(re.compile(r"is-invalid"))
    accessible(page, "loop: leave form (error)", "da")
    freja.refresh_from_db()
    assert freja.status == Participant.Status.ACTIVE
    page.locator("#id_exit_date").fill(in_days(-1).isoformat())
    click(page, "main form[method=post] button[type=submit]")
    freja.refresh_from_db()
    assert (freja.status, freja.exit_date) == (Participant.Status.COMPLETED, in_days(-1))
    outcome = freja.outcomes.get()
    assert (outcome.timing, outcome.kind, outcome.cross_border) == (
        Outcome.Timing.EXIT,
        "in_vocational_training",
        True,
    )


def test_trainer_confirms_completing_with_fewer_days(page, live_server, partner_a):
    from tests.factories.training_modules import EnrolmentFactory, SessionFactory
    from training_modules.models import Attendance, Enrolment, Session

    base = live_server.url
    trainer = UserFactory(
        email="trainer.loop@example.org",
        roles=["trainer"],
        partner=partner_a,
        preferred_language="de",
    )
    session = SessionFactory(
        days=-5, length=2, trainers=[trainer], status=Session.Status.HELD, language="de"
    )
    enrolment = EnrolmentFactory(session=session, status=Enrolment.Status.ATTENDED)
    Attendance.objects.create(enrolment=enrolment, day=session.days[0], present=True)
    Attendance.objects.create(enrolment=enrolment, day=session.days[1], present=False)
    log_in(page, base, trainer.email, TEST_PASSWORD, language="de")
    page.goto(f"{base}/de/training/sessions/{session.public_id}/attendance/")
    click(page, "#attendance-form button[form^='complete-']")
    accessible(page, "loop: complete with fewer days", "de")
    expect(page.locator("main .alert-warning")).to_contain_text("1 von 2 Tagen")
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ATTENDED
    click(page, "main form[action$='/complete/'] button[type=submit]")  # not ticked
    expect(page.locator("#attendance-confirmed")).to_have_attribute("aria-invalid", "true")
    accessible(page, "loop: complete with fewer days (error)", "de")
    page.locator("#attendance-confirmed").check()
    click(page, "main form[action$='/complete/'] button[type=submit]")
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED

"""Each user's main path through the real UI, in Danish or German.

The ORM only builds the starting data (and reads the result back to check it); every step a
person takes is a click or a keystroke in Chromium.
"""

import datetime
import re

import openpyxl
import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from companies.models import Offer, Placement, PlacementFeedback
from participants.models import Assessment, Consent, Contact, Participant
from tests.e2e.conftest import in_days, log_in, log_out, screenshot, submit
from tests.factories.accounts import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory
from tests.factories.companies import OfferFactory
from tests.factories.participants import (
    ConsentFactory,
    LanguageSkillFactory,
    ParticipantFactory,
)
from tests.factories.training_modules import ModuleFactory, SessionFactory
from training_modules.models import Certificate, Enrolment

pytestmark = pytest.mark.django_db(transaction=True)

CONTACT_PASSWORD = "Flensburger Förde hat viele Werften"


def click(page, selector: str):
    """Click a link or button that leads to another page, and wait for it."""
    with page.expect_navigation():
        page.locator(selector).first.click()


def propose(page, offer, participant_name: str):
    """A coach proposes a young person for a published offer, from the company register."""
    click(page, "header a[href$='/companies/register/']")
    click(page, "main a[href*='/companies/offers/?status=published']")
    click(page, f"main a[href$='/offers/{offer.public_id}/']")
    click(page, "main a[href$='/propose/']")
    page.locator("#id_participant").select_option(label=participant_name)
    submit(page)


def test_coach_takes_in_a_young_person_and_proposes_them_for_an_offer(
    page, live_server, partner_a, company_x
):
    base = live_server.url
    coach = UserFactory(
        email="mette@produktionsskole.example",
        roles=["coach"],
        partner=partner_a,
        mfa=True,
        preferred_language="da",
    )
    offer = OfferFactory(
        company=company_x, title="Praktikum Metallbau", start_date=in_days(30), end_date=in_days(60)
    )

    log_in(page, base, coach.email, TEST_PASSWORD, language="da", totp_secret=TEST_TOTP_SECRET)
    assert page.url == f"{base}/da/participants/"
    assert page.locator("html").get_attribute("lang") == "da"

    # Intake
    click(page, "main a[href$='/participants/new/']")
    page.locator("#id_first_name").fill("Freja")
    page.locator("#id_last_name").fill("Østergaard")
    page.locator("#id_date_of_birth").fill("2006-04-12")
    page.locator("#id_gender").select_option("female")
    page.locator("#id_email").fill("freja@example.org")
    page.locator("#id_postcode").fill("6400")
    page.locator("#id_municipality").fill("Sønderborg")
    page.locator("#id_country_of_residence").select_option("DK")
    page.locator("#id_education_level").select_option("isced_0_2")
    page.locator("#id_labour_market_status").select_option("unemployed")
    page.locator("#id_entry_date").fill(in_days(0).isoformat())
    screenshot(page, "intake-form-da")
    submit(page)
    participant = Participant.objects.get(first_name="Freja", last_name="Østergaard")
    assert page.url.startswith(f"{base}/da/participants/{participant.public_id}/")
    assert participant.coach == coach
    assert participant.partner == partner_a
    expect(page.locator("main h1")).to_contain_text("Freja Østergaard")

    # Consent: to take part, and to share her data with companies
    for purpose in (Consent.Purpose.PARTICIPATION, Consent.Purpose.SHARE_WITH_COMPANIES):
        form = page.locator(f"#consent form:has(input[name=purpose][value={purpose}])")
        form.locator("input[name=evidence]").fill("Underskrevet samtykkeerklæring")
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        # Given: the row now offers to withdraw it.
        expect(
            page.locator(f"#consent form:has(input[name=purpose][value={purpose}])").locator(
                "input[name=given]"
            )
        ).to_have_value("0")
    assert set(
        Consent.objects.filter(participant=participant, given=True).values_list(
            "purpose", flat=True
        )
    ) == {Consent.Purpose.PARTICIPATION, Consent.Purpose.SHARE_WITH_COMPANIES}

    # A case note with a follow-up
    follow_up = in_days(14)
    click(page, "#notes a[href$='/notes/add/']")
    page.locator("#id_channel").select_option("meeting")
    page.locator("#id_summary").fill("Første samtale: Freja vil gerne i praktik i Flensborg.")
    page.locator("#id_follow_up_on").fill(follow_up.isoformat())
    submit(page)
    expect(page.locator("#notes")).to_contain_text("vil gerne i praktik i Flensborg")
    note = Contact.objects.get(participant=participant)
    assert (note.follow_up_on, note.author, note.channel) == (follow_up, coach, "meeting")

    # The entry assessment
    click(page, "#assessments a[href$='/assessments/add/']")
    page.locator("#id_kind").select_option("entry")
    page.locator("#id_rater").select_option("coach")
    for name, value in [
        ("mobility_readiness", "2"),
        ("intercultural_competence", "3"),
        ("vocational_orientation", "4"),
        ("language_confidence", "1"),
        ("social_skills", "3"),
    ]:
        page.locator(f"#id_{name}").fill(value)
    submit(page)
    assessment = Assessment.objects.get(participant=participant)
    assert (assessment.kind, assessment.mobility_readiness, assessment.vocational_orientation) == (
        "entry",
        2,
        4,
    )
    screenshot(page, "participant-da")

    # Proposed for the internship
    propose(page, offer, "Freja Østergaard")
    placement = Placement.objects.get(participant=participant, offer=offer)
    assert placement.status == Placement.Status.PROPOSED
    assert placement.cross_border  # lives in Denmark, the company is German
    assert page.url == f"{base}/da/companies/placements/{placement.public_id}/"


def test_company_contact_joins_by_invitation_publishes_an_offer_and_gives_feedback(
    page, new_context, live_server, partner_a, company_x, mailoutbox
):
    base = live_server.url
    coach = UserFactory(
        email="jonas@produktionsskole.example",
        roles=["coach"],
        partner=partner_a,
        mfa=True,
        preferred_language="de",
    )
    jonas = ParticipantFactory(
        first_name="Jonas", last_name="Brøndsted", partner=partner_a, coach=coach
    )
    for purpose in (Consent.Purpose.PARTICIPATION, Consent.Purpose.SHARE_WITH_COMPANIES):
        ConsentFactory(participant=jonas, purpose=purpose, recorded_by=coach)
    LanguageSkillFactory(participant=jonas, language="de", level="B1")

    # The coach invites the company's contact person.
    coach_page = new_context().new_page()
    log_in(
        coach_page, base, coach.email, TEST_PASSWORD, language="de", totp_secret=TEST_TOTP_SECRET
    )
    click(coach_page, "header a[href$='/companies/register/']")
    click(coach_page, f"main a[href$='/register/{company_x.public_id}/']")
    click(coach_page, "main a[href$='/invite/']")
    coach_page.locator("#id_email").fill("anna.schulz@firma-x.example")
    coach_page.locator("#id_first_name").fill("Anna")
    coach_page.locator("#id_last_name").fill("Schulz")
    coach_page.locator("#id_language").select_option("de")
    submit(coach_page)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["anna.schulz@firma-x.example"]
    link = re.search(r"https?://\S+/invitations/[^/\s]+/", mailoutbox[0].body).group(0)

    # She accepts the invitation and chooses a password ...
    page.goto(link)
    assert page.locator("html").get_attribute("lang") == "de"
    expect(page.locator("#id_first_name")).to_have_value("Anna")
    page.locator("#id_job_title").fill("Ausbildungsleiterin")
    page.locator("#id_password1").fill(CONTACT_PASSWORD)
    page.locator("#id_password2").fill(CONTACT_PASSWORD)
    submit(page)
    page.wait_for_url(f"{base}/de/companies/portal/")
    # ... and logs in with it the next time.
    log_out(page)
    log_in(page, base, "anna.schulz@firma-x.example", CONTACT_PASSWORD, language="de")
    assert page.url == f"{base}/de/companies/portal/"
    expect(page.locator("main h1")).to_contain_text(company_x.name)

    # A taster day today, published
    click(page, "main a[href$='/offers/new/']")
    page.locator("#id_kind").select_option("taster_day")
    page.locator("#id_title").fill("Schnuppertag in der Schweißerei")
    page.locator("#id_description").fill("Ein Tag in der Werkstatt mit unserem Meister.")
    page.locator("#id_place").fill("Flensburg, Werftstraße 3")
    page.locator("#id_start_date").fill(in_days(0).isoformat())
    page.locator("#id_end_date").fill(in_days(0).isoformat())
    page.locator("#id_places").fill("1")
    page.locator("select[name='languages-0-language']").select_option("de")
    page.locator("select[name='languages-0-min_level']").select_option("A2")
    screenshot(page, "offer-form-de")
    submit(page)
    offer = Offer.objects.get(company=company_x, title="Schnuppertag in der Schweißerei")
    assert offer.status == Offer.Status.DRAFT
    click(page, "main form[action$='/publish/'] button")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PUBLISHED

    # The coach proposes Jonas; the company accepts him.
    propose(coach_page, offer, "Jonas Brøndsted")
    placement = Placement.objects.get(participant=jonas, offer=offer)
    click(page, "header a[href$='/companies/proposals/']")
    screenshot(page, "proposals-de")
    click(page, f"main a[href$='/placements/{placement.public_id}/']")
    expect(page.locator("main")).not_to_contain_text("Brøndsted")  # first name only
    click(page, "main form[action$='/accept/'] button")
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACCEPTED

    # The day is over: started, completed, and the company's feedback.
    click(page, "main form[action$='/start/'] button")
    click(page, "main form[action$='/complete/'] button")
    placement.refresh_from_db()
    assert placement.status == Placement.Status.COMPLETED
    click(page, "main a[href$='/feedback/']")
    for name, value in [
        ("punctuality", "5"),
        ("motivation", "4"),
        ("skills", "3"),
        ("language", "4"),
    ]:
        page.locator(f"input[name={name}][value='{value}']").check()
    page.locator("input[name=would_hire][value=True]").check()
    page.locator("#id_comments").fill("Pünktlich, neugierig, hat gut mitgearbeitet.")
    screenshot(page, "feedback-form-de")
    submit(page)
    feedback = PlacementFeedback.objects.get(placement=placement)
    assert feedback.side == PlacementFeedback.Side.COMPANY
    assert (feedback.punctuality, feedback.motivation, feedback.would_hire) == (5, 4, True)
    expect(page.locator("main")).to_contain_text("Pünktlich, neugierig")


def test_programme_manager_downloads_the_xlsx_report(
    page, live_server, partner_a, partner_b, tmp_path
):
    base = live_server.url
    manager = UserFactory(
        email="anke@programme.example",
        roles=["programme_manager"],
        mfa=True,
        preferred_language="de",
    )
    names = []
    for index, partner in enumerate([partner_a, partner_a, partner_b]):
        participant = ParticipantFactory(
            first_name=f"Vorname{index}",
            last_name=f"Nachname{index}",
            partner=partner,
            entry_date=in_days(0),
        )
        names.append(participant.last_name)

    log_in(page, base, manager.email, TEST_PASSWORD, language="de", totp_secret=TEST_TOTP_SECRET)
    click(page, "header a[href$='/reports/dashboard/']")
    assert page.locator("html").get_attribute("lang") == "de"
    expect(page.locator("main h1")).to_be_visible()
    screenshot(page, "dashboard-de")

    click(page, "main a[href$='/reports/runs/new/']")
    page.locator("#id_format").select_option("xlsx")
    submit(page)
    assert re.search(r"/de/reports/runs/[0-9a-f-]{36}/$", page.url), page.url
    download_link = page.locator("#run-status a[href$='/download/']")
    expect(download_link).to_be_visible(timeout=60_000)
    screenshot(page, "report-de")
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = openpyxl.load_workbook(saved)
    # The sheets are named in the report's language (German here).
    assert {"Indikatoren", "Teilnehmende"} <= set(workbook.sheetnames)
    rows = list(workbook["Teilnehmende"].iter_rows(values_only=True))
    assert len(rows) == 1 + 3  # a header and the three young people
    everything = " ".join(
        str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
    )
    assert not any(name in everything for name in names)  # pseudonymised


def test_staff_learner_enrols_gets_the_certificate_and_verifies_it(
    page, new_context, live_server, partner_a
):
    base = live_server.url
    trainer = UserFactory(
        email="soren@jobcenter.example",
        roles=["trainer"],
        partner=partner_a,
        preferred_language="da",
    )
    learner = UserFactory(
        email="camilla@produktionsskole.example",
        first_name="Camilla",
        last_name="Lund",
        roles=["staff_learner"],
        partner=partner_a,
        preferred_language="da",
    )
    module = ModuleFactory(title_da="Interkulturel kompetence med unge")
    session = SessionFactory(module=module, days=5, trainers=[trainer])

    # Enrolment, through the catalogue
    log_in(page, base, learner.email, TEST_PASSWORD, language="da")
    assert page.url == f"{base}/da/training/"
    click(page, f"main a[href$='/modules/{module.public_id}/']")
    click(page, f"main a[href$='/sessions/{session.public_id}/']")
    screenshot(page, "session-da")
    click(page, "main form[action$='/enrol/'] button")
    enrolment = Enrolment.objects.get(session=session, person=learner)
    assert enrolment.status == Enrolment.Status.ENROLLED

    # Five days later, at the end of the session: the trainer marks attendance and completion.
    afternoon = timezone.localtime(session.starts_at) + datetime.timedelta(hours=6)
    with time_machine.travel(afternoon, tick=True):
        trainer_page = new_context().new_page()
        log_in(trainer_page, base, trainer.email, TEST_PASSWORD, language="da")
        click(trainer_page, "main a[href$='/training/sessions/']")
        click(trainer_page, f"main a[href$='/sessions/{session.public_id}/']")
        click(trainer_page, "main a[href$='/attendance/']")
        trainer_page.locator("#attendance-form input[name=present]").check()
        click(trainer_page, "#attendance-form button[type=submit]:not([form])")
        enrolment.refresh_from_db()
        assert enrolment.status == Enrolment.Status.ATTENDED
        click(trainer_page, "#attendance-form button[form^='complete-']")
        enrolment.refresh_from_db()
        assert enrolment.status == Enrolment.Status.COMPLETED
        certificate = Certificate.objects.get(enrolment=enrolment)

        # The learner downloads the certificate ...
        learner_page = new_context().new_page()
        log_in(learner_page, base, learner.email, TEST_PASSWORD, language="da")
        click(learner_page, "main a[href$='/training/my/']")
        click(learner_page, f"main a[href$='/enrolments/{enrolment.public_id}/']")
        with learner_page.expect_download() as info:
            learner_page.locator("main a[href$='/certificate.pdf']").first.click()
        pdf = info.value
        assert pdf.suggested_filename.endswith(".pdf")
        text = " ".join(page_.extract_text() for page_ in PdfReader(pdf.path()).pages)
        assert "Camilla Lund" in text
        assert certificate.verification_code in text

    # ... and anyone can check it on the public page.
    public = new_context().new_page()
    public.goto(f"{base}/da/training/verify/")
    public.locator("input[name=code]").fill(certificate.verification_code)
    with public.expect_navigation():
        public.locator("main form button[type=submit]").click()
    assert public.url.endswith(f"/da/training/verify/{certificate.verification_code}/")
    expect(public.locator("main")).to_contain_text("Camilla Lund")
    expect(public.locator("main")).to_contain_text("Interkulturel kompetence med unge")
    screenshot(public, "certificate-verified-da")

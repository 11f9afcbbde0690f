"""A young person's path on a 390 px phone, in Danish and in German (issue 18): the coach's
invitation → a password → their home → a step ticked → a consent withdrawn → their coach sees
both in the notifications. axe-core finds no serious or critical violation on any page."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from jump.notifications.models import Kind, Notification
from participants.models import Consent, Step
from tests.e2e.conftest import assert_accessible, log_in, screenshot, submit
from tests.factories.accounts import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory
from tests.factories.participants import ConsentFactory, ParticipantFactory, StepFactory
from young_people import services

PHONE = {"width": 390, "height": 844}
YOUTH_PASSWORD = {
    "da": "Jeg cykler til skolen hver dag",
    "de": "Ich fahre jeden Tag Rad zur Schule",
}
# The two phone pictures of the README: Danish home, German plan.
SCREENSHOTS = {("da", "home"): "young-person-home-da", ("de", "plan"): "young-person-plan-de"}


def checked(page, language, name):
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    if (language, name) in SCREENSHOTS:
        screenshot(page, SCREENSHOTS[(language, name)])


@pytest.mark.parametrize("language", ["da", "de"])
def test_young_person_on_a_phone_from_invitation_to_a_withdrawn_consent(
    new_context, live_server, partner_a, mailoutbox, django_capture_on_commit_callbacks, language
):
    base = live_server.url
    coach = UserFactory(
        email=f"coach.{language}@produktionsskole.example",
        roles=["coach"],
        partner=partner_a,
        mfa=True,
        preferred_language=language,
    )
    today = timezone.localdate()
    young = ParticipantFactory(
        first_name="Freja" if language == "da" else "Lena",
        partner=partner_a,
        coach=coach,
        email=f"young.{language}@example.org",
        preferred_language=language,
        date_of_birth=today - datetime.timedelta(days=20 * 365),
        entry_date=today - datetime.timedelta(days=30),
    )
    for purpose in (Consent.Purpose.PARTICIPATION, Consent.Purpose.PHOTOS):
        ConsentFactory(participant=young, purpose=purpose, recorded_by=coach)
    step = StepFactory(
        goal__plan__participant=young,
        goal__plan__created_by=coach,
        goal__plan__starts_on=today - datetime.timedelta(days=20),
        title="Ring til praktikstedet" if language == "da" else "Beim Praktikum anrufen",
        due_on=today + datetime.timedelta(days=5),
    )

    # The coach's invitation reaches the young person by e-mail.
    services.youth_invitation_create(actor=coach, participant=young, base_url=f"{base}/")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [young.email]
    link = re.search(r"https?://\S+/invitation/[^/\s]+/", mailoutbox[0].body).group(0)

    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(link)
    checked(page, language, "invitation")
    page.locator("#id_password1").fill(YOUTH_PASSWORD[language])
    page.locator("#id_password2").fill(YOUTH_PASSWORD[language])
    submit(page)
    page.wait_for_url(f"{base}/{language}/young/")
    checked(page, language, "home")
    assert step.title in page.locator("main").inner_text()

    # My plan: the step is ticked done.
    page.goto(f"{base}/{language}/young/plan/")
    checked(page, language, "plan")
    submit(page, f"main form[action$='/plan/steps/{step.public_id}/done/']")
    checked(page, language, "plan-ticked")
    assert Step.objects.get(pk=step.pk).done_on == today

    # My consents: photos withdrawn, with a confirmation.
    page.goto(f"{base}/{language}/young/consents/")
    checked(page, language, "consents")
    page.locator("main a[href$='?purpose=photos']").click()
    page.wait_for_url("**/consents/withdraw/?purpose=photos")
    checked(page, language, "consent-withdraw")
    page.locator("#id_confirm").check()
    submit(page)
    page.wait_for_url(f"{base}/{language}/young/consents/")
    checked(page, language, "consents-withdrawn")
    latest = Consent.objects.filter(participant=young, purpose=Consent.Purpose.PHOTOS).latest(
        "recorded_at", "pk"
    )
    assert latest.given is False

    # Their documents and what the coach shared: reachable and accessible on the phone too.
    for path, name in (("documents/", "documents"), ("from-your-coach/", "from-coach")):
        page.goto(f"{base}/{language}/young/{path}")
        checked(page, language, name)

    # The coach sees both in the notifications.
    told = Notification.objects.filter(recipient=coach).order_by("pk")
    assert {n.kind for n in told} == {Kind.STEP_TICKED, Kind.CONSENT_WITHDRAWN}
    coach_page = new_context().new_page()
    log_in(
        coach_page,
        base,
        coach.email,
        TEST_PASSWORD,
        language=language,
        totp_secret=TEST_TOTP_SECRET,
    )
    coach_page.goto(f"{base}/{language}/notifications/")
    for notification in told:
        row = coach_page.locator(f"#notification-{notification.public_id}")
        with translation.override(language):
            label = str(Kind(notification.kind).label)
        assert label in row.inner_text()
    assert_accessible(coach_page)

"""Issue 17 "Tell the other side": each action reaches the other side, in their language, at
once or in the daily digest as they chose; nothing about what they can no longer see."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from companies.models import Placement, SupportNeed
from companies.services import placements as placement_services
from companies.services import support as support_services
from jump.notifications import services
from jump.notifications.models import EmailStatus, Kind, Notification, NotificationPreference
from participants.models import Consent

from . import builders


@pytest.fixture
def person(personas):
    """A young person of coach_a who shares with companies."""
    young = builders.participant(personas.coach_a, first_name="Mette", last_name="Lund")
    builders.sharing(young)
    return young


@pytest.fixture
def offer(personas):
    return builders.offer(personas.contact_x.company, title="Workshop internship")


def _propose(personas, person, offer, callbacks):
    with callbacks(execute=True):
        return placement_services.placement_propose(
            actor=personas.coach_a, offer=offer, participant=person
        )


def _of(kind):
    return Notification.objects.filter(kind=kind)


def test_loop_proposal_reaches_the_company_at_once_in_its_language(
    personas, person, offer, mailoutbox, django_capture_on_commit_callbacks
):
    personas.contact_x.preferred_language = "de"
    personas.contact_x.save()
    placement = _propose(personas, person, offer, django_capture_on_commit_callbacks)
    [notification] = _of(Kind.PLACEMENT_PROPOSED)
    assert notification.recipient == personas.contact_x
    assert notification.target == placement
    assert notification.email_status == EmailStatus.SENT
    [message] = mailoutbox
    assert message.to == [personas.contact_x.email]
    assert "Workshop internship" in message.subject
    assert "vorgeschlagen" in message.subject
    assert "Mette" not in message.subject + message.body  # at-once mails name no one
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_loop_accept_and_decline_reach_the_proposing_coach_in_the_digest(
    personas, person, offer, mailoutbox, django_capture_on_commit_callbacks
):
    placement = _propose(personas, person, offer, django_capture_on_commit_callbacks)
    other = builders.participant(personas.coach_a, first_name="Jonas")
    builders.sharing(other)
    second = _propose(personas, other, offer, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        placement_services.placement_accept(actor=personas.contact_x, placement=placement)
        placement_services.placement_decline(
            actor=personas.contact_x, placement=second, reason="No place in the workshop"
        )
    accepted = _of(Kind.PLACEMENT_ACCEPTED).get()
    declined = _of(Kind.PLACEMENT_DECLINED).get()
    assert accepted.recipient == declined.recipient == personas.coach_a
    assert {accepted.email_status, declined.email_status} == {EmailStatus.DIGEST}
    assert not mailoutbox  # not at once: the digest
    services.digests_send()
    [message] = mailoutbox
    assert "Mette Lund" in message.body and "Jonas" in message.body


def test_loop_a_chosen_delivery_wins_over_the_default(
    personas, person, offer, mailoutbox, django_capture_on_commit_callbacks
):
    services.preferences_update(
        actor=personas.contact_x, delivery_by_kind={Kind.PLACEMENT_PROPOSED: "never"}
    )
    services.preferences_update(
        actor=personas.coach_a, delivery_by_kind={Kind.PLACEMENT_ACCEPTED: "immediate"}
    )
    placement = _propose(personas, person, offer, django_capture_on_commit_callbacks)
    assert _of(Kind.PLACEMENT_PROPOSED).get().email_status == EmailStatus.MUTED
    with django_capture_on_commit_callbacks(execute=True):
        placement_services.placement_accept(actor=personas.contact_x, placement=placement)
    assert _of(Kind.PLACEMENT_ACCEPTED).get().email_status == EmailStatus.SENT
    assert [m.to for m in mailoutbox] == [[personas.coach_a.email]]


def test_loop_company_feedback_reaches_the_coach(
    personas, person, offer, django_capture_on_commit_callbacks
):
    placement = builders.placement(person, offer, end_date=datetime.date(2026, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        placement_services.placement_feedback_save(
            actor=personas.contact_x,
            placement=placement,
            punctuality=4,
            motivation=5,
            skills=3,
            language=3,
            would_hire=True,
        )
    [notification] = _of(Kind.PLACEMENT_FEEDBACK_GIVEN)
    assert notification.recipient == personas.coach_a
    assert notification.email_status == EmailStatus.DIGEST


def test_loop_support_request_reaches_the_responsible_partners_coaches_at_once(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        need = support_services.support_need_create(
            actor=personas.contact_x,
            company=personas.contact_x.company,
            kind=SupportNeed.Kind.LANGUAGE_HELP,
            description="Help with Danish words in the workshop.",
        )
    # company_x's responsible partner is partner_a: coach_a, not coach_b.
    assert [n.recipient for n in _of(Kind.SUPPORT_REQUESTED)] == [personas.coach_a]
    assert [m.to for m in mailoutbox] == [[personas.coach_a.email]]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        support_services.support_action_create(
            actor=personas.coach_a,
            need=need,
            date=datetime.date(2026, 3, 2),
            description="Word list made.",
            hours=Decimal("1.5"),
        )
    [logged] = _of(Kind.SUPPORT_ACTION_LOGGED)
    assert logged.recipient == personas.contact_x
    assert logged.email_status == EmailStatus.DIGEST
    assert not mailoutbox


def test_loop_placement_starting_tomorrow_reaches_coach_and_company(personas, person, offer):
    day = datetime.date(2026, 9, 15)
    Placement.objects.create(
        participant=person,
        offer=offer,
        status=Placement.Status.ACCEPTED,
        start_date=day + datetime.timedelta(days=1),
    )
    services.reminders_run(day)
    notified = _of(Kind.PLACEMENT_STARTS_TOMORROW)
    assert {n.recipient for n in notified} == {personas.coach_a, personas.contact_x}
    assert {n.email_status for n in notified} == {EmailStatus.DIGEST}


def test_loop_fitting_offer_reaches_the_coach_once_a_day_listing_the_fits(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    day = datetime.date(2026, 9, 15)
    yesterday = datetime.datetime(2026, 9, 14, 15, tzinfo=builders.CPH)
    fitting = builders.participant(personas.coach_a, first_name="Ida", country_of_residence="DE")
    builders.sharing(fitting)
    for title in ("Bakery taster", "Garage internship"):
        an_offer = builders.offer(
            personas.contact_x.company, title=title, start_date=datetime.date(2026, 10, 1)
        )
        an_offer.language_requirements.create(language="de", min_level="A2")
        an_offer.__class__.objects.filter(pk=an_offer.pk).update(published_at=yesterday)
    fitting.language_skills.create(language="de", level="B1", assessed_on=datetime.date(2026, 5, 1))
    services.reminders_run(day)
    services.reminders_run(day)
    [notification] = _of(Kind.OFFERS_FIT)
    assert notification.recipient == personas.coach_a
    services.digests_send()
    [message] = mailoutbox
    assert "Bakery taster" in message.body and "Garage internship" in message.body


def test_loop_nothing_is_sent_about_what_the_recipient_can_no_longer_see(
    personas, person, offer, mailoutbox, django_capture_on_commit_callbacks, client_for
):
    services.preferences_update(
        actor=personas.contact_x, delivery_by_kind={Kind.PLACEMENT_PROPOSED: "digest"}
    )
    _propose(personas, person, offer, django_capture_on_commit_callbacks)
    notification = _of(Kind.PLACEMENT_PROPOSED).get()
    # The young person withdraws the consent to share with companies before the digest.
    builders.consent(
        person,
        recorded_at=timezone.now(),
        given=False,
        purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
    )
    services.digests_send()
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SKIPPED
    assert not mailoutbox
    url = reverse("notifications:open", kwargs={"public_id": notification.public_id})
    assert client_for("contact_x").get(url).status_code == 404


def test_loop_no_notification_about_an_object_invisible_at_the_time(
    personas, person, offer, django_capture_on_commit_callbacks
):
    builders.consent(
        person,
        recorded_at=timezone.now(),
        given=False,
        purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
    )
    placement = Placement.objects.create(participant=person, offer=offer)
    assert (
        services.notify(
            actor=personas.coach_a,
            recipient=personas.contact_x,
            kind=Kind.PLACEMENT_PROPOSED,
            obj=placement,
        )
        is None
    )
    assert not Notification.objects.exists()


def test_loop_digest_is_one_email_with_every_item_named(personas, mailoutbox):
    day = datetime.date(2026, 12, 27)
    steps = []
    for name in ("Anna", "Bo", "Carl"):
        young = builders.participant(personas.coach_a, first_name=name, last_name="Berg")
        steps.append(builders.step(young, due_on=day + datetime.timedelta(days=3)))
    services.reminders_run(day)
    assert set(_of(Kind.STEP_DUE_SOON).values_list("email_status", flat=True)) == {
        EmailStatus.DIGEST
    }
    assert not mailoutbox
    services.digests_send()
    [message] = mailoutbox
    for name in ("Anna Berg", "Bo Berg", "Carl Berg"):
        assert name in message.body
        assert name in message.alternatives[0][0]
    assert str(Kind.STEP_DUE_SOON.label) in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert set(_of(Kind.STEP_DUE_SOON).values_list("email_status", flat=True)) == {EmailStatus.SENT}
    services.digests_send()
    assert len(mailoutbox) == 1  # nothing twice


def test_loop_digest_is_in_the_recipients_language(personas, mailoutbox):
    personas.coach_a.preferred_language = "da"
    personas.coach_a.save()
    young = builders.participant(personas.coach_a, first_name="Sofie")
    builders.step(young, due_on=datetime.date(2026, 12, 30))
    services.reminders_run(datetime.date(2026, 12, 27))
    services.digests_send()
    [message] = mailoutbox
    assert message.extra_headers["Content-Language"] == "da"
    assert "Hej" in message.body


def test_loop_answer_kinds_default_to_at_once_the_rest_to_the_digest():
    from jump.notifications.kinds import default_delivery

    assert default_delivery(Kind.PLACEMENT_PROPOSED) == "immediate"
    assert default_delivery(Kind.PLACEMENT_FEEDBACK_REQUEST) == "immediate"
    assert default_delivery(Kind.STEP_DUE_SOON) == "digest"
    assert default_delivery(Kind.PLACEMENT_ACCEPTED) == "digest"


def test_loop_unknown_delivery_or_kind_writes_nothing(personas, client_for):
    with pytest.raises(ValueError):
        services.preferences_update(
            actor=personas.coach_a, delivery_by_kind={"no_such_kind": "never"}
        )
    with pytest.raises(ValueError):
        services.preferences_update(
            actor=personas.coach_a, delivery_by_kind={Kind.STEP_DUE_SOON: "hourly"}
        )
    client = client_for("coach_a")
    data = dict(client.get(reverse("notifications:preferences")).context["form"].initial)
    response = client.post(reverse("notifications:preferences"), {**data, "step_due_soon": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["step_due_soon"]
    assert not NotificationPreference.objects.exists()


def test_loop_notify_refuses_an_inactive_actor(personas, person, offer):
    placement = Placement.objects.create(participant=person, offer=offer)
    personas.coach_b.is_active = False
    with pytest.raises(PermissionDenied):
        services.notify(
            actor=personas.coach_b,
            recipient=personas.contact_x,
            kind=Kind.PLACEMENT_PROPOSED,
            obj=placement,
        )
    assert not Notification.objects.exists()


def test_loop_preferences_refuse_an_anonymous_actor():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.preferences_update(
            actor=AnonymousUser(), delivery_by_kind={Kind.STEP_DUE_SOON: "never"}
        )

"""Events other apps report as they happen: a place freed from the waiting list, a report."""

import datetime

import pytest

from jump.notifications import services, targets
from jump.notifications.models import EmailStatus, Kind, Notification

from . import builders
from .conftest import DAY


@pytest.fixture
def promoted(personas):
    session = builders.session(starts_on=DAY + datetime.timedelta(days=20))
    return builders.enrolment(session, personas.staff_learner)


def test_promotion_is_notified_at_once_in_app_and_by_email(
    personas, promoted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify_event(
            recipient=personas.staff_learner, kind=Kind.WAITLIST_PROMOTED, obj=promoted
        )
    notification.refresh_from_db()
    assert notification.recipient == personas.staff_learner
    assert notification.target == promoted
    assert notification.read_at is None
    assert notification.email_status == EmailStatus.SENT
    [message] = mailoutbox
    assert message.to == [personas.staff_learner.email]
    assert promoted.session.module.title in message.body
    assert [name for name, _content, _type in message.attachments] == ["session.ics"]


def test_the_same_event_twice_is_one_notification_and_one_email(
    personas, promoted, mailoutbox, django_capture_on_commit_callbacks
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.notify_event(
                recipient=personas.staff_learner, kind=Kind.WAITLIST_PROMOTED, obj=promoted
            )
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1


def test_nothing_is_sent_when_the_callers_transaction_rolls_back(
    personas, promoted, mailoutbox, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.notify_event(
            recipient=personas.staff_learner, kind=Kind.WAITLIST_PROMOTED, obj=promoted
        )
        raise RuntimeError("the promotion failed")
    assert callbacks == []
    assert not Notification.objects.exists()
    assert not mailoutbox


def test_event_of_a_muted_kind_is_in_app_only(
    personas, promoted, mailoutbox, django_capture_on_commit_callbacks
):
    services.preferences_update(
        actor=personas.staff_learner, delivery_by_kind={Kind.WAITLIST_PROMOTED: "never"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify_event(
            recipient=personas.staff_learner, kind=Kind.WAITLIST_PROMOTED, obj=promoted
        )
    assert notification.email_status == EmailStatus.MUTED
    assert not mailoutbox


def test_daily_kinds_are_not_events(personas, promoted):
    with pytest.raises(ValueError, match="Not an event kind"):
        services.notify_event(
            recipient=personas.staff_learner, kind=Kind.SESSION_SOON, obj=promoted
        )


def test_report_ready_is_not_created_until_the_reports_app_registers_its_access_check(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    report = personas.manager.groups.first()  # a stand-in object; no resolver for it
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify_event(
            recipient=personas.manager, kind=Kind.REPORT_READY, obj=report
        )
    assert notification is None
    assert not Notification.objects.exists()
    assert not mailoutbox


def test_report_ready_with_a_registered_resolver_is_emailed_and_opens_its_page(
    personas, client_for, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    from django.contrib.auth.models import Group
    from django.http import Http404
    from django.urls import reverse

    def resolve_group(user, object_id, kind):
        # What the reports app registers: its access check, then the page.
        if not user.groups.filter(pk=object_id).exists():
            raise Http404
        return "/en/reports/runs/example/"

    monkeypatch.setitem(targets._RESOLVERS, "auth.group", resolve_group)
    report = Group.objects.get(name="programme_manager")
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify_event(
            recipient=personas.manager, kind=Kind.REPORT_READY, obj=report
        )
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SENT
    assert len(mailoutbox) == 1
    url = reverse("notifications:open", kwargs={"public_id": notification.public_id})
    assert client_for("manager").get(url)["Location"] == "/en/reports/runs/example/"

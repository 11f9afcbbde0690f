"""The in-app side: the bell, the list, opening a notification, marking read, e-mail settings."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jump.notifications import services
from jump.notifications.context_processors import notifications as bell_context
from jump.notifications.models import Kind, Notification, NotificationPreference
from participants.models import Participant

from . import builders
from .conftest import DAY


def _notifications_for(user, count, *, kind=Kind.CONTACT_FOLLOW_UP, first_day=DAY):
    """`count` notifications for `user` (about the user record itself: the list and the bell
    never look at the object)."""
    content_type = ContentType.objects.get_for_model(user)
    return Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=kind,
                content_type=content_type,
                object_id=user.pk,
                due_date=first_day - datetime.timedelta(days=n),
            )
            for n in range(count)
        ]
    )


# --- the bell ---------------------------------------------------------------------------------


def test_bell_shows_the_unread_count(client_for, personas, follow_up_notification):
    _notifications_for(personas.coach_a, 2)
    Notification.objects.filter(pk=follow_up_notification.pk).update(
        read_at=datetime.datetime(2026, 9, 15, 8, tzinfo=builders.CPH)
    )
    response = client_for("coach_a").get(reverse("notifications:list"))
    html = response.content.decode()
    assert 'id="notification-bell"' in html
    assert "Notifications: 2 unread" in html


def test_bell_counts_only_the_users_own_notifications(client_for, personas):
    _notifications_for(personas.coach_b, 3)
    html = client_for("coach_a").get(reverse("notifications:list")).content.decode()
    assert "Notifications: none unread" in html


def test_bell_costs_one_query_and_nothing_for_anonymous_visitors(personas, db):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as anonymous:
        assert bell_context(request) == {}
    assert len(anonymous.captured_queries) == 0

    request.user = personas.coach_a
    _notifications_for(personas.coach_a, 4)
    with CaptureQueriesContext(connection) as queries:
        bell = bell_context(request)["notification_bell"]
        assert bell.unread == 4
        assert bell.unread == 4  # read once per request
    assert len(queries.captured_queries) == 1


def _bell_queries(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("accounts:profile")).content.decode()
    counted = [q for q in queries.captured_queries if "notifications_notification" in q["sql"]]
    return html, len(counted)


def test_bell_is_kept_in_the_session_until_the_users_notifications_change(
    client_for, personas, follow_up_notification
):
    client = client_for("coach_a")
    html, counted = _bell_queries(client)
    assert "Notifications: 1 unread" in html and counted == 1
    html, counted = _bell_queries(client)
    assert "Notifications: 1 unread" in html and counted == 0  # kept
    # A new notification (notify), one read, all read: each shows on the next request.
    person = builders.participant(personas.coach_a)
    assert services.notify(
        actor=None, recipient=personas.coach_a, kind=Kind.CONSENT_WITHDRAWN, obj=person
    )
    html, counted = _bell_queries(client)
    assert "Notifications: 2 unread" in html and counted == 1
    services.notification_mark_read(actor=personas.coach_a, notification=follow_up_notification)
    assert "Notifications: 1 unread" in _bell_queries(client)[0]
    services.notifications_mark_all_read(actor=personas.coach_a)
    assert "Notifications: none unread" in _bell_queries(client)[0]
    # The daily reminders write with bulk_create: they raise the version themselves.
    builders.case_note(personas.coach_a, person, follow_up_on=DAY)
    services.reminders_create(DAY)
    assert "Notifications: 1 unread" in _bell_queries(client)[0]


def test_anonymous_login_page_has_no_bell(client, db):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert b"notification-bell" not in response.content


# --- the list ---------------------------------------------------------------------------------


def test_list_shows_own_notifications_newest_first(client_for, personas):
    mine = _notifications_for(personas.coach_a, 3)
    _notifications_for(personas.coach_b, 2)
    response = client_for("coach_a").get(reverse("notifications:list"))
    assert response.status_code == 200
    shown = [n.pk for n in response.context["page"].object_list]
    assert shown == sorted((n.pk for n in mine), reverse=True)


def test_list_is_paginated(client_for, personas):
    _notifications_for(personas.coach_a, 30)
    client = client_for("coach_a")
    first = client.get(reverse("notifications:list"))
    second = client.get(reverse("notifications:list"), {"page": 2})
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    assert "?page=2" in first.content.decode()


def test_list_needs_the_same_number_of_queries_for_1_and_20_notifications(client_for, personas):
    client = client_for("coach_a")
    _notifications_for(personas.coach_a, 1)
    client.get(reverse("notifications:list"))  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("notifications:list"))
    _notifications_for(personas.coach_a, 19, first_day=DAY + datetime.timedelta(days=100))
    with CaptureQueriesContext(connection) as twenty:
        response = client.get(reverse("notifications:list"))
    assert len(response.context["page"].object_list) == 20
    assert len(one.captured_queries) == len(twenty.captured_queries)


def test_list_without_notifications_says_so(client_for, personas):
    response = client_for("outsider").get(reverse("notifications:list"))
    assert "You have no notifications." in response.content.decode()


# --- opening ----------------------------------------------------------------------------------


def test_open_by_get_redirects_to_the_object_without_marking_it_read(
    client_for, p1, follow_up_notification
):
    url = reverse("notifications:open", kwargs={"public_id": follow_up_notification.public_id})
    response = client_for("coach_a").get(url)
    assert response.status_code == 302
    expected = reverse("participants:detail", kwargs={"public_id": p1.public_id}) + "#notes"
    assert response["Location"] == expected
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.read_at is None


def test_open_by_post_marks_it_read_and_redirects(client_for, p1, follow_up_notification):
    url = reverse("notifications:open", kwargs={"public_id": follow_up_notification.public_id})
    response = client_for("coach_a").post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("participants:detail", kwargs={"public_id": p1.public_id})
    )
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.read_at is not None


def test_open_of_another_persons_notification_is_404(client_for, follow_up_notification):
    url = reverse("notifications:open", kwargs={"public_id": follow_up_notification.public_id})
    assert client_for("coach_b").get(url).status_code == 404
    assert client_for("admin").get(url).status_code == 404


def test_open_after_the_object_was_deleted_is_404(client_for, follow_up_notification):
    follow_up_notification.target.delete()
    url = reverse("notifications:open", kwargs={"public_id": follow_up_notification.public_id})
    assert client_for("coach_a").get(url).status_code == 404
    assert client_for("coach_a").post(url).status_code == 404


def test_open_when_the_object_is_no_longer_visible_is_404(
    client_for, personas, p1, follow_up_notification
):
    Participant.objects.filter(pk=p1.pk).update(partner=personas.coach_b.partner)
    url = reverse("notifications:open", kwargs={"public_id": follow_up_notification.public_id})
    response = client_for("coach_a").get(url)
    assert response.status_code == 404
    assert p1.first_name.encode() not in response.content


def test_placement_feedback_notification_opens_the_feedback_form(client_for, personas):
    person = builders.participant(personas.coach_a)
    builders.sharing(person)
    placement = builders.placement(
        person, builders.offer(personas.contact_x.company), end_date=DAY + datetime.timedelta(7)
    )
    services.reminders_run(DAY)
    notification = Notification.objects.get(recipient=personas.contact_x)
    url = reverse("notifications:open", kwargs={"public_id": notification.public_id})
    response = client_for("contact_x").get(url)
    assert response["Location"] == reverse(
        "companies:placement_feedback", kwargs={"public_id": placement.public_id}
    )


def test_session_notification_opens_the_enrolment(client_for, personas):
    session = builders.session(starts_on=DAY + datetime.timedelta(days=2))
    enrolment = builders.enrolment(session, personas.staff_learner)
    services.reminders_run(DAY)
    notification = Notification.objects.get()
    url = reverse("notifications:open", kwargs={"public_id": notification.public_id})
    response = client_for("staff_learner").get(url)
    assert response["Location"] == reverse(
        "training_modules:enrolment_detail", kwargs={"public_id": enrolment.public_id}
    )


def test_open_of_a_kind_without_a_registered_resolver_is_404(client_for, personas):
    from django.contrib.contenttypes.models import ContentType

    group = personas.manager.groups.first()
    # notify() creates nothing about an object its recipient cannot open; made by hand here.
    assert (
        services.notify_event(recipient=personas.manager, kind=Kind.REPORT_READY, obj=group) is None
    )
    notification = Notification.objects.create(
        recipient=personas.manager,
        kind=Kind.REPORT_READY,
        content_type=ContentType.objects.get_for_model(group),
        object_id=group.pk,
        due_date=datetime.date(2026, 9, 15),
    )
    url = reverse("notifications:open", kwargs={"public_id": notification.public_id})
    assert client_for("manager").get(url).status_code == 404


def test_unknown_notification_is_404(client_for, personas):
    url = reverse(
        "notifications:open", kwargs={"public_id": "00000000-0000-0000-0000-000000000000"}
    )
    assert client_for("coach_a").get(url).status_code == 404


# --- marking read -----------------------------------------------------------------------------


def test_mark_read_then_back_to_the_page_it_came_from(client_for, follow_up_notification):
    url = reverse("notifications:mark_read", kwargs={"public_id": follow_up_notification.public_id})
    back = reverse("notifications:list") + "?page=1"
    response = client_for("coach_a").post(url, {"next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.read_at is not None


def test_mark_read_never_redirects_to_another_site(client_for, follow_up_notification):
    url = reverse("notifications:mark_read", kwargs={"public_id": follow_up_notification.public_id})
    response = client_for("coach_a").post(url, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("notifications:list")


def test_mark_read_with_htmx_returns_the_row_and_the_bell(
    client_for, personas, follow_up_notification
):
    _notifications_for(personas.coach_a, 1)
    url = reverse("notifications:mark_read", kwargs={"public_id": follow_up_notification.public_id})
    response = client_for("coach_a").post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="notification-{follow_up_notification.public_id}"')
    assert "Mark as read" not in html
    assert 'hx-swap-oob="true"' in html
    assert "Notifications: 1 unread" in html


def test_mark_read_twice_keeps_the_first_time(client_for, follow_up_notification):
    url = reverse("notifications:mark_read", kwargs={"public_id": follow_up_notification.public_id})
    client = client_for("coach_a")
    client.post(url)
    follow_up_notification.refresh_from_db()
    first = follow_up_notification.read_at
    client.post(url)
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.read_at == first


def test_mark_all_read_marks_only_own_notifications(client_for, personas):
    _notifications_for(personas.coach_a, 3)
    theirs = _notifications_for(personas.coach_b, 2)
    response = client_for("coach_a").post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=personas.coach_a, read_at=None).exists()
    assert Notification.objects.filter(pk__in=[n.pk for n in theirs], read_at=None).count() == 2


# --- e-mail settings --------------------------------------------------------------------------


def test_preferences_offer_the_kinds_of_the_users_roles(client_for, personas):
    coach = client_for("coach_a").get(reverse("notifications:preferences"))
    contact = client_for("contact_x").get(reverse("notifications:preferences"))
    assert Kind.CONTACT_FOLLOW_UP in coach.context["form"].fields
    assert Kind.PLACEMENT_FEEDBACK_REQUEST not in coach.context["form"].fields
    assert list(contact.context["form"].fields) == [
        Kind.PLACEMENT_FEEDBACK_REQUEST,
        Kind.PLACEMENT_FEEDBACK_REMINDER,
        Kind.PLACEMENT_PROPOSED,
        Kind.PLACEMENT_STARTS_TOMORROW,
        Kind.SUPPORT_ACTION_LOGGED,
    ]


def test_saving_preferences_stores_the_delivery_of_each_kind(client_for, personas):
    client = client_for("coach_a")
    page = client.get(reverse("notifications:preferences"))
    data = {**page.context["form"].initial, Kind.CONTACT_FOLLOW_UP: "never"}
    data[Kind.STEP_DUE_SOON] = "immediate"
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    stored = dict(
        NotificationPreference.objects.filter(user=personas.coach_a).values_list("kind", "delivery")
    )
    assert stored[Kind.STEP_DUE_SOON] == "immediate"
    assert stored[Kind.CONTACT_FOLLOW_UP] == "never"
    assert stored[Kind.STEP_OVERDUE] == "digest"
    page = client.get(reverse("notifications:preferences"))
    assert page.context["form"].initial[Kind.CONTACT_FOLLOW_UP] == "never"


def test_preferences_ignore_kinds_the_user_cannot_receive(client_for, personas):
    client = client_for("contact_x")
    data = dict(client.get(reverse("notifications:preferences")).context["form"].initial)
    client.post(reverse("notifications:preferences"), {**data, Kind.CONTACT_FOLLOW_UP: "never"})
    kinds = set(
        NotificationPreference.objects.filter(user=personas.contact_x).values_list(
            "kind", flat=True
        )
    )
    assert Kind.CONTACT_FOLLOW_UP not in kinds
    assert kinds == set(data)


def test_preferences_service_refuses_kinds_of_other_roles(personas):
    with pytest.raises(ValueError, match="not available"):
        services.preferences_update(
            actor=personas.contact_x, delivery_by_kind={Kind.CONTACT_FOLLOW_UP: "never"}
        )


def test_user_without_role_has_no_settings_to_choose(client_for, personas):
    response = client_for("outsider").get(reverse("notifications:preferences"))
    assert "There are no reminders for your role." in response.content.decode()

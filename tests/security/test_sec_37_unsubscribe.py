"""SECURITY 37: every non-security e-mail carries List-Unsubscribe and List-Unsubscribe-Post
(RFC 8058) with a signed token that mutes that kind for that person only; a forged token, or
one made for another person, does nothing. The endpoint needs no login and is in the matrix."""

import datetime

import pytest
from django.core import signing
from django.urls import reverse

from jump.notifications import access, services
from jump.notifications.models import Kind, NotificationPreference
from tests.notifications import builders


def _url(token):
    return reverse("notifications:unsubscribe", kwargs={"token": token})


def _one_click(client, token):
    # What a mail program sends (RFC 8058 §3.2): a POST without cookies or CSRF token.
    return client.post(_url(token), {"List-Unsubscribe": "One-Click"})


def _muted(user):
    return dict(
        NotificationPreference.objects.filter(user=user, delivery="never").values_list(
            "kind", "delivery"
        )
    )


@pytest.fixture
def follow_up_email(personas, mailoutbox, settings, django_capture_on_commit_callbacks):
    settings.JUMP_SITE_URL = "https://jump.example"
    services.preferences_update(
        actor=personas.coach_a, delivery_by_kind={Kind.CONTACT_FOLLOW_UP: "immediate"}
    )
    person = builders.participant(personas.coach_a)
    day = datetime.date(2026, 9, 15)
    builders.case_note(personas.coach_a, person, follow_up_on=day)
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_run(day)
    [message] = mailoutbox
    return message


def test_sec_37_every_notification_email_has_one_click_unsubscribe(follow_up_email):
    headers = follow_up_email.extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Unsubscribe"].startswith("<https://jump.example/")
    assert headers["List-Unsubscribe"].endswith(">")


def test_sec_37_one_click_mutes_that_kind_for_that_person_only(client, personas, follow_up_email):
    url = follow_up_email.extra_headers["List-Unsubscribe"][1:-1].removeprefix(
        "https://jump.example"
    )
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert _muted(personas.coach_a) == {Kind.CONTACT_FOLLOW_UP: "never"}
    assert not NotificationPreference.objects.exclude(user=personas.coach_a).exists()


def test_sec_37_get_changes_nothing(client, personas):
    token = access.unsubscribe_token(personas.coach_a, Kind.STEP_DUE_SOON)
    assert client.get(_url(token)).status_code == 200
    assert not NotificationPreference.objects.exists()


def test_sec_37_forged_token_does_nothing(client, personas):
    forged = signing.dumps(
        {"u": personas.coach_a.pk, "k": Kind.STEP_DUE_SOON, "e": personas.coach_a.email},
        salt=access.UNSUBSCRIBE_SALT,
        key="not-the-secret-key",
    )
    assert _one_click(client, forged).status_code == 404
    assert _one_click(client, "garbage").status_code == 404
    assert not NotificationPreference.objects.exists()


def test_sec_37_token_altered_for_another_person_does_nothing(client, personas):
    token = access.unsubscribe_token(personas.coach_a, Kind.STEP_DUE_SOON)
    payload, rest = token.split(":", 1)
    other = signing.dumps(
        {"u": personas.coach_b.pk, "k": Kind.STEP_DUE_SOON, "e": personas.coach_a.email},
        salt=access.UNSUBSCRIBE_SALT,
    )
    spliced = other.split(":", 1)[0] + ":" + rest  # coach_b's payload, coach_a's signature
    assert _one_click(client, spliced).status_code == 404
    # A genuine token for coach_a whose payload names coach_b's address: refused too.
    assert _one_click(client, other).status_code == 404
    assert not NotificationPreference.objects.exists()
    assert payload


def test_sec_37_token_of_another_salt_or_kind_does_nothing(client, personas):
    other_salt = signing.dumps(
        {"u": personas.coach_a.pk, "k": Kind.STEP_DUE_SOON, "e": personas.coach_a.email},
        salt="another.purpose",
    )
    unknown_kind = signing.dumps(
        {"u": personas.coach_a.pk, "k": "everything", "e": personas.coach_a.email},
        salt=access.UNSUBSCRIBE_SALT,
    )
    assert _one_click(client, other_salt).status_code == 404
    assert _one_click(client, unknown_kind).status_code == 404
    assert not NotificationPreference.objects.exists()


def test_sec_37_digest_token_mutes_the_digest_kinds_only(client, personas):
    token = access.unsubscribe_token(personas.coach_a, access.DIGEST_TOKEN_KIND)
    assert _one_click(client, token).status_code == 200
    muted = set(_muted(personas.coach_a))
    assert Kind.STEP_DUE_SOON in muted
    assert Kind.SUPPORT_REQUESTED not in muted  # at once by default: not in the digest


def test_sec_37_unsubscribe_is_in_the_access_matrix():
    from tests.notifications.matrix import MATRIX

    assert "notifications:unsubscribe" in MATRIX

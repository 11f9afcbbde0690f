"""The coach invites a young person; the young person picks a password; the access ends."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jump.accounts.invitations import hash_token
from participants.models import Consent
from tests.factories.participants import ConsentFactory, ParticipantFactory
from young_people import services
from young_people.models import YouthInvitation

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "my bike is green and fast"


@pytest.fixture
def newcomer(personas, partner_a):
    """A young person of partner A without a login yet."""
    participant = ParticipantFactory(
        partner=partner_a,
        coach=personas.coach_a,
        first_name="Nora",
        email="nora@example.org",
        preferred_language="de",
    )
    ConsentFactory(participant=participant, purpose=Consent.Purpose.PARTICIPATION)
    return participant


def invite(personas, participant, capture, **kw):
    with capture(execute=True):
        return services.youth_invitation_create(
            actor=personas.coach_a,
            participant=participant,
            base_url="https://jump.example.org/",
            **kw,
        )


def sent_token(message) -> str:
    return re.search(r"/young/invitation/([^/\s]+)/", message.body).group(1)


def test_the_coach_invites_and_the_mail_carries_a_single_use_link_in_their_language(
    personas, newcomer, django_capture_on_commit_callbacks
):
    invitation = invite(personas, newcomer, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == ["nora@example.org"]
    assert "https://jump.example.org/de/young/invitation/" in message.body
    assert "Hallo Nora" in message.body or "Hi Nora" in message.body
    token = sent_token(message)
    invitation.refresh_from_db()
    assert invitation.token_hash == hash_token(token)
    assert invitation.language == "de"


def test_the_young_person_sets_a_password_and_lands_on_their_home(
    personas, newcomer, django_capture_on_commit_callbacks
):
    invite(personas, newcomer, django_capture_on_commit_callbacks)
    token = sent_token(mail.outbox[0])
    client = Client()
    url = reverse("young_people:invitation_accept", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(url, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert response.status_code == 302
    newcomer.refresh_from_db()
    user = newcomer.user
    assert user.has_role("young_person") and user.email == "nora@example.org"
    assert user.preferred_language == "de"
    assert client.get(reverse("young_people:home")).status_code == 200
    # Single use: the same link again is a clear page, nothing written.
    again = Client().post(url, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert again.status_code == 410


def test_a_weak_password_is_refused_on_its_field_and_nothing_is_written(
    personas, newcomer, django_capture_on_commit_callbacks
):
    invite(personas, newcomer, django_capture_on_commit_callbacks)
    url = reverse("young_people:invitation_accept", args=[sent_token(mail.outbox[0])])
    response = Client().post(url, {"password1": "short", "password2": "short"})
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    newcomer.refresh_from_db()
    assert newcomer.user is None


@pytest.mark.parametrize("state", ["expired", "forged"])
def test_an_expired_or_forged_link_shows_a_clear_page_and_writes_nothing(
    personas, newcomer, django_capture_on_commit_callbacks, state
):
    invitation = invite(personas, newcomer, django_capture_on_commit_callbacks)
    token = sent_token(mail.outbox[0])
    if state == "expired":
        YouthInvitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    else:
        token = token[:-2] + "xx"
    url = reverse("young_people:invitation_accept", args=[token])
    response = Client().post(url, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert response.status_code == (410 if state == "expired" else 404)
    newcomer.refresh_from_db()
    assert newcomer.user is None


@pytest.mark.parametrize("actor", ["coach_b", "manager", "contact_x", "youth_p1", "outsider"])
def test_only_a_coach_of_the_case_may_invite(personas, newcomer, actor):
    with pytest.raises(PermissionDenied):
        services.youth_invitation_create(
            actor=getattr(personas, actor), participant=newcomer, base_url="https://x.org/"
        )
    assert not YouthInvitation.objects.exists()


@pytest.mark.parametrize("actor", ["coach_b", "manager", "contact_x", "youth_p1", "outsider"])
def test_only_a_coach_of_the_case_may_end_the_access(personas, newcomer, actor):
    with pytest.raises(PermissionDenied):
        services.youth_access_end(actor=getattr(personas, actor), participant=newcomer)


def test_the_coach_ends_the_access_at_any_time(
    personas, newcomer, django_capture_on_commit_callbacks
):
    invite(personas, newcomer, django_capture_on_commit_callbacks)
    token = sent_token(mail.outbox[0])
    user = services.youth_invitation_accept(token=token, password=GOOD_PASSWORD)
    client = Client()
    client.force_login(user)
    assert client.get(reverse("young_people:home")).status_code == 200
    services.youth_access_end(actor=personas.coach_a, participant=newcomer)
    newcomer.refresh_from_db()
    user.refresh_from_db()
    assert newcomer.user is None and not user.is_active
    # The session is gone: the next request is the login page.
    response = client.get(reverse("young_people:home"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_leaving_ends_the_access_after_the_partners_grace_period_with_a_notice(
    personas, newcomer, partner_a, django_capture_on_commit_callbacks
):
    invite(personas, newcomer, django_capture_on_commit_callbacks)
    user = services.youth_invitation_accept(
        token=sent_token(mail.outbox[0]), password=GOOD_PASSWORD
    )
    mail.outbox.clear()
    partner_a.young_person_grace_days = 30
    partner_a.save()
    exit_date = datetime.date(2026, 6, 1)
    newcomer.refresh_from_db()
    newcomer.status = newcomer.Status.COMPLETED
    newcomer.entry_date = datetime.date(2026, 1, 15)
    newcomer.exit_date = exit_date
    newcomer.save()
    day_before = exit_date + datetime.timedelta(days=29)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.youth_access_expire_after_exit(day=day_before) == 0
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.youth_access_expire_after_exit(day=exit_date + datetime.timedelta(days=30))
            == 1
        )
        assert (
            services.youth_access_expire_after_exit(day=exit_date + datetime.timedelta(days=30))
            == 0
        )
    user.refresh_from_db()
    assert not user.is_active
    (notice,) = mail.outbox
    assert notice.to == ["nora@example.org"]
    assert "JUMP" in notice.subject and "geschlossen" in notice.subject  # German, her language


def test_the_default_grace_period_is_90_days(partner_a):
    assert partner_a.young_person_grace_days == 90


def test_a_participant_with_a_login_cannot_be_invited_twice(world):
    with pytest.raises(ValidationError):
        services.youth_invitation_create(
            actor=world.personas.coach_a, participant=world.p1, base_url="https://x.org/"
        )

"""SECURITY 4 — no open sign-up; company contacts by single-use invitations that expire;
password reset does not reveal whether an e-mail exists; e-mail verification is mandatory."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from companies import services
from companies.models import Invitation
from jump.accounts.models import User
from tests.companies.test_invitations import PASSWORD, accept_url, form_data, invited
from tests.factories.accounts import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def login_url():
    return reverse("account_login")


def test_sec_04_unverified_email_cannot_log_in(client):
    user = UserFactory(email="unverified@example.org")
    user.emailaddress_set.update(verified=False)
    response = client.post(login_url(), {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


def test_sec_04_password_reset_does_not_reveal_whether_an_email_exists(client, mailoutbox):
    UserFactory(email="known@example.org")
    known = client.post(reverse("account_reset_password"), {"email": "known@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "unknown@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_sec_04_signup_is_closed(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "a long pass phrase",
            "password2": "a long pass phrase",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="new@example.org").exists()


def test_sec_04_an_expired_invitation_shows_a_clear_page_and_creates_nothing(
    personas, company_x, django_capture_on_commit_callbacks, client
):
    invitation, token = invited(personas, company_x, django_capture_on_commit_callbacks)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    for response in (client.get(accept_url(token)), client.post(accept_url(token), form_data())):
        assert response.status_code == 410
        assert response.context["reason"] == "expired"
    assert not User.objects.filter(email="new.contact@example.org").exists()


def test_sec_04_a_used_invitation_cannot_be_used_again(
    personas, company_x, django_capture_on_commit_callbacks, client
):
    _invitation, token = invited(personas, company_x, django_capture_on_commit_callbacks)
    client.post(accept_url(token), form_data())
    client.logout()
    again = client.post(accept_url(token), form_data(password1="x" * 20, password2="x" * 20))
    assert again.status_code == 410
    assert again.context["reason"] == "used"
    assert User.objects.filter(email="new.contact@example.org").count() == 1
    with pytest.raises(services.InvitationInvalid) as error:
        services.invitation_accept(
            token=token,
            password=PASSWORD,
            first_name="A",
            last_name="B",
            language="de",
        )
    assert error.value.reason == "used"

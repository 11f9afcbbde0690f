"""Invitations: the only way in for company contacts (SECURITY 4)."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from companies import services
from companies.models import CompanyContact, Invitation
from companies.services.invitations import hash_token
from jump.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "lilac tractor on the dyke"


def invite(personas, company, *, email="new.contact@example.org", language="de"):
    return services.invitation_create(
        actor=personas.coach_a,
        company=company,
        email=email,
        first_name="Greta",
        last_name="Jansen",
        language=language,
        base_url="https://jump.example.org/",
    )


def sent_token(message) -> str:
    return re.search(r"/companies/invitations/([^/\s]+)/", message.body).group(1)


def invited(personas, company, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(personas, company, **kwargs)
    return invitation, sent_token(mail.outbox[-1])


def accept_url(token, language="de"):
    with translation.override(language):
        return reverse("companies:invitation_accept", kwargs={"token": token})


def form_data(**overrides):
    return {
        "first_name": "Greta",
        "last_name": "Jansen",
        "job_title": "Ausbilderin",
        "phone": "+49 461 1",
        "preferred_language": "de",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def test_the_invitation_mail_is_sent_after_commit_in_the_invitees_language(
    personas, company_x, django_capture_on_commit_callbacks, settings
):
    # Links come from JUMP_SITE_URL, never from the inviting request's host.
    settings.JUMP_SITE_URL = "https://jump.example.org"
    with django_capture_on_commit_callbacks() as callbacks:
        invitation = invite(personas, company_x, language="de")
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    (message,) = mail.outbox
    assert message.to == ["new.contact@example.org"]
    token = sent_token(message)
    assert "https://jump.example.org/de/companies/invitations/" in message.body
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.extra_headers["Content-Language"] == "de"
    assert message.extra_headers["Message-ID"].endswith("@jump.example.org>")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and '<html lang="de">' in html and token in html
    # Only the hash is stored; the token itself is nowhere in the database row.
    invitation.refresh_from_db()
    assert invitation.token_hash == hash_token(token)
    assert token not in {invitation.token_hash, invitation.email}
    lifetime = invitation.expires_at - invitation.created_at
    assert abs(lifetime - datetime.timedelta(hours=72)) < datetime.timedelta(seconds=5)


def test_no_mail_when_the_transaction_is_rolled_back(
    personas, company_x, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite(personas, company_x)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_an_existing_account_cannot_be_invited(personas, company_x):
    with pytest.raises(ValidationError):
        invite(personas, company_x, email=personas.contact_y.email.upper())
    assert not Invitation.objects.exists()


def test_a_new_invitation_replaces_the_pending_one(
    personas, company_x, django_capture_on_commit_callbacks, client
):
    _first, old_token = invited(personas, company_x, django_capture_on_commit_callbacks)
    _second, new_token = invited(personas, company_x, django_capture_on_commit_callbacks)
    assert client.get(accept_url(old_token)).status_code == 410
    assert client.get(accept_url(new_token)).status_code == 200


def test_accepting_creates_a_verified_company_contact_and_logs_in(
    personas, company_x, django_capture_on_commit_callbacks, client
):
    invitation, token = invited(personas, company_x, django_capture_on_commit_callbacks)
    page = client.get(accept_url(token))
    assert page.status_code == 200
    assert company_x.name in page.content.decode()

    response = client.post(accept_url(token), form_data())

    assert response.status_code == 302
    user = User.objects.get(email="new.contact@example.org")
    assert user.company == company_x
    assert user.has_role("company_contact") and user.role_names == {"company_contact"}
    assert user.preferred_language == "de"
    assert user.check_password(PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert address.verified and address.primary
    assert CompanyContact.objects.get(user=user).job_title == "Ausbilderin"
    invitation.refresh_from_db()
    assert invitation.used_at is not None and invitation.accepted_by == user
    # Logged in, on the portal, and offered two-factor authentication right away.
    portal = client.get(response["Location"], follow=True)
    assert portal.status_code == 200
    assert reverse("mfa_activate_totp") in portal.content.decode()
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_an_unknown_token_shows_a_clear_page(client):
    response = client.get(accept_url("made-up-token", language="da"))
    assert response.status_code == 404
    assert response.context["reason"] == "unknown"
    assert "companies/invitation_invalid.html" in [t.name for t in response.templates]


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"password1": "short", "password2": "short"}, "password1"),
        ({"password1": "password12345", "password2": "password12345"}, "password1"),
        ({"password2": "something else entirely"}, "password2"),
        ({"first_name": ""}, "first_name"),
    ],
)
def test_a_bad_password_or_missing_name_shows_the_form_again_and_saves_nothing(
    personas, company_x, django_capture_on_commit_callbacks, client, overrides, field
):
    invitation, token = invited(personas, company_x, django_capture_on_commit_callbacks)
    response = client.post(accept_url(token), form_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not User.objects.filter(email="new.contact@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_a_logged_in_user_is_asked_to_log_out_first(
    personas, company_x, django_capture_on_commit_callbacks, client_for
):
    invitation, token = invited(personas, company_x, django_capture_on_commit_callbacks)
    client = client_for("contact_y")
    response = client.post(accept_url(token), form_data())
    assert response.status_code == 200
    assert "companies/invitation_logged_in.html" in [t.name for t in response.templates]
    invitation.refresh_from_db()
    assert invitation.used_at is None
    assert not User.objects.filter(email="new.contact@example.org").exists()


def test_the_invite_page_sends_the_invitation(
    personas, company_x, client_for, django_capture_on_commit_callbacks
):
    client = client_for("coach_a")
    url = reverse("companies:contact_invite", args=[company_x.public_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"email": "hr@company-x.example", "language": "de", "first_name": "", "last_name": ""},
        )
    assert response.status_code == 302
    assert Invitation.objects.get().email == "hr@company-x.example"
    assert len(mail.outbox) == 1


def test_the_token_is_minted_when_the_mail_is_sent_and_a_resend_replaces_it(
    personas, company_x, django_capture_on_commit_callbacks, client
):
    invitation, first_token = invited(personas, company_x, django_capture_on_commit_callbacks)
    assert services.invitation_send(
        invitation_id=invitation.pk, base_url="https://jump.example.org/"
    )
    second_token = sent_token(mail.outbox[-1])
    assert second_token != first_token
    assert client.get(accept_url(first_token)).status_code == 404
    assert client.get(accept_url(second_token)).status_code == 200


def test_a_used_or_expired_invitation_is_not_sent_again(
    personas, company_x, django_capture_on_commit_callbacks
):
    invitation, token = invited(personas, company_x, django_capture_on_commit_callbacks)
    services.invitation_accept(
        token=token, password=PASSWORD, first_name="Greta", last_name="Jansen", language="de"
    )
    sent = len(mail.outbox)
    assert not services.invitation_send(invitation_id=invitation.pk, base_url="https://x.example/")
    assert len(mail.outbox) == sent


def test_a_failing_mail_server_is_retried_by_the_task(personas, company_x, monkeypatch):
    import smtplib

    from celery.exceptions import Retry

    from companies import tasks

    invitation = Invitation.objects.create(
        email="a@example.org",
        language="da",
        company=company_x,
        token_hash="0" * 64,
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )

    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("companies.services.invitations._render_and_send", broken)
    with pytest.raises(Retry):
        tasks.send_invitation_email.apply(args=[invitation.pk, "https://x.example/"], throw=True)

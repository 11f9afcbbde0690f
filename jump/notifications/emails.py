"""The e-mail of a notification: built in the recipient's language, and what a failure means.

E-mails carry no personal data of participants (no names, no notes): only what the reminder is
about in general words, dates, and a link that opens the object after login — through the
access checks of its app.
"""

import logging
import smtplib
from collections.abc import Callable
from enum import StrEnum

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats

from companies.models import Placement
from jump.lib.mail import message_headers, site_url
from participants.models import Consent
from training_modules.models import Enrolment

from .kinds import SUBJECTS
from .models import Kind, Notification

DEFAULT_SITE_URL = "http://127.0.0.1:8000"

logger = logging.getLogger(__name__)


class Failure(StrEnum):
    TRANSIENT = "transient"
    PERMANENT = "permanent"


def _smtp_code_failure(code) -> Failure:
    # RFC 5321: 4xx are temporary (try again later), 5xx permanent.
    return Failure.TRANSIENT if isinstance(code, int) and 400 <= code < 500 else Failure.PERMANENT


def classify(exc: BaseException) -> Failure:
    """Is it worth trying again later? Connection trouble and 4xx replies: yes; 5xx replies,
    refused or malformed addresses: no."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        if codes and all(isinstance(code, int) and 400 <= code < 500 for code in codes):
            return Failure.TRANSIENT
        return Failure.PERMANENT
    if isinstance(exc, smtplib.SMTPConnectError | smtplib.SMTPServerDisconnected):
        return Failure.TRANSIENT
    if isinstance(exc, smtplib.SMTPResponseException):
        return _smtp_code_failure(exc.smtp_code)
    if isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException):
        # Connection refused or reset, timeouts, name resolution: the server may be back soon.
        return Failure.TRANSIENT
    # Invalid addresses (ValueError from Django's address checks), unexpected SMTP states and
    # anything else: retrying cannot help, so it fails at once instead of storming.
    return Failure.PERMANENT


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


# Attachments by kind, registered by the app that owns the kind's object (the training app: a
# session's calendar entry), so that this foundation module imports no domain app for them.
Attachment = tuple[str, bytes, str]  # filename, content, MIME type
_ATTACHMENTS: dict[str, Callable[[object], Attachment | None]] = {}


def register_attachment(kind: str, build: Callable[[object], Attachment | None]) -> None:
    """E-mails of `kind` carry `build(obj)` (None: no attachment this time)."""
    _ATTACHMENTS[kind] = build


def _attachments(kind: str, obj) -> list[Attachment]:
    """A convenience: when an attachment cannot be built the e-mail goes without it rather
    than not at all."""
    build = _ATTACHMENTS.get(kind)
    if build is None:
        return []
    try:
        attachment = build(obj)
    except Exception:
        logger.exception("No attachment for %s %s", kind, getattr(obj, "pk", None))
        return []
    return [attachment] if attachment else []


def _extra_context(notification: Notification) -> tuple[dict, list]:
    """Kind-specific words for the e-mail (nothing about a participant) and attachments."""
    kind = notification.kind
    if kind in (Kind.SESSION_SOON, Kind.WAITLIST_PROMOTED):
        enrolment = Enrolment.objects.select_related("session__module").get(
            pk=notification.object_id
        )
        session = enrolment.session
        attachments = _attachments(kind, session)
        return {"session": session, "module": session.module}, attachments
    if kind in (Kind.PLACEMENT_FEEDBACK_REQUEST, Kind.PLACEMENT_FEEDBACK_REMINDER):
        placement = Placement.objects.select_related("offer__company").get(
            pk=notification.object_id
        )
        return {"offer": placement.offer, "company": placement.offer.company}, []
    if kind == Kind.CONSENT_REVIEW:
        consent = Consent.objects.get(pk=notification.object_id)
        return {"purpose": consent.get_purpose_display()}, []
    return {}, []


def build_message(notification: Notification) -> EmailMultiAlternatives:
    """The e-mail of `notification`, in the active language (the caller activates the
    recipient's language). The link opens the notification, which checks access again."""
    recipient = notification.recipient
    path = reverse("notifications:open", kwargs={"public_id": notification.public_id})
    extra, attachments = _extra_context(notification)
    subject = SUBJECTS[notification.kind] % {
        "date": formats.date_format(notification.due_date, "SHORT_DATE_FORMAT")
    }
    subject = " ".join(str(subject).split())  # never a line break in a header
    context = {
        "subject": subject,
        "recipient": recipient,
        "name": recipient.first_name or recipient.email,
        "notification": notification,
        "due_date": notification.due_date,
        "url": site_url() + path,
        "preferences_url": site_url() + reverse("notifications:preferences"),
        **extra,
    }
    text = render_to_string(f"emails/notifications/{notification.kind}.txt", context)
    html = render_to_string(f"emails/notifications/{notification.kind}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[recipient.email],
        headers=message_headers(recipient.preferred_language),
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message

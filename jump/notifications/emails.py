"""The e-mail of a notification: built in the recipient's language, and what a failure means.

An e-mail sent at once carries no personal data of participants (no names, no notes): only
what it is about in general words, the offer or company, dates, and a link that opens the object
after login — through the access checks of its app. The daily digest names each item's young
person as the recipient may see them (a coach the full name, a company the first name only,
SECURITY 9), so that thirteen items are not thirteen identical lines (issue 17).

Every e-mail here is a notification, never a security message: each carries List-Unsubscribe
and List-Unsubscribe-Post (RFC 8058) with a token muting its kind for its recipient only
(SECURITY 37).
"""

import logging
import smtplib
from collections.abc import Callable
from enum import StrEnum

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats

from jump.accounts.roles import Role
from jump.lib.mail import message_headers, site_url

from .access import DIGEST_TOKEN_KIND, unsubscribe_token
from .kinds import SUBJECTS
from .models import Kind, Notification

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


# The kind-specific words of an e-mail and of a digest line, and its attachments, come from the
# app that owns the notification's object (`<app>/notices.py`, registered from its
# AppConfig.ready()), so that this foundation module imports no domain app. A builder is
# registered for a kind ("session_soon") or for a model ("companies.placement"); the kind's
# builder wins.
Attachment = tuple[str, bytes, str]  # filename, content, MIME type
Context = Callable[[Notification], dict]
About = Callable[[Notification, object], str]
_CONTEXTS: dict[str, Context] = {}
_ABOUT: dict[str, About] = {}
_ATTACHMENTS: dict[str, Callable[[dict], Attachment | None]] = {}


def register_context(key: str, build: Context) -> None:
    """E-mails of kind (or about model) `key` get `build(notification)` in their template
    context: general words only, nothing about a participant (see the module's docstring)."""
    _CONTEXTS[key] = build


def register_about(key: str, about: About) -> None:
    """A digest line of kind (or about model) `key` says `about(notification, recipient)`."""
    _ABOUT[key] = about


def register_attachment(kind: str, build: Callable[[dict], Attachment | None]) -> None:
    """E-mails of `kind` carry `build(context)` (None: no attachment this time), where
    `context` is what the kind's registered context builder gave."""
    _ATTACHMENTS[kind] = build


def _registered(registry: dict, notification: Notification):
    content_type = notification.content_type
    return registry.get(notification.kind) or registry.get(
        f"{content_type.app_label}.{content_type.model}"
    )


def _attachments(kind: str, extra: dict, notification: Notification) -> list[Attachment]:
    """A convenience: when an attachment cannot be built the e-mail goes without it rather
    than not at all."""
    build = _ATTACHMENTS.get(kind)
    if build is None:
        return []
    try:
        attachment = build(extra)
    except Exception:
        logger.exception("No attachment for %s %s", kind, notification.object_id)
        return []
    return [attachment] if attachment else []


def _extra_context(notification: Notification) -> tuple[dict, list]:
    """Kind-specific words for the e-mail (nothing about a participant) and attachments."""
    build = _registered(_CONTEXTS, notification)
    if build is None:
        return {}, []
    extra = build(notification)
    return extra, _attachments(notification.kind, extra, notification)


def _subject(notification: Notification, extra: dict) -> str:
    subject = SUBJECTS[notification.kind] % {
        "date": formats.date_format(notification.due_date, "SHORT_DATE_FORMAT"),
        "offer": getattr(extra.get("offer"), "title", ""),
        "company": getattr(extra.get("company"), "name", ""),
    }
    return " ".join(str(subject).split())  # never a line break in a header


def unsubscribe_url(recipient, kind: str) -> str:
    token = unsubscribe_token(recipient, kind)
    return site_url() + reverse("notifications:unsubscribe", kwargs={"token": token})


def _headers(recipient, kind: str) -> dict:
    """Every message's headers (jump.lib.mail) and, RFC 2369 / RFC 8058 (SECURITY 37), one click
    in the mail program mutes this kind for this person, without logging in."""
    return {
        **message_headers(recipient.preferred_language),
        "List-Unsubscribe": f"<{unsubscribe_url(recipient, kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def build_message(notification: Notification) -> EmailMultiAlternatives:
    """The e-mail of `notification`, in the active language (the caller activates the
    recipient's language). The link opens the notification, which checks access again."""
    recipient = notification.recipient
    path = reverse("notifications:open", kwargs={"public_id": notification.public_id})
    extra, attachments = _extra_context(notification)
    subject = _subject(notification, extra)
    context = {
        "subject": subject,
        "recipient": recipient,
        "name": recipient.first_name or recipient.email,
        "notification": notification,
        "due_date": notification.due_date,
        "url": site_url() + path,
        "preferences_url": site_url() + reverse("notifications:preferences"),
        "unsubscribe_url": unsubscribe_url(recipient, notification.kind),
        **extra,
    }
    text = render_to_string(f"emails/notifications/{notification.kind}.txt", context)
    html = render_to_string(f"emails/notifications/{notification.kind}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[recipient.email],
        headers=_headers(recipient, notification.kind),
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


# --- the daily digest -------------------------------------------------------------------------


def participant_name_for(user, participant) -> str:
    """The young person's name as `user` may see it: a company contact the first name only
    (SECURITY 9), staff the full name."""
    if user.has_role(Role.COACH, Role.PROGRAMME_MANAGER, Role.ADMIN):
        return f"{participant.first_name} {participant.last_name}"
    return participant.first_name


def _about(notification: Notification, recipient) -> str:
    """What one digest item is about: its young person (as the recipient may see them), its
    company and offer, or its training session (the owning app's words)."""
    about = _registered(_ABOUT, notification)
    return about(notification, recipient) if about is not None else ""


def build_digest(recipient, notifications: list[Notification]) -> EmailMultiAlternatives:
    """One e-mail with every item of `notifications`, grouped by kind, each naming what it is
    about, in the active language (the caller activates the recipient's language)."""
    from django.utils.translation import gettext, ngettext

    groups: dict[str, dict] = {}
    for notification in notifications:
        group = groups.setdefault(
            notification.kind, {"label": Kind(notification.kind).label, "items": []}
        )
        group["items"].append(
            {
                "about": _about(notification, recipient),
                "due_date": notification.due_date,
                "url": site_url()
                + reverse("notifications:open", kwargs={"public_id": notification.public_id}),
            }
        )
    count = len(notifications)
    subject = ngettext(
        "JUMP: %(count)s new item today", "JUMP: %(count)s new items today", count
    ) % {"count": count}
    context = {
        "subject": subject,
        "name": recipient.first_name or recipient.email,
        "groups": list(groups.values()),
        "intro": gettext("Here is what happened in JUMP since the last digest."),
        "preferences_url": site_url() + reverse("notifications:preferences"),
        "unsubscribe_url": unsubscribe_url(recipient, DIGEST_TOKEN_KIND),
    }
    text = render_to_string("emails/notifications/digest.txt", context)
    html = render_to_string("emails/notifications/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[recipient.email],
        headers=_headers(recipient, DIGEST_TOKEN_KIND),
    )
    message.attach_alternative(html, "text/html")
    return message

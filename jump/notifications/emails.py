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

from companies.models import Placement, SupportNeed
from jump.accounts.roles import Role
from jump.lib.mail import message_headers, site_url
from participants.models import Consent, Contact, Participant, Step
from training_modules.models import Enrolment

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
    if notification.content_type.model_class() is Placement:
        placement = Placement.objects.select_related("offer__company").get(
            pk=notification.object_id
        )
        return {
            "placement": placement,
            "offer": placement.offer,
            "company": placement.offer.company,
        }, []
    if kind in (Kind.SUPPORT_REQUESTED, Kind.SUPPORT_ACTION_LOGGED):
        need = SupportNeed.objects.select_related("company").get(pk=notification.object_id)
        return {"need": need, "company": need.company, "support_kind": need.get_kind_display()}, []
    if kind == Kind.OFFERS_FIT:
        from companies.fit import fits_for_coach

        return {"fits": fits_for_coach(notification.recipient, notification.due_date)}, []
    if kind == Kind.CONSENT_REVIEW:
        consent = Consent.objects.get(pk=notification.object_id)
        return {"purpose": consent.get_purpose_display()}, []
    return {}, []


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


def participant_name_for(user, participant: Participant) -> str:
    """The young person's name as `user` may see it: a company contact the first name only
    (SECURITY 9), staff the full name."""
    if user.has_role(Role.COACH, Role.PROGRAMME_MANAGER, Role.ADMIN):
        return f"{participant.first_name} {participant.last_name}"
    return participant.first_name


def _about(notification: Notification, recipient) -> str:
    """What one digest item is about: its young person (as the recipient may see them), its
    company and offer, or its training session."""
    model = notification.content_type.model_class()
    pk = notification.object_id
    participant = None
    if model is Step:
        step = Step.objects.select_related("goal__plan__participant").get(pk=pk)
        participant = step.goal.plan.participant
        detail = step.title
    elif model is Contact:
        participant = Contact.objects.select_related("participant").get(pk=pk).participant
        detail = ""
    elif model is Consent:
        consent = Consent.objects.select_related("participant").get(pk=pk)
        participant, detail = consent.participant, consent.get_purpose_display()
    elif model is Participant:
        participant, detail = Participant.objects.get(pk=pk), ""
    elif model is Placement:
        placement = Placement.objects.select_related("participant", "offer__company").get(pk=pk)
        participant = placement.participant
        detail = f"{placement.offer.title} ({placement.offer.company.name})"
    elif model is Enrolment:
        session = Enrolment.objects.select_related("session__module").get(pk=pk).session
        return "{} ({})".format(
            session.module.title, formats.date_format(session.starts_at, "SHORT_DATE_FORMAT")
        )
    elif notification.kind == Kind.OFFERS_FIT:
        from companies.fit import fits_for_coach

        return "; ".join(
            "{} ({}): {}".format(
                offer.title,
                offer.company.name,
                ", ".join(participant_name_for(recipient, p) for p in people),
            )
            for offer, people in fits_for_coach(recipient, notification.due_date)
        )
    elif model is SupportNeed:
        need = SupportNeed.objects.select_related("company").get(pk=pk)
        return f"{need.company.name}: {need.get_kind_display()}"
    else:
        return ""
    name = participant_name_for(recipient, participant)
    return f"{name}: {detail}" if detail else name


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

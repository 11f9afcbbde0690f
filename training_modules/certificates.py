"""Certificate codes and PDFs (WeasyPrint), rendered in the learner's language."""

import base64
import secrets

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

# No 0/O, 1/I: the code is read from paper and typed in by hand.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 4
CODE_GROUP_LENGTH = 4  # 16 characters of 32 symbols: 80 random bits, not guessable


def new_verification_code() -> str:
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def normalise_code(text: str) -> str:
    """What a person typed → the stored form (upper case, dashes every four characters)."""
    compact = "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())[:40]
    if len(compact) != CODE_GROUPS * CODE_GROUP_LENGTH:
        return compact
    return "-".join(
        compact[i : i + CODE_GROUP_LENGTH] for i in range(0, len(compact), CODE_GROUP_LENGTH)
    )


def verify_path(code: str, language: str) -> str:
    with translation.override(language):
        return reverse("training_modules:certificate_verify", kwargs={"code": code})


def _qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=1)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def render_certificate_pdf(*, certificate, verify_url: str) -> bytes:
    """The certificate as PDF bytes, in the certificate's language."""
    from weasyprint import HTML  # heavy import, only when a certificate is made

    enrolment = certificate.enrolment
    session = enrolment.session
    with translation.override(certificate.language):
        html = render_to_string(
            "training_modules/certificate_pdf.html",
            {
                "certificate": certificate,
                "person": enrolment.person,
                "module": session.module,
                "session": session,
                "verify_url": verify_url,
                "qr_code": _qr_data_uri(verify_url),
                "language": certificate.language,
            },
        )
    return HTML(string=html).write_pdf()

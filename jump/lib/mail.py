"""What every e-mail of the platform shares: links from JUMP_SITE_URL (never from a request's
host), a Message-ID in the site's own domain, and the headers of an automatic message."""

from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings


def site_url() -> str:
    """The address links in e-mails, PDFs and calendars start with (JUMP_SITE_URL)."""
    return settings.JUMP_SITE_URL.rstrip("/")


def site_domain() -> str:
    """The host of JUMP_SITE_URL, without a port (the domain of every Message-ID)."""
    return urlsplit(site_url()).hostname or "localhost"


def message_headers(language: str) -> dict[str, str]:
    """Headers of every message: a Message-ID in the site's domain, RFC 3834's mark of an
    automatic message (no out-of-office replies) and the language it is written in."""
    return {
        "Message-ID": make_msgid(domain=site_domain()),
        "Auto-Submitted": "auto-generated",
        "Content-Language": language,
    }

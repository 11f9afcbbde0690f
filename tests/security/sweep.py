"""Crawling helpers for the marker sweeps (SECURITY 9, 15)."""

import re
from collections import deque
from urllib.parse import urlsplit

from django.utils import formats, translation

HREF = re.compile(r'href="([^"#]+)"')
# Links a crawler must not follow: they end the session or leave the site's pages.
SKIP = ("/accounts/logout/", "/static/", "mailto:", "/i18n/")


def dob_spellings(dob) -> set[str]:
    """Every way a date of birth could be printed on a page."""
    spellings = {dob.isoformat(), dob.strftime("%d.%m.%Y"), dob.strftime("%d/%m/%Y")}
    for language in ("da", "de", "en"):
        with translation.override(language):
            for fmt in ("DATE_FORMAT", "SHORT_DATE_FORMAT"):
                spellings.add(formats.date_format(dob, fmt))
    return spellings


def crawl(client, start_urls, limit=300, skip=()):
    """Every page reachable by GET from `start_urls` through same-site links: {url: response}.

    `skip`: further path fragments the crawler does not follow.
    """
    seen: dict[str, object] = {}
    queue = deque(start_urls)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            href = href.replace("&amp;", "&")
            parts = urlsplit(href)
            if parts.netloc or not href.startswith("/") or href.startswith(SKIP):
                continue
            if any(fragment in href for fragment in skip):
                continue
            if href not in seen:
                queue.append(href)
    return seen


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")

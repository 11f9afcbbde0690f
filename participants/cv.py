"""The Europass-style CV as a PDF (WeasyPrint), in the participant's preferred language."""

from django.template.loader import render_to_string
from django.utils import translation


def render_cv_pdf(
    participant,
    context: dict,
    *,
    language: str | None = None,
    template: str = "participants/cv_pdf.html",
) -> bytes:
    """PDF bytes of a CV template, rendered under translation.override(`language`, by default
    the participant's preferred language). The young person's own CV uses it too."""
    # Imported here: WeasyPrint loads pango at import, which only this view needs.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    with translation.override(language or participant.preferred_language):
        html = render_to_string(template, context)
    # The CV is self-contained (fonts come from fontconfig): no protocol is allowed, so nothing
    # named in the HTML — a URL or a local file — is ever fetched.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()

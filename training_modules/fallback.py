"""Which language a translated text is actually shown in, and search that matches what is shown.

django-modeltranslation returns the first non-empty language of the fallback order
(MODELTRANSLATION_FALLBACK_LANGUAGES) when the reader's language has no text. The pages say so
visibly; search looks at the same text the reader sees.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname, resolution_order


def current_language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in mt_settings.AVAILABLE_LANGUAGES else settings.LANGUAGE_CODE


def language_order(language: str | None = None) -> list[str]:
    """The reader's language, then the fallback languages, each once."""
    return list(resolution_order(language or current_language(), mt_settings.FALLBACK_LANGUAGES))


def _has_text(value) -> bool:
    return value is not None and str(value).strip() != ""


def shown_language(obj, field: str, language: str | None = None) -> str | None:
    """The language whose text `obj.<field>` shows to a reader of `language` (None: no text)."""
    for code in language_order(language):
        if _has_text(getattr(obj, build_localized_fieldname(field, code), None)):
            return code
    return None


def fallback_language(obj, field: str = "title", language: str | None = None) -> str | None:
    """The fallback language shown instead of the reader's own, or None when there is none."""
    language = language or current_language()
    shown = shown_language(obj, field, language)
    return shown if shown and shown != language else None


def _empty(field: str, code: str) -> Q:
    name = build_localized_fieldname(field, code)
    return Q(**{f"{name}__isnull": True}) | Q(**{name: ""})


def search_q(fields: tuple[str, ...], text: str, language: str | None = None) -> Q:
    """Rows whose shown text of any of `fields` contains `text` (case-insensitive).

    For each field: the reader's language contains it, or the reader's language is empty and the
    first fallback contains it, and so on — the same resolution modeltranslation uses to display.
    """
    order = language_order(language)
    conditions = []
    for field in fields:
        earlier_empty = Q()
        for code in order:
            name = build_localized_fieldname(field, code)
            conditions.append(earlier_empty & Q(**{f"{name}__icontains": text}))
            earlier_empty &= _empty(field, code)
    return reduce(or_, conditions)


def shown_expression(field: str, language: str | None = None):
    """An SQL expression of the text shown for `field` (for ordering by what the reader sees)."""
    text: CharField[str, str] = CharField()
    parts = [
        NullIf(F(build_localized_fieldname(field, code)), Value(""), output_field=text)
        for code in language_order(language)
    ]
    return Coalesce(*parts, Value(""), output_field=text)

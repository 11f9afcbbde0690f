"""Template helpers of the training pages: the visible translation fallback."""

from django import template
from django.conf import settings

from training_modules import fallback

register = template.Library()


@register.inclusion_tag("training_modules/_fallback_note.html")
def fallback_note(obj, field="title"):
    """A small note when `obj.<field>` is shown in another language than the reader's."""
    shown = fallback.fallback_language(obj, field)
    names = dict(settings.LANGUAGES)
    return {
        "shown": shown,
        "shown_name": names.get(shown, ""),
        "reader_name": names.get(fallback.current_language(), ""),
    }


@register.filter
def shown_language(obj, field="title"):
    """The language code of the text shown for `obj.<field>` (for `lang` attributes)."""
    return fallback.shown_language(obj, field) or fallback.current_language()

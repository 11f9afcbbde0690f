"""Texts that trainers write in Danish, German and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import GoodPractice, Module, Tag


@register(Module)
class ModuleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "learning_outcomes")


@register(GoodPractice)
class GoodPracticeTranslationOptions(TranslationOptions):
    fields = ("title", "body")


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    """A tag's name per language; empty names are stored as NULL, so the per-language columns
    stay unique without two empty names colliding."""

    fields = ("name",)
    empty_values = None

"""Texts that trainers write in Danish, German and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import GoodPractice, Module


@register(Module)
class ModuleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "learning_outcomes")


@register(GoodPractice)
class GoodPracticeTranslationOptions(TranslationOptions):
    fields = ("title", "body")

"""Every Django form class of the project, found by walking the apps' `forms` modules."""

import importlib
import inspect
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.forms.forms import BaseForm


def project_form_classes() -> dict[str, type]:
    """{"module.Class": class} for every form defined in a project app's forms module."""
    root = Path(settings.BASE_DIR)
    found = {}
    for config in apps.get_app_configs():
        path = Path(config.path)
        if root not in path.parents or ".venv" in path.parts:
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.forms":
                raise
            continue
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseForm)
                and obj.__module__ == module.__name__
            ):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found

"""Test settings with the imports app, until the integrator registers it in jump/settings/base.py
(INSTALLED_APPS "jump.imports") and jump/urls.py (path("imports/", ...) in i18n_patterns)."""

from jump.settings.test import *  # noqa: F403
from jump.settings.test import INSTALLED_APPS, STORAGES, env

if "jump.imports" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "jump.imports"]
ROOT_URLCONF = "tests.imports.urls"

# A worker started by the integration tests is told where the test's private files are.
if env.str("PRIVATE_ROOT", default=""):
    PRIVATE_ROOT = env.path("PRIVATE_ROOT")
    STORAGES["default"]["OPTIONS"]["location"] = str(PRIVATE_ROOT)

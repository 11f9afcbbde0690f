"""SECURITY 15 — escaping: no `|safe` / `mark_safe` on user data; a script tag typed into any
text field comes back escaped on every page."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.html import escape

from .sweep import body, crawl

pytestmark = pytest.mark.django_db

SCRIPT = "<script>Xss15()</script>"

# Every use of mark_safe / SafeString in the code, and why it holds no unescaped user data.
MARK_SAFE_ALLOWED = {
    "jump/reports/charts.py": "the SVG charts: numbers, and labels passed through escape()",
    "jump/lib/forms.py": "the <option>s of the filter forms (caseload, report period): every "
    "value and label passed through html.escape (tests/lib/test_plain_fields.py)",
    "jump/reports/views/dashboard.py": "the dashboard's figure tables and charts: the output of "
    "its own autoescaped templates (render_to_string), kept in the cache as rendered",
}


def source_files(*patterns):
    root = Path(settings.BASE_DIR)
    for pattern in patterns:
        for path in root.glob(pattern):
            if not {".venv", "node_modules", "tests", "staticfiles"} & set(path.parts):
                yield root, path


def test_sec_15_no_html_template_turns_escaping_off():
    """(Plain-text e-mail templates turn autoescape off on purpose: they are not HTML.)"""
    found = []
    for root, path in source_files("**/templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"\|\s*safe\b|\|\s*safeseq\b|{%\s*autoescape\s+off", text):
            found.append(f"{path.relative_to(root)}: {match.group(0)}")
    assert found == []


def test_sec_15_mark_safe_only_where_every_text_is_escaped():
    found = set()
    for root, path in source_files("**/*.py"):
        if "migrations" in path.parts:
            continue
        if re.search(r"\bmark_safe\(|\bSafeString\(|\bSafeText\(", path.read_text("utf-8")):
            found.add(str(path.relative_to(root)))
    assert found == set(MARK_SAFE_ALLOWED)


def script_in_every_text_field() -> int:
    """Put SCRIPT into every free-text field of every row of the project's models."""
    changed = 0
    for model in apps.get_models():
        if model._meta.app_label not in {"participants", "companies", "training_modules"}:
            continue
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and not field.unique
            and not field.primary_key
            and (field.max_length is None or field.max_length >= len(SCRIPT))
            and not isinstance(field, models.EmailField | models.URLField)
        ]
        for field in fields:
            try:
                with transaction.atomic():
                    changed += model._base_manager.update(**{field: SCRIPT})
            except IntegrityError:
                pass  # a check constraint guards this field's format (e.g. a register number)
    return changed


def start_urls(world):
    return [
        reverse("home"),
        reverse("participants:caseload"),
        reverse("participants:detail", args=[world.p1.public_id]),
        reverse("participants:activity_list"),
        reverse("companies:company_list"),
        reverse("companies:offer_list"),
        reverse("companies:placement_list"),
        reverse("companies:proposal_list"),
        reverse("companies:support_need_list"),
        reverse("companies:portal"),
        reverse("companies:placement_detail", args=[world.placement_p1.public_id]),
        reverse("training_modules:catalogue"),
        reverse("training_modules:good_practice_list"),
        reverse("reports:dashboard"),
    ]


@pytest.mark.parametrize("persona", ["coach_a", "contact_x", "manager"])
def test_sec_15_a_script_typed_into_any_text_field_comes_back_escaped(client_for, world, persona):
    assert script_in_every_text_field() > 20
    pages = crawl(
        client_for(persona),
        start_urls(world),
        limit=120,
        skip=("/admin/", "/download/", "/pdf/", "/ical", "/calendar", "/template/"),
    )
    html = {
        url: response
        for url, response in pages.items()
        if "text/html" in response.get("Content-Type", "")
    }
    # (Downloads — JSON, PDF, calendar files — are not HTML: a browser does not run them.)
    raw = [url for url, response in html.items() if SCRIPT in body(response)]
    assert raw == []
    shown = [url for url, response in html.items() if escape(SCRIPT) in body(response)]
    assert len(shown) > 3, shown  # the payload did reach the pages


@pytest.mark.django_db
def test_sec_15_script_typed_into_an_offer_comes_back_escaped(client_for, companies_world):
    companies_world.offer_x.description = "<script>alert(1)</script>"
    companies_world.offer_x.save()
    content = (
        client_for("contact_x")
        .get(reverse("companies:offer_detail", args=[companies_world.offer_x.public_id]))
        .content.decode()
    )
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content

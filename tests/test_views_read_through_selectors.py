"""Views never query the ORM themselves (docs/architecture.md "The layers"): a read goes
through the app's selectors (which apply visible_to and the role rules), a write through its
services. Every view module is read (ast, not imported); `Model.objects…`,
`Model._default_manager` and get_object_or_404 / get_list_or_404 on a model fail the test.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("jump", "participants", "companies", "training_modules", "young_people")
MANAGERS = {"objects", "_default_manager", "_base_manager"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def view_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            if path.name.startswith("views") or "views" in path.parent.parts:
                yield path


def direct_queries(source: str) -> list[str]:
    """Where `source` queries the ORM directly: `line: what`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in SHORTCUTS:
                found.append(f"{node.lineno}: {name}()")
    return found


def test_there_are_view_modules_to_read():
    paths = {str(path.relative_to(ROOT)) for path in view_modules()}
    assert "jump/reports/views/dashboard.py" in paths
    assert "young_people/views.py" in paths
    assert len(paths) > 20


def test_no_view_queries_the_orm():
    offenders = [
        f"{path.relative_to(ROOT)}:{where}"
        for path in view_modules()
        for where in direct_queries(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_reader_sees_each_form():
    sample = (
        "from django.shortcuts import get_object_or_404\n"
        "def view(request):\n"
        "    a = Participant.objects.filter(pk=1)\n"
        "    b = Company._default_manager.all()\n"
        "    c = get_object_or_404(Offer, pk=2)\n"
        "    d = selectors.caseload(request.user)\n"
    )
    assert sorted(direct_queries(sample)) == [
        "3: .objects",
        "4: ._default_manager",
        "5: get_object_or_404()",
    ]

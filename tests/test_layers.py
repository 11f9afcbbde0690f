"""The imports run one way (docs/architecture.md "The layers").

Every module of the product is read (ast, not imported): `import` / `from … import`,
`apps.get_model("app", "Model")`, `import_module("…")` and string model references
("participants.Participant", "companies.placement") are arrows from the module's app to another
app. Foundation → foundation only; domain → foundation (and companies → participants);
roof → domain and foundation; nothing → roof; no product module → the benchmark (bench/).
Migrations are left out: they are generated and name what the models name.

An arrow the wrong way fails the test unless it is listed in EXCEPTIONS with its reason; an
exception that no longer matches an arrow fails too, so the list only shrinks.
"""

import ast
import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("jump", "participants", "companies", "training_modules", "young_people")

FOUNDATION, DOMAIN, ROOF, TOOLS = "foundation", "domain", "roof", "tools"

# Package (longest prefix wins) → its app and layer.
APPS = {
    "jump": FOUNDATION,  # settings, urls, celery, health, admin site: the project's floor
    "jump.accounts": FOUNDATION,
    "jump.audit": FOUNDATION,
    "jump.notifications": FOUNDATION,
    "jump.lib": FOUNDATION,
    "participants": DOMAIN,
    "training_modules": DOMAIN,
    "companies": DOMAIN,
    "young_people": DOMAIN,
    "jump.reports": ROOF,
    "jump.imports": ROOF,
    "bench": TOOLS,
}
# Within the domain: a placement is of a participant, so companies may import participants; the
# young people's own pages show their record and their placements.
DOMAIN_ALLOWED = {
    ("companies", "participants"),
    ("young_people", "participants"),
    ("young_people", "companies"),
}

# Django app labels → package, to read string model references and get_model calls.
LABELS = {
    "accounts": "jump.accounts",
    "audit": "jump.audit",
    "notifications": "jump.notifications",
    "reports": "jump.reports",
    "imports": "jump.imports",
    "participants": "participants",
    "companies": "companies",
    "training_modules": "training_modules",
    "young_people": "young_people",
}

# (module, app it points to) → why the arrow runs the wrong way. Keep it short.
EXCEPTIONS = {
    ("jump.accounts.models", "companies"): (
        "User.company, a foreign key by name: a company contact belongs to a company, and the "
        "portal and every company access check read that column"
    ),
    ("jump.audit.models", "participants"): (
        "AccessLog.participant and Retention.participant, foreign keys by name: whose data was "
        "read, whose retention is set (the append-only log must point at the person)"
    ),
    ("participants.models.people", "companies"): (
        "apps.get_model('companies', 'Placement') at call time: a company contact sees a "
        "participant through a placement, and visible_to is the one place that rule is written"
    ),
    ("participants.selectors", "companies"): (
        "apps.get_model('companies', 'Placement') at call time: the case file lists the "
        "participant's placements, and the mobility ladder (caseload, reports) counts a "
        "placement across the border as its steps 4 and 5 — one annotation, one query"
    ),
}


def app_of(module: str) -> str | None:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix in APPS:
            return prefix
    return None


def allowed(source: str, target: str) -> bool:
    if source == target:
        return True
    a, b = APPS[source], APPS[target]
    if b == TOOLS:
        return a == TOOLS
    if a == TOOLS:
        return True
    if a == FOUNDATION:
        return b == FOUNDATION
    if a == DOMAIN:
        return b == FOUNDATION or (source, target) in DOMAIN_ALLOWED
    if a == ROOF:
        return b in (FOUNDATION, DOMAIN)  # not another roof app: nothing imports the roof
    return False


def _module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve_relative(module: str, is_package: bool, level: int, name: str | None) -> str:
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def _model_names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for config in apps.get_app_configs():
        names[config.label] = {model.__name__.lower() for model in config.get_models()}
    return names


MODEL_REF = re.compile(r"^([a-z_]+)\.([A-Za-z_]+)$")
DOTTED = re.compile(r"^[a-z_]+(\.[A-Za-z_][A-Za-z0-9_]*)+$")

# The composition roots list every app by name — the settings (INSTALLED_APPS, the beat
# schedule), the root URLconf (include("participants.urls")) and seed_demo (each app's demo.py,
# in order). That is their job, so their dotted strings are not arrows; their imports are.
COMPOSITION = ("jump.settings", "jump.urls", "jump.accounts.management.commands.seed_demo")


def _is_module_path(dotted: str, root: Path) -> bool:
    """A dotted string that names a module of the tree (or a name inside one)."""
    parts = dotted.split(".")
    for n in (len(parts), len(parts) - 1):
        if n < 1:
            continue
        base = root.joinpath(*parts[:n])
        if base.with_suffix(".py").is_file() or (base / "__init__.py").is_file():
            return True
    return False


def arrows_of(path: Path, models: dict[str, set[str]], root: Path = ROOT) -> set[str]:
    """The packages (by app) that the module at `path` points to."""
    module = _module_name(path, root)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _resolve_relative(module, path.name == "__init__.py", node.level, None)
                names = [node.module] if node.module else [alias.name for alias in node.names]
                targets.update(f"{base}.{name}" if base else name for name in names)
            else:
                targets.add(node.module or "")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            strings = [
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
            if name == "get_model" and strings:
                label = strings[0].split(".")[0]
                if label in LABELS:
                    targets.add(LABELS[label])
            elif name == "import_module" and strings:
                targets.add(strings[0])
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if (
                DOTTED.match(node.value)
                and node.value.split(".")[0] in (*PRODUCT, "bench")
                and not module.startswith(COMPOSITION)
                and _is_module_path(node.value, root)
            ):
                targets.add(node.value)
            match = MODEL_REF.match(node.value)
            if (
                match
                and match.group(1) in LABELS
                and match.group(2).lower() in models.get(match.group(1), ())
            ):
                targets.add(LABELS[match.group(1)])
    return {app for app in map(app_of, targets) if app is not None}


def product_modules():
    for package in (*PRODUCT, "bench"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield path


def wrong_arrows() -> dict[tuple[str, str], str]:
    models = _model_names()
    found = {}
    for path in product_modules():
        module = _module_name(path)
        source = app_of(module)
        for target in arrows_of(path, models):
            if not allowed(source, target):
                found[(module, target)] = str(path.relative_to(ROOT))
    return found


def test_the_imports_run_one_way():
    found = wrong_arrows()
    unexplained = sorted(
        f"{file}: {module} → {target}"
        for (module, target), file in found.items()
        if (module, target) not in EXCEPTIONS
    )
    assert unexplained == []


def test_every_exception_is_still_needed_and_has_a_reason():
    found = wrong_arrows()
    stale = sorted(
        f"{module} → {target}" for module, target in EXCEPTIONS if (module, target) not in found
    )
    assert stale == []
    assert all(reason.strip() for reason in EXCEPTIONS.values())


def test_no_product_module_imports_the_benchmark():
    models = _model_names()
    importers = sorted(
        str(path.relative_to(ROOT))
        for path in product_modules()
        if app_of(_module_name(path)) != "bench" and "bench" in arrows_of(path, models)
    )
    assert importers == []


def test_the_reader_sees_each_kind_of_arrow(tmp_path):
    """The reader is not blind: each form of reference is an arrow (a reader that found
    nothing would let every test above pass)."""
    package = tmp_path / "jump" / "lib"
    package.mkdir(parents=True)
    sample = package / "sample.py"
    sample.write_text(
        "import companies.models\n"
        "from participants import access\n"
        "from ..reports import services\n"
        "from django.apps import apps\n"
        "apps.get_model('training_modules', 'Session')\n"
        "import_module('bench.seed')\n"
        "FK = 'imports.ImportJob'\n",
        encoding="utf-8",
    )
    found = arrows_of(sample, _model_names(), root=tmp_path)
    assert found == {
        "companies",
        "participants",
        "jump.reports",
        "training_modules",
        "bench",
        "jump.imports",
    }
    (tmp_path / "companies").mkdir()
    (tmp_path / "companies" / "demo.py").write_text("", encoding="utf-8")
    listed = package / "listed.py"
    listed.write_text('MODULES = ["companies.demo", "jump.nowhere"]\n', encoding="utf-8")
    assert arrows_of(listed, _model_names(), root=tmp_path) == {"companies"}
    assert not allowed("jump.lib", "companies")
    assert not allowed("participants", "jump.reports")
    assert not allowed("jump.reports", "bench")
    assert allowed("jump.reports", "participants")
    assert allowed("companies", "participants")
    assert not allowed("participants", "companies")

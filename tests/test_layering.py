"""The apps' layering (the house style's table): an app imports only the apps listed before it.

Read from the source (every import statement, at any depth), so an import inside a function counts
too. `make check` runs this module.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# From the bottom up. demo and bench share the top; bench builds on the demo, never the other way.
LAYERS = ["common", "council", "accounts", "teams", "assemblies", "secretariat", "reminders", "dashboards"]
LAYERS += ["demo", "bench"]
# Imports against the table that predate it, each with the change that ends it.
KNOWN = {
    # the cycle periods of assemblies.selectors, until the cycle has the module of its own that teams may use
    ("teams", "assemblies"),
}
# Only the development and test settings install demo and bench.
DEVELOPMENT_SETTINGS = {"config/settings_dev.py", "config/settings_test.py"}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {name.split(".")[0] for name in names} & set(LAYERS)


def imports_of(app: str) -> dict[str, set[str]]:
    """Each module of the app (relative path) and the other project apps it imports."""
    found = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        others = imported_apps(path) - {app}
        if others:
            found[str(path.relative_to(ROOT))] = others
    return found


@pytest.mark.parametrize("app", [app for app in LAYERS if (ROOT / app).is_dir()])
def test_an_app_imports_only_the_apps_before_it(app):
    allowed = set(LAYERS[: LAYERS.index(app)]) | {other for (importer, other) in KNOWN if importer == app}
    wrong = {module: others - allowed for module, others in imports_of(app).items() if others - allowed}
    assert wrong == {}


def test_common_imports_no_project_app():
    assert imports_of("common") == {}


def test_council_does_not_import_accounts():
    assert {module for module, others in imports_of("council").items() if "accounts" in others} == set()


def test_only_development_settings_import_demo_or_bench():
    """A product module importing them would fail in production, where neither is installed."""
    importers = {
        module
        for app in ["config", *LAYERS[: LAYERS.index("demo")]]
        for module, others in imports_of(app).items()
        if others & {"demo", "bench"}
    }
    assert importers <= DEVELOPMENT_SETTINGS

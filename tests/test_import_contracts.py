"""The import contracts of pyproject.toml (`make check` runs lint-imports) cover every package and catch a
wrong-way import.

Each run of lint-imports works on a copy of the project's packages (their .py files and pyproject.toml)
in a folder of the test's own, so a probe module written there touches nothing of the project's.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"  # the venv's, beside its python
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
CONTRACTS = {contract["id"]: contract for contract in CONFIG["contracts"]}


def copy_project(to: Path) -> None:
    def not_python(folder: str, names: list[str]) -> list[str]:
        return [name for name in names if not name.endswith(".py") and not Path(folder, name).is_dir()]

    for package in CONFIG["root_packages"]:
        shutil.copytree(ROOT / package, to / package, ignore=not_python)
    shutil.copy(ROOT / "pyproject.toml", to)


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    # Wide lines, so that no import of the report is wrapped; no PYTHONPATH, so only the copy is read.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"} | {"COLUMNS": "200"}
    return subprocess.run(  # noqa: S603 — the venv's own lint-imports
        [LINT_IMPORTS, "--no-logo", "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_project_keeps_its_contracts(tmp_path):
    copy_project(tmp_path)

    result = lint_imports(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr


def test_a_wrong_way_import_breaks_the_layers(tmp_path):
    """teams is below dashboards; an import inside a function counts as much as one at the top."""
    copy_project(tmp_path)
    probe = "def totals():\n    import dashboards.selectors\n\n    return dashboards.selectors\n"
    (tmp_path / "teams" / "_probe.py").write_text(probe, encoding="utf-8")

    result = lint_imports(tmp_path)

    assert result.returncode != 0
    assert "teams is not allowed to import dashboards" in result.stdout
    assert "teams._probe -> dashboards.selectors (l.2)" in result.stdout


def project_packages() -> set[str]:
    return {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests"}


def test_every_package_of_the_project_is_in_the_graph():
    """A package left out of root_packages is not read at all, so it could break no contract."""
    assert set(CONFIG["root_packages"]) == project_packages()


def test_every_app_is_a_layer_and_held_from_demo_and_bench():
    layers = {name.strip("()") for name in CONTRACTS["layers"]["layers"]}
    tooling = CONTRACTS["no-tooling-in-production"]

    assert project_packages() - {"config"} <= layers
    assert set(tooling["forbidden_modules"]) == {"demo", "bench"}
    assert set(tooling["source_modules"]) == project_packages() - {"demo", "bench"}

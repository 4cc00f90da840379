"""The import contracts of pyproject.toml (`make check` runs lint-imports on them) cover every package."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
CONTRACTS = {contract["id"]: contract for contract in CONFIG["contracts"]}


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

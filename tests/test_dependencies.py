"""Every runtime dependency in pyproject.toml is there on purpose: the package imports it.

A dependency nothing imports (as ruamel.yaml was) costs every adopter an install and a
supply-chain risk for nothing. The only exceptions are loaded by name at run time, and say so.
"""

from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# Loaded by MkDocs from mkdocs.yml (`theme: material`), never imported by our code.
LOADED_BY_NAME = {"mkdocs-material": "the theme MkDocs loads by name"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_normal(re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0]) for spec in project["dependencies"]}


def _imported_modules() -> set[str]:
    found: set[str] = set()
    for path in (PROJECT / "aims_lint").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found


def test_every_runtime_dependency_is_imported_by_the_package() -> None:
    owners = packages_distributions()
    used = {_normal(dist) for module in _imported_modules() for dist in owners.get(module, [])}
    unused = sorted(_declared() - used - set(LOADED_BY_NAME))
    assert unused == [], f"declared in pyproject.toml but never imported by aims_lint: {unused}"


def test_the_exceptions_are_still_declared() -> None:
    assert set(LOADED_BY_NAME) <= _declared()

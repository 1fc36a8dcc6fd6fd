"""Git is reached through `history/` alone: one module starts processes, nothing uses a git library."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import PROJECT

PACKAGE = PROJECT / "aims_lint"
RUNS_GIT = "aims_lint/history/gitcmd.py"  # the subprocess layer
# How git is asked; everything else in history/ hands out plain frozen values.
GIT_INTERNALS = ("aims_lint.history.gitcmd", "aims_lint.history.gitlog", "aims_lint.history.blobs")


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _modules() -> Iterator[tuple[str, set[str]]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PROJECT).as_posix(), set(_imports(path))


def test_only_the_subprocess_layer_starts_processes() -> None:
    starting = [name for name, imports in _modules() if "subprocess" in imports]
    assert starting == [RUNS_GIT]


def test_no_module_uses_a_git_library() -> None:
    assert [name for name, imports in _modules() if {"git", "pygit2", "dulwich"} & imports] == []


def test_outside_history_nothing_knows_how_git_is_asked() -> None:
    reaching = sorted(
        f"{name}: {module}"
        for name, imports in _modules() if not name.startswith("aims_lint/history/")
        for module in imports if module.startswith(GIT_INTERNALS)
    )
    assert reaching == []

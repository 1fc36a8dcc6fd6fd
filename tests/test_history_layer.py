"""Git is reached through `history/` alone: one module starts git, nothing uses a git library.

Each program aims-lint runs has one module that starts it: git in `history/gitcmd.py`,
ssh-keygen (for signing and checking evidence bundles) in `evidence/sshsig.py`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import PROJECT

PACKAGE = PROJECT / "aims_lint"
RUNS_GIT = "aims_lint/history/gitcmd.py"  # the subprocess layer
RUNS_SSH_KEYGEN = "aims_lint/evidence/sshsig.py"  # the bundle's signatures; it never runs git
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
    assert starting == [RUNS_SSH_KEYGEN, RUNS_GIT]
    signing = ast.parse((PROJECT / RUNS_SSH_KEYGEN).read_text(encoding="utf-8"))
    runs = [call for call in ast.walk(signing) if isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute) and call.func.attr == "run"]
    programs = [ast.literal_eval(call.args[0].elts[0]) for call in runs  # type: ignore[attr-defined]
                if call.args and isinstance(call.args[0], ast.List)]
    assert programs == ["ssh-keygen"]  # its one subprocess call starts ssh-keygen, never git


def test_no_module_uses_a_git_library() -> None:
    assert [name for name, imports in _modules() if {"git", "pygit2", "dulwich"} & imports] == []


def test_outside_history_nothing_knows_how_git_is_asked() -> None:
    reaching = sorted(
        f"{name}: {module}"
        for name, imports in _modules() if not name.startswith("aims_lint/history/")
        for module in imports if module.startswith(GIT_INTERNALS)
    )
    assert reaching == []

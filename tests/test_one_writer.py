"""One atomic writer and one front-matter fence parser: no module writes or splits by itself.

aims_lint/atomic.py is the one way a file's content is written (whole or not at
all), and aims_lint/frontmatter.py the one place that knows what a front-matter
fence looks like. This test reads the package's syntax trees and fails on a
second writer or a second fence pattern, so the next one is a decision, not an
accident.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "aims_lint"
WRITER = "atomic.py"
FENCES = "frontmatter.py"
# Opening a file is not always writing content:
ALLOWED = {
    # the evidence bundle copies a commit's files into a temporary folder it deletes afterwards:
    # scratch space the linter reads, not output, so it needs no atomic replacement;
    "evidence/tree.py",
    # the edit lock is an empty file opened to hold a lock on; nothing is written into it.
    "repo_lock.py",
}
_WRITING_CALLS = {"write_bytes", "write_text", "replace", "rename", "mkstemp", "NamedTemporaryFile"}
_WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND"}
_WRITE_MODE = re.compile(r"[wxa+]")
# A regular expression or a comparison that recognises a `---` line (optionally with `...`).
# (Writing "---" around a header we make is fine; recognising one in a file is parsing.)
_FENCE_PATTERN = re.compile(r"^\^?-{3}(\[ \\t\]\*|\\s\*)\$?$|\(\?:---\|")


def _modules() -> list[tuple[str, ast.Module]]:
    return [
        (path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def _writes(tree: ast.Module) -> list[int]:
    """Lines that write a file's content without the atomic writer."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        renames = name in _WRITING_CALLS and not (name == "replace" and _is_str_replace(node))
        if renames or (name in ("open", "fdopen") and _opens_for_writing(node)):
            lines.append(node.lineno)
    return lines


def _is_str_replace(call: ast.Call) -> bool:
    # str.replace(old, new) is everywhere; os.replace is what renames a file.
    return not _is_os(call)


def _is_os(call: ast.Call) -> bool:
    func = call.func
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "os"


def _opens_for_writing(call: ast.Call) -> bool:
    if _is_os(call):  # os.open(path, flags): writing is in the flags
        flags = [n for a in call.args for n in ast.walk(a) if isinstance(n, ast.Attribute)]
        return any(n.attr in _WRITE_FLAGS for n in flags)
    modes = [a for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    modes += [k.value for k in call.keywords if k.arg == "mode" and isinstance(k.value, ast.Constant)]
    return any(isinstance(m, ast.Constant) and _WRITE_MODE.search(str(m.value)) for m in modes)


def _fence_patterns(tree: ast.Module) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _FENCE_PATTERN.search(node.value)
    ]


def test_only_the_atomic_writer_writes_files() -> None:
    found = {
        rel: lines for rel, tree in _modules() if rel not in {WRITER, *ALLOWED} and (lines := _writes(tree))
    }
    assert found == {}, "write through aims_lint.atomic (write_atomic / write_output) instead"


def test_only_frontmatter_knows_the_fence() -> None:
    found = {rel: lines for rel, tree in _modules() if rel != FENCES and (lines := _fence_patterns(tree))}
    assert found == {}, "split front matter with aims_lint.frontmatter (split_fences / opens_front_matter)"


def test_the_guards_see_what_they_guard() -> None:
    """Each check finds the thing it forbids, so neither passes by looking at nothing."""
    writer = ast.parse((PACKAGE / WRITER).read_text(encoding="utf-8"))
    fences = ast.parse((PACKAGE / FENCES).read_text(encoding="utf-8"))
    assert _writes(writer) and _fence_patterns(fences)
    second = ast.parse(
        'import os\nos.replace(a, b)\nopen(p, "wb")\nPath(p).write_text(s)\n"x".replace("a", "b")\n'
        'os.open(p, os.O_RDONLY)\nos.open(p, os.O_WRONLY | os.O_CREAT)\nos.fdopen(fd, "rb")\n'
    )
    assert _writes(second) == [2, 3, 4, 7]
    assert _fence_patterns(ast.parse('import re\nOPENING = re.compile(r"---[ \\t]*")\n')) == [2]

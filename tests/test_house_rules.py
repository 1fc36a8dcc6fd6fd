"""The layer rules ARCHITECTURE.md states that an import contract cannot see: what code calls.

Rules and reporters are pure: no file, process, network, terminal or clock
(a rule judges dates by `ctx.today`). Only `aims_lint/atomic.py` writes
files. The import-linter contracts keep the import order; these tests read
each module's syntax tree for the calls themselves.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "aims_lint"

# Modules through which code reaches files, processes, git or the network.
WORLD = frozenset({
    "os", "pathlib", "subprocess", "shutil", "io", "tempfile", "socket", "urllib.request", "http", "git",
    "aims_lint.atomic", "aims_lint.discover", "aims_lint.history.gitlog", "aims_lint.history.load",
    "aims_lint.history.blobs", "aims_lint.history.gitcmd", "aims_lint.history.pinned",
})
IMPURE_CALLS = frozenset({"open", "print", "input", "breakpoint", "exec", "eval"})
CLOCK = frozenset({"today", "now", "utcnow", "time", "monotonic", "perf_counter"})
WRITE_METHODS = frozenset({"write_text", "write_bytes", "rename", "symlink_to", "hardlink_to", "touch"})
WRITE_FUNCTIONS = frozenset({
    "os.replace", "os.rename", "os.link", "os.symlink", "shutil.copy", "shutil.copy2", "shutil.copyfile",
    "shutil.copytree", "shutil.move", "tempfile.mkstemp", "tempfile.NamedTemporaryFile",
})
WRITE_FLAGS = frozenset({"O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"})
# Writes that are not a command's output: the evidence builder's scratch copy of a commit
# (in a temporary folder it deletes), and the repository lock's own lock file.
WRITERS_ALLOWED = frozenset({"evidence/tree.py", "repo_lock.py"})


def _name(node: ast.expr) -> str:
    """`os.open` for os.open(...), `write_text` for anything.write_text(...), `open` for open(...)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        owner = node.value.id if isinstance(node.value, ast.Name) else ""
        return f"{owner}.{node.attr}" if owner in {"os", "shutil", "tempfile", "time"} else node.attr
    return ""


def _mode(call: ast.Call) -> str:
    """The mode string of an open() call, where it is a literal."""
    modes = [k.value for k in call.keywords if k.arg == "mode"] + call.args[1:2]
    if isinstance(call.func, ast.Attribute) and call.func.attr == "open":  # path.open(mode)
        modes = [*call.args[:1], *modes]
    return "".join(m.value for m in modes if isinstance(m, ast.Constant) and isinstance(m.value, str))


def writes(tree: ast.AST) -> list[str]:
    """Each call in the tree that creates, changes or moves a file."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in WRITE_METHODS or name in WRITE_FUNCTIONS:
            found.append(name)
        elif name == "os.open":
            if {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)} & WRITE_FLAGS:
                found.append(name)
        elif name.rpartition(".")[2] in {"open", "fdopen"} and set(_mode(node)) & set("wax+"):
            found.append(name)
    return found


def impurities(tree: ast.AST) -> list[str]:
    """What makes code impure here: reaching the world, writing, printing, or reading the clock."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if _worldly(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and _worldly(node.module):
            found.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Call):
            name = _name(node.func)
            if name in IMPURE_CALLS or name.rpartition(".")[2] in CLOCK:
                found.append(f"{name}()")
    return found + writes(tree)


def _worldly(module: str) -> bool:
    return any(module == w or module.startswith(w + ".") for w in WORLD)


def _modules(folder: str) -> list[pytest.ParameterSet]:
    files = sorted((PACKAGE / folder).glob("*.py"))
    return [pytest.param(f, id=f.relative_to(PACKAGE).as_posix()) for f in files if f.name != "__init__.py"]


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@pytest.mark.parametrize("module", _modules("rules"))
def test_rules_read_no_file_run_no_git_print_nothing_and_take_today_from_the_context(module: Path) -> None:
    assert impurities(_tree(module)) == []


@pytest.mark.parametrize("module", _modules("report"))
def test_reporters_are_pure_functions_of_the_result(module: Path) -> None:
    assert impurities(_tree(module)) == []


def test_only_the_atomic_writer_writes_files() -> None:
    found = {
        f"{path.relative_to(PACKAGE).as_posix()}: {call}()"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "atomic.py" and path.relative_to(PACKAGE).as_posix() not in WRITERS_ALLOWED
        for call in writes(_tree(path))
    }
    assert sorted(found) == [], "write through aims_lint/atomic.py instead"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Path('x').write_text('y')", ["write_text"]),
        ("p.open('w')", ["open"]),
        ("open(p, mode='ab')", ["open"]),
        ("os.open(p, os.O_WRONLY | os.O_CREAT)", ["os.open"]),
        ("os.replace(a, b)", ["os.replace"]),
        ("shutil.copy2(a, b)", ["shutil.copy2"]),
        ("open(p, 'rb'); p.open('rb'); os.open(p, os.O_RDONLY); p.read_text()", []),
    ],
)
def test_the_write_scan_finds_writes_and_only_writes(source: str, expected: list[str]) -> None:
    assert writes(ast.parse(source)) == expected


def test_the_purity_scan_finds_the_world_the_clock_and_the_terminal() -> None:
    source = "import subprocess\nfrom pathlib import Path\nfrom aims_lint.atomic import write_atomic\n" \
             "date.today()\nprint(1)\nopen(p).read()\n"
    assert impurities(ast.parse(source)) == [
        "import subprocess", "from pathlib import ...", "from aims_lint.atomic import ...",
        "today()", "print()", "open()",
    ]

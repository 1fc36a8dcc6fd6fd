"""The hostile-input corpus: cases from corpus.yaml, each made into a real repository.

A case writes one hostile file (or link, or named pipe) into a repository that
also holds the base documents and `procedures/planted.md`, a valid document
with one deliberate finding (its owner is not a role). The test then knows
both what the hostile file must produce and that the planted finding is still
there, which proves the run went on past the hostile file.

How a case describes its file (see corpus.yaml for examples):

- `text`, or the file-level `template` changed by `replace` pairs;
- `encoding` (utf-8 by default; latin-1 turns each character into one byte,
  which is how raw bytes are written in YAML) and `eol` (lf, crlf, cr);
- `build: {kind: ..., ...}`: a generated input too large to write out
  (alias bombs, deep nesting, thousands of keys, a file over the size limit);
- `symlink: target` (`{outside}` is a folder beside the repository) or `fifo: true`;
- `files`: more files the case needs; `settings`: `[tool.aims_lint]` values.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import new_repo

HERE = Path(__file__).resolve().parent
HOSTILE = "policies/hostile.md"
PLANTED = "procedures/planted.md"
PLANTED_FINDING = ("AIMS301", 7, 8)
PLANTED_TEXT = """---
id: PRO-001
title: Planted procedure
type: procedure
status: draft
version: "0.1"
owner: ghost-role
approver: top-management
classification: internal
last_reviewed: 2026-01-10
next_review: 2027-01-10
clauses: ["8.1"]
---

A valid procedure with one deliberate finding: its owner is not a role.
"""
Expected = tuple[str, int, int]


@dataclass(frozen=True)
class Case:
    name: str
    covers: str
    spec: dict[str, Any]
    path: str = HOSTILE
    expect: dict[str, list[Expected]] = field(default_factory=dict)
    messages: dict[str, list[str]] = field(default_factory=dict)  # fragments, per path
    count: dict[str, int] = field(default_factory=dict)  # rule -> number of findings on `path`
    ignore: tuple[str, ...] = ()
    bounded: bool = False
    subprocess: bool = False


@cache
def load_corpus() -> tuple[Case, ...]:
    data = yaml.safe_load((HERE / "corpus.yaml").read_text(encoding="utf-8"))
    template = str(data["template"])
    return tuple(_case(entry, template) for entry in data["cases"])


def _case(entry: dict[str, Any], template: str) -> Case:
    path = str(entry.get("path", HOSTILE))
    expect: dict[str, list[Expected]] = {}
    messages: dict[str, list[str]] = {}
    for where, items in {path: entry.get("expect", []), **entry.get("expect_at", {})}.items():
        expect[where] = [(str(i[0]), int(i[1]), int(i[2])) for i in items]
        messages[where] = [str(i[3]) if len(i) > 3 else "" for i in items]
    spec = dict(entry)
    spec.setdefault("template", template)
    return Case(
        name=str(entry["name"]),
        covers=str(entry["covers"]),
        spec=spec,
        path=path,
        expect=expect,
        messages=messages,
        count={str(k): int(v) for k, v in entry.get("count", {}).items()},
        ignore=tuple(entry.get("ignore", ())),
        bounded=bool(entry.get("bounded", False)),
        subprocess=bool(entry.get("subprocess", False)),
    )


def build_repo(case: Case, root: Path) -> Path:
    """The case's repository: base documents, the planted one, the hostile file."""
    spec = case.spec
    outside = root.parent / "outside"
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "doc.md").write_text(PLANTED_TEXT.replace("PRO-001", "PRO-009"), encoding="utf-8")
    new_repo(root, {PLANTED: PLANTED_TEXT, **spec.get("files", {})})
    if spec.get("settings"):
        lines = [f"{key} = {_toml(value)}" for key, value in spec["settings"].items()]
        (root / "pyproject.toml").write_text("[tool.aims_lint]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    target = root / case.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if "symlink" in spec:
        os.symlink(str(spec["symlink"]).replace("{outside}", str(outside)), target)
    elif spec.get("fifo"):
        os.mkfifo(target)
    else:
        target.write_bytes(content(spec))
    return root


def content(spec: dict[str, Any]) -> bytes:
    if "build" in spec:
        return generated(spec["build"])
    text = str(spec["text"]) if "text" in spec else str(spec["template"])
    for old, new in spec.get("replace", []):
        assert str(old) in text, f"replace: {old!r} is not in the text"
        text = text.replace(str(old), str(new), 1)
    eol = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}[spec.get("eol", "lf")]
    text = text.replace("\n", eol)
    return text.encode(spec.get("encoding", "utf-8"))


def generated(build: dict[str, Any]) -> bytes:
    """Inputs too large to write out in the corpus file."""
    kind, n = str(build["kind"]), int(build.get("n", 0))
    head = "---\nid: POL-002\ntitle: Generated\n"
    if kind == "alias-bomb":  # nine references per level: 9**n strings once expanded
        levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, n)]
        return (head + "\n".join(levels) + "\n---\n").encode()
    if kind == "nested-flow":
        opener, closer = str(build["open"]), str(build["close"])
        return (head + "nest: " + opener * n + closer * n + "\n---\n").encode()
    if kind == "unclosed-flow":
        return (head + "nest: " + "[" * n + "\n---\n").encode()
    if kind == "nested-block":
        return (head + "".join("  " * i + f"k{i}:\n" for i in range(n)) + "---\n").encode()
    if kind == "many-keys":
        return (head + "".join(f"k{i}: v\n" for i in range(n)) + "---\n").encode()
    if kind == "many-related":  # one unknown id per entry: a finding each, before the cap
        full = head.replace("title: Generated\n", "title: Generated\ntype: policy\nstatus: draft\n"
                            'version: "0.1"\nowner: aims-manager\napprover: top-management\n')
        return (full + "related: [" + ", ".join(f"POL-{9000 + i}" for i in range(n)) + "]\n---\n").encode()
    if kind == "padded":  # a valid header and a body of n bytes
        return (head + "---\n" + "x" * n + "\n").encode()
    if kind == "late-nul":  # a NUL in the front matter, past the first n bytes
        return (head + f"summary: {'x' * n}\x00\n---\n").encode()
    raise ValueError(f"unknown generated input {kind!r}")


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else f'"{value}"'

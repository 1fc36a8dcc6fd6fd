"""`aims-lint init DIR`: write a blank management system an organisation fills in.

The templates live in the package (`aims_lint/data/init/`, plus the schemas in
`aims_lint/data/schemas/`, kept byte-identical to the project's `schemas/`).
Names starting with `dot-` become dotfiles (`dot-github/` -> `.github/`)
because package-data globs skip hidden files. Existing files are never
overwritten: a non-empty folder is refused unless `force`, and even then only
missing files are written. A folder holding nothing but `.git` counts as
empty: `git init` first is the natural order. Nothing is written through a
symbolic link that leads out of the target folder (say `policies` linked
elsewhere): the run stops with InitError before it writes anything.
`.github/CODEOWNERS` is generated from the new documents, as `aims-lint
codeowners` would, so the `codeowners --check` step of the generated workflow
passes on the first pull request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from aims_lint.atomic import write_atomic
from aims_lint.commands.codeowners import DEFAULT_OUT, render_codeowners
from aims_lint.commands.install_from import InstallSpecError, requirement_line
from aims_lint.config import load_settings
from aims_lint.dates import add_months
from aims_lint.engine import build_context

_DOT = "dot-"
_IGNORED = frozenset({".git"})  # what a folder may already hold and still count as empty
_TEXT_SUFFIXES = (".md", ".yml", ".yaml", ".toml", ".txt")


class InitError(Exception):
    """The target cannot be initialised (not empty, or not a folder)."""


@dataclass
class InitResult:
    created: list[str] = field(default_factory=list)  # repo-relative POSIX paths
    skipped: list[str] = field(default_factory=list)  # existed already, left untouched


def init_repository(
    target: Path, *, today: date, organisation: str, force: bool = False, install_from: str | None = None
) -> InitResult:
    try:
        requirement = requirement_line(install_from)  # before anything is written
    except InstallSpecError as exc:
        raise InitError(str(exc)) from None
    _check_target(target, force)
    organisation = " ".join(organisation.split()) or "Our organisation"  # one line, for titles
    tokens = {
        "{{ today }}": today.isoformat(),
        "{{ next_review }}": add_months(today, 12).isoformat(),
        "{{ organisation }}": organisation,
        "{{ organisation_yaml }}": json.dumps(f"{organisation} AI management system"),
        "{{ aims_lint_requirement }}": requirement,  # .github/aims-lint-requirements.txt
    }
    data = resources.files("aims_lint").joinpath("data")
    files: list[tuple[str, bytes]] = []
    for rel, source in _walk(data.joinpath("init"), ""):
        content = source.read_bytes()
        if rel.endswith(_TEXT_SUFFIXES):
            content = _fill(content.decode("utf-8"), tokens).encode("utf-8")
        files.append((rel, content))
    # verbatim: the schemas are the contract, and `aims-lint new` fills in the templates
    files += [(rel, s.read_bytes()) for rel, s in _walk(data.joinpath("schemas"), "schemas/")]
    files += [(rel, s.read_bytes()) for rel, s in _walk(data.joinpath("templates"), "templates/")]
    _check_links(target, [*(rel for rel, _ in files), DEFAULT_OUT])
    result = InitResult()
    for rel, content in files:
        _write(target, rel, content, result)
    _write(target, DEFAULT_OUT, _codeowners(target, today).encode("utf-8"), result)
    return result


def _codeowners(target: Path, today: date) -> str:
    """CODEOWNERS for the documents just written, from the same code as `aims-lint codeowners`."""
    settings = load_settings(target)
    return render_codeowners(build_context(settings, today).corpus)


def _check_links(target: Path, names: list[str]) -> None:
    """Refuse, before writing anything, a path that a symbolic link leads out of `target`."""
    base = target.resolve()
    for rel in names:
        if not (target / rel).resolve().is_relative_to(base):
            raise InitError(
                f"refusing to write {target / rel}: a symbolic link on its path leads outside {target}"
            )


def _check_target(target: Path, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} exists and is not a folder")
    if target.is_dir() and any(p.name not in _IGNORED for p in target.iterdir()) and not force:
        raise InitError(f"{target} is not empty; use --force to add the missing files (none is overwritten)")


def _walk(folder: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    """(relative path, file) for every file below `folder`, `dot-` names turned into dotfiles."""
    found: list[tuple[str, Traversable]] = []
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        name = "." + item.name[len(_DOT):] if item.name.startswith(_DOT) else item.name
        if item.is_dir() and item.name != "__pycache__":
            found.extend(_walk(item, f"{prefix}{name}/"))
        elif item.is_file() and name != "__init__.py":
            found.append((prefix + name, item))
    return found


def _fill(text: str, tokens: dict[str, str]) -> str:
    for token, value in tokens.items():
        text = text.replace(token, value)
    return text


def _write(target: Path, rel: str, content: bytes, result: InitResult) -> None:
    path = target / rel
    if path.exists() or path.is_symlink():
        result.skipped.append(rel)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(path, content, exclusive=True)  # never over a file that appeared meanwhile
    except FileExistsError:
        result.skipped.append(rel)
        return
    result.created.append(rel)

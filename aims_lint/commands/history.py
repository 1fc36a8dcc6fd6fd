"""`aims-lint history ID|PATH`: one document's revision history, as text or JSON."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from aims_lint.config import Settings
from aims_lint.document import SourceFile
from aims_lint.engine import build_context
from aims_lint.history import load_history
from aims_lint.history.model import FileHistory, Log
from aims_lint.history.render import history_json, history_text
from aims_lint.model import Document


def run_history(settings: Settings, target: str, fmt: str) -> int:
    ctx = build_context(settings, date(1970, 1, 1))  # dates are not judged here
    path, doc_id = _resolve(settings.root, target, ctx.corpus.by_id)
    history = load_history(settings)
    if history.problem is not None:
        click.echo(f"aims-lint: git history is unavailable: {history.problem}", err=True)
        return 1
    file = _lineage(history.log, path)
    if doc_id is None:
        doc_id = next((d.id for s, d in ctx.corpus.typed if s.path == path), None)
    sys.stdout.write((history_json if fmt == "json" else history_text)(file, doc_id))
    return 0


def _lineage(log: Log, path: str) -> FileHistory:
    """The file's history; for a path that no longer exists, the deleted document's."""
    current = log.of(path)
    if current.changes:
        return current
    return next((f for f in log.deleted if path in f.paths), current)


_HINT = "ID|PATH"
Holders = dict[str, list[tuple[SourceFile, Document]]]


def _resolve(root: Path, target: str, by_id: Holders) -> tuple[str, str | None]:
    """A document id, or a path (relative to the current folder or to the repository root)."""
    holders = by_id.get(target)
    if holders:
        paths = sorted(source.path for source, _ in holders)
        if len(paths) > 1:
            users = ", ".join(paths)
            raise click.BadParameter(f"id {target} is used by {users}; give a path", param_hint=_HINT)
        return paths[0], target
    for candidate in (Path.cwd() / target, root / target):
        absolute = candidate.resolve()
        if absolute.is_relative_to(root) and absolute.exists():
            return absolute.relative_to(root).as_posix(), None
    if "/" in target and not target.startswith("/") and ".." not in Path(target).parts:
        return Path(target).as_posix(), None  # gone from the work tree; git may still know it
    raise click.BadParameter(f"'{target}' is neither a document id nor a path in {root}", param_hint=_HINT)

"""`aims-lint history ID|PATH [--as-of DATE]`: one document's revision history as document control
(versions, what each commit changed, how each version was approved), or the version in force on a day."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from aims_lint.approvals import history_report as report
from aims_lint.approvals.describe import Proofs
from aims_lint.approvals.in_force import in_force
from aims_lint.approvals.record import build, prepared
from aims_lint.config import Settings
from aims_lint.document import SourceFile
from aims_lint.engine import build_context
from aims_lint.history import load_history
from aims_lint.history.model import FileHistory, Log
from aims_lint.model import Document


def run_history(settings: Settings, target: str, fmt: str, as_of: date | None = None) -> int:
    ctx = build_context(settings, date(1970, 1, 1))  # dates are not judged here
    path, doc_id = _resolve(settings.root, target, ctx.corpus.by_id)
    history = load_history(settings)
    if history.problem is not None:
        click.echo(f"aims-lint: git history is unavailable: {history.problem}", err=True)
        return 1
    file = _lineage(history.log, path)
    history = prepared(history, ctx.corpus, settings.root, [file])
    if history.problem is not None:
        click.echo(f"aims-lint: {history.problem}", err=True)
        return 1
    if doc_id is None:
        doc_id = next((d.id for s, d in ctx.corpus.typed if s.path == path), None)
    record = build(history, file, ctx.corpus.roles, Proofs.of(history))
    if as_of is not None:
        answer = in_force(record, history.log, as_of)
        text = (report.in_force_json if fmt == "json" else report.in_force_text)(file, answer, doc_id)
    else:
        text = (report.record_json if fmt == "json" else report.record_text)(file, record, doc_id)
    sys.stdout.write(text)
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

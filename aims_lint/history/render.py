"""A document's history as JSON data (for the `history` command and the evidence bundle) or text."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from aims_lint.history.model import FileChange, FileHistory, Signature


def history_data(file: FileHistory, doc_id: str | None = None) -> dict[str, Any]:
    return {
        "path": file.path,
        "id": doc_id,
        "previous_paths": list(file.previous_paths),
        "created": _iso(file.created),
        "last_changed": _iso(file.last_changed),
        "commits": [_entry(fc) for fc in file.changes],
    }


def history_json(file: FileHistory, doc_id: str | None = None) -> str:
    return json.dumps(history_data(file, doc_id), indent=2, ensure_ascii=False) + "\n"


def history_text(file: FileHistory, doc_id: str | None = None) -> str:
    head = f"{doc_id}  {file.path}" if doc_id else file.path
    lines = [_visible(head)]
    if file.previous_paths:
        lines.append("  formerly: " + _visible(", ".join(file.previous_paths)))
    if not file.changes:
        lines.append("  not committed yet: no history")
        return "\n".join(lines) + "\n"
    created, changed = file.changes[-1].commit.day, file.changes[0].commit.day
    lines.append(f"  created {created}, last changed {changed}, {len(file.changes)} commit(s)")
    lines.append("")
    for entry in file.changes:
        lines.extend(_entry_text(entry))
    return "\n".join(lines) + "\n"


def _entry(fc: FileChange) -> dict[str, Any]:
    commit, change = fc.commit, fc.change
    return {
        "sha": commit.sha,
        "short_sha": commit.short_sha,
        "parents": list(commit.parents),
        "author": _signature(commit.author),
        "committer": _signature(commit.committer),
        "subject": commit.subject,
        "trailers": [{"key": k, "value": v} for k, v in commit.trailers],
        "pull_request": commit.pr,
        "change": {"status": change.status, "path": change.path, "old_path": change.old_path},
    }


def _entry_text(fc: FileChange) -> list[str]:
    commit, change = fc.commit, fc.change
    pr = f"  (#{commit.pr})" if commit.pr and f"#{commit.pr}" not in commit.subject else ""
    lines = [f"  {commit.day}  {commit.short_sha}  {_visible(str(commit.author.person))}  "
             f"{_visible(commit.subject)}{pr}"]
    indent = " " * 25
    if change.status == "R" and change.old_path:
        lines.append(f"{indent}renamed from {_visible(change.old_path)}")
    if commit.is_merge:
        lines.append(f"{indent}merge: brought this change into the main line")
    lines.extend(f"{indent}{_visible(k)}: {_visible(v)}" for k, v in commit.trailers)
    return lines


def _signature(sig: Signature) -> dict[str, str]:
    return {"name": sig.person.name, "email": sig.person.email, "date": sig.when.isoformat()}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _visible(value: str) -> str:
    """Control characters from commit messages or names shown escaped: one entry stays
    on its lines and a message cannot drive the reader's terminal."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in value)

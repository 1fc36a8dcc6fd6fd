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
        "commits": [entry_data(fc) for fc in file.changes],
    }


def history_json(file: FileHistory, doc_id: str | None = None) -> str:
    return json.dumps(history_data(file, doc_id), indent=2, ensure_ascii=False) + "\n"


def history_text(file: FileHistory, doc_id: str | None = None) -> str:
    lines = header_lines(file, doc_id)
    for entry in file.changes:
        lines.extend(entry_text(entry))
    return "\n".join(lines) + "\n"


def header_lines(file: FileHistory, doc_id: str | None = None) -> list[str]:
    """The document, its former names and its span; a blank line closes it when commits follow."""
    head = f"{doc_id}  {file.path}" if doc_id else file.path
    lines = [visible(head)]
    if file.previous_paths:
        lines.append("  formerly: " + visible(", ".join(file.previous_paths)))
    if not file.changes:
        lines.append("  not committed yet: no history")
        return lines
    created, changed = file.changes[-1].commit.day, file.changes[0].commit.day
    return [*lines, f"  created {created}, last changed {changed}, {len(file.changes)} commit(s)", ""]


def entry_data(fc: FileChange) -> dict[str, Any]:
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


INDENT = " " * 25  # under the subject of an entry's first line


def entry_text(fc: FileChange, version: str | None = None) -> list[str]:
    """One commit: day, id, (the document's version after it,) author, subject; then renames,
    merges and trailers, indented."""
    commit, change = fc.commit, fc.change
    pr = f"  (#{commit.pr})" if commit.pr and f"#{commit.pr}" not in commit.subject else ""
    shown = f"v{visible(version)}  " if version else ""
    lines = [f"  {commit.day}  {commit.short_sha}  {shown}{visible(str(commit.author.person))}  "
             f"{visible(commit.subject)}{pr}"]
    if change.status == "R" and change.old_path:
        lines.append(f"{INDENT}renamed from {visible(change.old_path)}")
    if commit.is_merge:
        lines.append(f"{INDENT}merge: brought this change into the main line")
    lines.extend(f"{INDENT}{visible(k)}: {visible(v)}" for k, v in commit.trailers)
    return lines


def _signature(sig: Signature) -> dict[str, str]:
    return {"name": sig.person.name, "email": sig.person.email, "date": sig.when.isoformat()}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def visible(value: str) -> str:
    """Control characters from commit messages or names shown escaped: one entry stays
    on its lines and a message cannot drive the reader's terminal."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in value)

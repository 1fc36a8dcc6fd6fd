"""A document's history as document control, as text or JSON: the `history` command and the bundle.

The commit list of `history/render.py` (who, when, which commit, the
trailers) with what `approvals.record` adds to each commit: the version the
document had after it, whether it changed the content (and if not, what it
did: a rename, a review, an approval, front matter alone), and for each
approved version the evidence and the sentence saying how it was approved.
`--as-of DATE` answers with the version in force on that day instead.
Untrusted text (names, subjects, trailers) is shown with control characters
escaped (`history.render.visible`), as the plain history is.
"""

from __future__ import annotations

import json
from typing import Any

from aims_lint.approvals import describe
from aims_lint.approvals.in_force import InForce
from aims_lint.approvals.record import DocumentRecord
from aims_lint.history.model import FileHistory
from aims_lint.history.render import INDENT, entry_text, header_lines, history_data, visible


def record_data(file: FileHistory, record: DocumentRecord, doc_id: str | None = None) -> dict[str, Any]:
    data = history_data(file, doc_id)
    for entry, row in zip(data["commits"], record.rows, strict=False):
        entry["version"] = row.version
        entry["status"] = row.status
        entry["content"] = {"kind": row.kind, "changed": row.content_changed, "fields": list(row.fields),
                            "note": row.note}
        entry["approval"] = describe.data(row.approval) if row.approval is not None else None
    data["approvals"] = [describe.data(ev) for ev in record.approvals]
    return data


def record_json(file: FileHistory, record: DocumentRecord, doc_id: str | None = None) -> str:
    return _json(record_data(file, record, doc_id))


def record_text(file: FileHistory, record: DocumentRecord, doc_id: str | None = None) -> str:
    lines = header_lines(file, doc_id)
    for fc, row in zip(file.changes, record.rows, strict=False):
        entry = entry_text(fc, row.version)
        if row.kind == "renamed":  # the note says it, with "content unchanged"
            entry = [line for line in entry if not line.startswith(f"{INDENT}renamed from ")]
        lines.extend(entry)
        if row.note:
            lines.append(INDENT + visible(row.note))
        if row.approval is not None:
            lines.append(f"{INDENT}how approved: {visible(describe.how(row.approval))}")
    return "\n".join(lines) + "\n"


def in_force_data(file: FileHistory, answer: InForce, doc_id: str | None = None) -> dict[str, Any]:
    return {
        "path": file.path, "id": doc_id, "as_of": answer.day.isoformat(), "answer": answer.reason,
        "in_force": describe.data(answer.evidence) if answer.evidence is not None else None,
        "pending": describe.data(answer.pending) if answer.pending is not None else None,
    }


def in_force_json(file: FileHistory, answer: InForce, doc_id: str | None = None) -> str:
    return _json(in_force_data(file, answer, doc_id))


def in_force_text(file: FileHistory, answer: InForce, doc_id: str | None = None) -> str:
    head = f"{doc_id}  {file.path}" if doc_id else file.path
    lines = [visible(head), f"  {visible(answer.reason)}"]
    if answer.pending is not None:
        lines.append(f"  approved by then, not yet in effect: {visible(describe.how(answer.pending))}")
    return "\n".join(lines) + "\n"


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

"""Generated Markdown for the site: the metadata table and the home page."""

from __future__ import annotations

import posixpath
from datetime import date, timedelta

from aims_lint.document import SourceFile
from aims_lint.model import Document, Record
from aims_lint.site import escape

_TYPE_TITLES = {
    "policy": "Policies",
    "soa": "Statement of Applicability",
    "roles": "Roles",
    "procedure": "Procedures",
    "record": "Records",
}


def metadata_table(doc: Document, today: date) -> str:
    rows: list[tuple[str, object]] = [
        ("Id", doc.id),
        ("Type", doc.type if not isinstance(doc, Record) else f"record ({doc.record_kind})"),
        ("Status", doc.status),
        ("Version", doc.version),
        ("Owner", doc.owner),
        ("Approver", doc.approver),
        ("Approved on", doc.approved_on),
        ("Effective from", doc.effective_on),
        ("Last reviewed", doc.last_reviewed),
        ("Next review", _review_state(doc, today)),
        ("Classification", doc.classification),
        ("Clauses", ", ".join(doc.clauses)),
        ("Controls", ", ".join(doc.controls)),
        ("Related", ", ".join(doc.related)),
    ]
    lines = ["| Field | Value |", "|---|---|"]
    lines.extend(
        f"| {name} | {escape.text(value)} |" for name, value in rows if value not in (None, "")
    )
    return "\n".join(lines)


def _review_state(doc: Document, today: date) -> str | None:
    if doc.next_review is None:
        return None
    if doc.status == "approved" and doc.next_review < today:
        return f"{doc.next_review} (overdue)"
    if doc.status == "approved" and doc.next_review <= today + timedelta(days=30):
        return f"{doc.next_review} (due soon)"
    return str(doc.next_review)


def home(published: list[tuple[SourceFile, Document]], today: date) -> str:
    lines = [
        "# AI management system",
        "",
        f"{len(published)} controlled documents and records, as of {today}.",
        "",
    ]
    for doc_type, heading in _TYPE_TITLES.items():
        group = [(s, d) for s, d in published if d.type == doc_type]
        if not group:
            continue
        lines += [
            f"## {heading}",
            "",
            "| Id | Title | Status | Owner | Next review |",
            "|---|---|---|---|---|",
        ]
        for source, doc in group:
            link = posixpath.relpath(source.path, ".")
            lines.append(
                f"| {escape.text(doc.id)} | [{escape.text(doc.title)}]({link}) | {escape.text(doc.status)} "
                f"| {escape.text(doc.owner)} | {escape.text(doc.next_review or '')} |"
            )
        lines.append("")
    return "\n".join(lines)

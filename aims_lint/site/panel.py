"""The metadata panel at the top of every document page.

One table an auditor reads in ten seconds: what the document is, whether it is
approved and current, who owns and approves it (role and the person holding
it), and what it addresses: its clauses and controls of ISO/IEC 42001, then
a row for each other framework it cites (`Controls (NIST AI RMF 1.0)`), and
one for ids whose prefix names no framework. Every value is escaped; ids
become links only to pages that exist in this build. Written as HTML (see
`html.py` for why).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aims_lint import escape
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, FRAMEWORKS, parse
from aims_lint.model import Document, Record
from aims_lint.site import history_table, html
from aims_lint.site.context import SiteContext

BADGES = {
    "overdue": '<span class="aims-badge aims-badge--overdue">overdue</span>',
    "due-soon": '<span class="aims-badge aims-badge--due-soon">due soon</span>',
}
# Kind-specific record fields that hold document ids, shown as links.
# Fields whose values are document ids: shown as links, a withheld one left out (panel and register).
ID_FIELDS = frozenset({
    "related", "assesses", "systems", "supersedes", "superseded_by",
    "suppliers", "assessments", "systems_in_scope",  # doctypes.REFERENCE_FIELDS
})
# Fields whose values are clause or control ids (an audit's scope): linked like `clauses` and `controls`.
CATALOG_FIELDS = frozenset({"scope_clauses", "scope_controls", "deferred"})


def panel(ctx: SiteContext, page: str, doc: Document, path: str = "") -> str:
    """The panel as an admonition holding a two-column table; `path` (the document's own) adds
    what git holds of the current approval."""
    rows = [[name, value] for name, value in _rows(ctx, page, doc) if value]
    if path:
        index = next((i for i, row in enumerate(rows) if row[0] == "Approved on"), len(rows) - 1)
        rows.insert(index + 1, ["Approval in git", history_table.current_approval(ctx, path, doc)])
        rows = [row for row in rows if row[1]]
    return html.admonition("abstract", "Document control", html.table([], rows), "aims-panel")


def _rows(ctx: SiteContext, page: str, doc: Document) -> list[tuple[str, str]]:
    kind = f"record: {doc.record_kind}" if isinstance(doc, Record) else doc.type
    rows = [
        ("Id", html.esc(doc.id)),
        ("Type", html.esc(kind)),
        ("Status", f"<strong>{html.esc(doc.status)}</strong>"),
        ("Version", html.esc(doc.version)),
        ("Owner", role_label(ctx, doc.owner)),
        ("Approver", role_label(ctx, doc.approver)),
        ("Approved on", html.esc(doc.approved_on)),
        ("Effective from", html.esc(doc.effective_on)),
        ("Last reviewed", html.esc(doc.last_reviewed)),
        ("Next review", next_review(ctx, doc)),
        ("Review cycle", f"{doc.review_cycle_months} months" if doc.review_cycle_months else ""),
        ("Classification", html.esc(doc.classification)),
    ]
    if isinstance(doc, Record):
        rows.append(("Event date", html.esc(doc.event_date)))
        rows.append(("Retention", f"{doc.retention_years} years" if doc.retention_years else ""))
    rows += cited_rows(ctx, page, "Clauses", doc.clauses, html.clause)
    rows += cited_rows(ctx, page, "Controls", doc.controls, html.control)
    rows += [("Related", html.docs(ctx, page, doc.related))]
    rows += extra_rows(ctx, page, doc)
    return rows


def cited_rows(
    ctx: SiteContext, page: str, label: str, values: list[str], own: Callable[[SiteContext, str, str], str]
) -> list[tuple[str, str]]:
    """One row per framework among the ids of `clauses` or `controls`, in the table's order:
    ISO/IEC 42001's under `label` (linked by `own`, as before other frameworks existed), each
    other one's under `label (its title)`, unknown prefixes last, as written."""
    by_framework: dict[str | None, list[str]] = {}
    for text in values:
        if isinstance(text, str):
            cited = parse(text)
            by_framework.setdefault(cited.framework, []).append(text)
    ours = [own(ctx, page, c) if parse(c).prefix is None else
            html.item(ctx, page, DEFAULT_FRAMEWORK, parse(c).local, c)
            for c in by_framework.pop(DEFAULT_FRAMEWORK, [])]
    rows = [(label, ", ".join(ours))]
    for row in FRAMEWORKS:
        shown = [html.item(ctx, page, row.id, parse(t).local, t) for t in by_framework.pop(row.id, [])]
        if shown:
            rows.append((html.esc(f"{label} ({row.title})"), ", ".join(shown)))
    unknown = by_framework.pop(None, [])
    if unknown:
        rows.append((html.esc(f"{label} (unknown framework)"), ", ".join(html.esc(t) for t in unknown)))
    return rows


def role_label(ctx: SiteContext, role_id: str | None) -> str:
    """A role by title and id, with the person who holds it (or 'vacant')."""
    if not role_id:
        return ""
    role = ctx.roles.get(role_id)
    if role is None:
        return html.esc(role_id) if ctx.role_withheld(role_id) else f"{html.esc(role_id)} (unknown role)"
    holder = role.holder.name if role.holder and role.holder.name else None
    held = f", held by {html.esc(holder)}" if holder else " (vacant)"
    return f"{html.esc(role.title)} ({html.esc(role.id)}){held}"


def next_review(ctx: SiteContext, doc: Document) -> str:
    if doc.next_review is None:
        return ""
    state = ctx.review_state(doc)
    badge = f" {BADGES[state]}" if state else ""
    return f"{html.esc(doc.next_review)}{badge}"


def extra_rows(ctx: SiteContext, page: str, doc: Document) -> list[tuple[str, str]]:
    """The organisation's own fields and kind-specific record fields, shown as they are.

    Lists of mappings (corrective actions) get their own table below the panel.
    """
    rows = []
    for key, value in sorted((doc.model_extra or {}).items()):
        if _is_table(value):
            continue
        label = html.esc(key.replace("_", " ").capitalize())
        rows.append((label, _value(ctx, page, key, value)))
    return rows


def extra_tables(doc: Document) -> str:
    """Lists of mappings among the extra fields, one table each (e.g. corrective actions)."""
    parts = []
    for key, value in sorted((doc.model_extra or {}).items()):
        if not _is_table(value):
            continue
        columns = list(dict.fromkeys(k for item in value for k in item))
        header = [html.esc(c.replace("_", " ")) for c in columns]
        rows = [[html.esc(_scalar(item.get(c))) for c in columns] for item in value]
        title = key.replace("_", " ").capitalize()
        parts += [f"## {escape.text(title)}", "", html.table(header, rows), ""]
    return "\n".join(parts)


def _is_table(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _value(ctx: SiteContext, page: str, key: str, value: Any) -> str:
    if isinstance(value, list) and key in ID_FIELDS:
        return html.docs(ctx, page, [str(v) for v in value])
    if isinstance(value, list) and key in CATALOG_FIELDS:
        return ", ".join(_catalog_id(ctx, page, str(v)) for v in value)
    if isinstance(value, list):
        return ", ".join(html.esc(_scalar(v)) for v in value)
    return html.esc(_scalar(value))


def _catalog_id(ctx: SiteContext, page: str, text: str) -> str:
    """A clause or control id of an audit's scope: 42001's as before, another framework's linked
    to its section's page (`ISO27001:A.5.1`), an unknown prefix as written."""
    cited = parse(text)
    if cited.prefix is None:
        return (html.control if text.startswith("A.") else html.clause)(ctx, page, text)
    if cited.framework is None:
        return html.esc(text)
    return html.item(ctx, page, cited.framework, cited.local, text)


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_scalar(v)}" for k, v in value.items())
    return str(value)

"""The home page and the document register (the master list of controlled documents)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from aims_lint import escape
from aims_lint.doctypes import LEGACY
from aims_lint.document import SourceFile
from aims_lint.model import Document, Record
from aims_lint.site import framework_pages, framework_readiness, soa_page
from aims_lint.site.context import SiteContext
from aims_lint.site.docpage import front_matter
from aims_lint.site.page_names import section_page
from aims_lint.site.panel import BADGES, ID_FIELDS

_START = (
    ("dashboard.md", "Dashboard", "overdue reviews, open nonconformities, recent changes"),
    (
        "soa.md",
        "Statement of Applicability",
        "every Annex A control, its decision and implementing documents",
    ),
    ("controls/index.md", "Annex A controls", "each control traced to documents and records"),
    ("clauses/index.md", "Clauses 4 to 10", "each requirement traced to documents and records"),
    ("documents.md", "Document register", "every controlled document and record with its status"),
    ("inventory.md", "AI system inventory", "the AI systems in scope and their assessments"),
    ("readiness.md", "Readiness", "gap assessment and certification readiness"),
)


def home_page(ctx: SiteContext) -> str:
    return home(ctx, _site_name(ctx.settings.root))


def _site_name(root: Path) -> str:
    """The site name from mkdocs.yml, for the home page heading (escaped where it is used)."""
    try:
        data = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "AI management system"
    name = data.get("site_name") if isinstance(data, dict) else None
    return name if isinstance(name, str) and name.strip() else "AI management system"


def home(ctx: SiteContext, site_name: str = "AI management system") -> str:
    docs = [d for _, d in ctx.published]
    records = sum(1 for d in docs if isinstance(d, Record))
    lines = [
        front_matter("Home"),
        f"# {escape.text(site_name)}",
        "",
        f"{len(docs) - records} controlled documents and {records} records, as of {ctx.today.isoformat()}. "
        "Every document page shows its control data (owner, approver, version, status, review dates) "
        "and its revision history from git.",
        "",
        "## Start here",
        "",
    ]
    lines += [f"- [{title}]({page}): {what}" for page, title, what in _START]
    scope = _scope(ctx)
    if scope:
        lines += [f"- {scope}: what the management system covers"]
    lines += _frameworks(ctx)
    return "\n".join([*lines, ""])


def _frameworks(ctx: SiteContext) -> list[str]:
    """The sections of the other configured frameworks (`framework_pages.py`); none with 42001 alone."""
    if not ctx.sections:
        return []
    lines = ["", "## Frameworks", "", "The pages above are those of ISO/IEC 42001. Each other framework the "
             "management system answers to has its own section:", ""]
    for fw in ctx.sections:
        catalog = ctx.catalogs[fw]
        parts = [f"[{escape.text(catalog.title)}]({section_page(fw)})"]
        if soa_page.page_of(fw) != soa_page.PAGE and framework_pages.certifiable(fw):
            parts.append(f"[Statement of Applicability]({soa_page.page_of(fw)})")
        parts.append(f"[readiness]({framework_readiness.page_of(fw)})")
        lines.append(f"- {parts[0]}: " + ", ".join(parts[1:]))
    return lines


def _scope(ctx: SiteContext) -> str | None:
    for source, doc in ctx.published:
        if "4.3" in doc.clause_ids() and not isinstance(doc, Record):
            return ctx.page_link("index.md", source, doc)
    return None


@dataclass(frozen=True)
class Group:
    """One type's part of the register: its heading and columns come from its schema."""

    doc_type: str
    heading: str
    columns: tuple[str, ...]
    rows: list[tuple[SourceFile, Document]]


def register(ctx: SiteContext) -> str:
    page = "documents.md"
    lines = [
        front_matter("Document register", wide=True),
        "# Document register",
        "",
        '<div class="aims-filter" data-columns="Status"></div>',
        "",
    ]
    for group in groups(ctx.published):
        lines += [
            f"## {escape.text(group.heading)}",
            "",
            "| " + " | ".join(_header(c) for c in group.columns) + " |",
            "|" + "---|" * len(group.columns),
        ]
        for source, doc in group.rows:
            cells = [_cell(ctx, page, source, doc, column) for column in group.columns]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def groups(published: list[tuple[SourceFile, Document]]) -> list[Group]:
    """One group per type that has documents: the built-in types first, in their usual
    order (doctypes.LEGACY), then every other type by name. A type's heading and columns
    are its schema's `site_section` and `register_columns`."""
    found: dict[str, Group] = {}
    for source, doc in published:
        if doc.type not in found:
            schema = source.schema if source.schema is not None and source.schema.type == doc.type else None
            heading = schema.site_section if schema and schema.site_section else doc.type.capitalize()
            columns = schema.register_columns if schema and schema.register_columns else ("id", "title")
            found[doc.type] = Group(doc.type, heading, columns, [])
        found[doc.type].rows.append((source, doc))
    order = {name: index for index, name in enumerate(LEGACY)}
    return sorted(found.values(), key=lambda g: (order.get(g.doc_type, len(order)), g.doc_type))


def _header(column: str) -> str:
    return escape.text(column.replace("_", " ").capitalize())


def _cell(ctx: SiteContext, page: str, source: SourceFile, doc: Document, column: str) -> str:
    if column == "title":
        return ctx.page_link(page, source, doc)
    value = getattr(doc, column, None)
    if value is None:
        value = source.data.get(column)
    if column in ID_FIELDS and isinstance(value, list):
        # As the panel shows them: links to published documents, a withheld one left out.
        return ctx.doc_links(page, [str(v) for v in value])
    shown = escape.text(_plain(_published(ctx, source, value)))
    if column == "next_review":
        state = ctx.review_state(doc)
        shown += f" {BADGES[state]}" if state else ""
    return shown


def _published(ctx: SiteContext, source: SourceFile, value: object) -> object:
    """A column's value without what names a withheld document: a register column may be any
    field (`related`, `assesses`, one of the organisation's own), so it is redacted as a body is."""
    if isinstance(value, (list, tuple)):
        return [item for item in value if not _withheld(ctx, source, item)]
    return ctx.withheld_note if _withheld(ctx, source, value) else value


def _withheld(ctx: SiteContext, source: SourceFile, value: object) -> bool:
    if isinstance(value, (list, tuple)):
        return any(_withheld(ctx, source, item) for item in value)
    text = _plain(value)
    return bool(text) and (ctx.withholds(text, source.path) or ctx.names_withheld(text))


def _plain(value: object) -> str:
    """A field's value as one line of text: lists joined, dates as written, nothing for none."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value)
    return str(value)

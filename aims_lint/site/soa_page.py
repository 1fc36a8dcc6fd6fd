"""The Statement of Applicability as one filterable table: every Annex A control, one row each.

Rows follow the catalog, not the SoA file, so a control the SoA forgot still
appears (as undecided) and the table always has one row per control. Each
certifiable framework has its table: ISO/IEC 42001's at `soa.md`, another's
in its section (`frameworks/iso27001-2022/soa.md`), from that framework's SoA
in force (`SiteContext.soas`). An entry decided "the same as" a 42001
control (`same_as`) links that control beside its implementing documents.
"""

from __future__ import annotations

from typing import Any

from aims_lint import escape
from aims_lint.catalog import DEFAULT_FRAMEWORK, Catalog, Control
from aims_lint.site.context import SiteContext, control_page, rel
from aims_lint.site.docpage import front_matter
from aims_lint.site.page_names import section_page
from aims_lint.soa import Entry, Soa

PAGE = "soa.md"
FILTER = '<div class="aims-filter" data-columns="Applicable,Status"></div>'
TITLE = "Statement of Applicability"


def soa_page(ctx: SiteContext) -> str:
    return soa_table(ctx, DEFAULT_FRAMEWORK)


def page_of(framework: str) -> str:
    return PAGE if framework == DEFAULT_FRAMEWORK else section_page(framework, PAGE)


def title_of(ctx: SiteContext, framework: str) -> str:
    return TITLE if framework == DEFAULT_FRAMEWORK else f"{TITLE}: {catalog_of(ctx, framework).title}"


def catalog_of(ctx: SiteContext, framework: str) -> Catalog:
    return ctx.catalog if framework == DEFAULT_FRAMEWORK else ctx.catalogs[framework]


def soa_of(ctx: SiteContext, framework: str) -> Soa | None:
    return ctx.soa if framework == DEFAULT_FRAMEWORK else ctx.soas.get(framework)


def soa_table(ctx: SiteContext, framework: str) -> str:
    """The table of one certifiable framework (configured, with a catalog: `ctx.catalogs`)."""
    soa, catalog, page = soa_of(ctx, framework), catalog_of(ctx, framework), page_of(framework)
    title = title_of(ctx, framework)
    lines = [front_matter(title, wide=True), f"# {escape.text(title)}", ""]
    lines += [_intro(ctx, soa, catalog, page), "", FILTER, ""]
    lines += [
        "| Control | Title | Applicable | Justification | Status | Implemented by |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        _row(ctx, page, framework, control, soa.decision(control.id) if soa else None, soa)
        for control in catalog.controls
    ]
    return "\n".join([*lines, ""])


def _intro(ctx: SiteContext, soa: Soa | None, catalog: Catalog, page: str) -> str:
    count = len(catalog.controls)
    if soa is None:
        return (f"No Statement of Applicability is published in this build; "
                f"the {count} Annex A controls are listed undecided.")
    doc = soa.source.model
    link = ctx.page_link(page, soa.source, doc) if doc else escape.text(soa.source.path)
    version = f", version {escape.text(doc.version)}" if doc and doc.version else ""
    approved = f", approved on {doc.approved_on}" if doc and doc.approved_on else ""
    return (
        f"Decisions for all {count} Annex A controls from {link} "
        f"(status **{escape.text(soa.status)}**{version}{approved}). "
        "Type in the box or pick a value to filter the rows."
    )


def applicability(entry: Entry | None) -> str:
    if entry is None or entry.applicable is None:
        return "undecided"
    return "yes" if entry.applicable else "no"


def _row(
    ctx: SiteContext, page: str, framework: str, control: Control, entry: Entry | None, soa: Soa | None
) -> str:
    justification = ""
    status = "not stated"
    implemented = ""
    if entry is not None:
        reasons = ", ".join(entry.reasons)
        justification = escape.text(f"{reasons}: {entry.justification}" if reasons else entry.justification)
        implementation, by = effective(ctx, soa, entry)
        status = implementation or ("not applicable" if entry.applicable is False else "not stated")
        implemented = ", ".join(filter(None, [ctx.doc_links(page, by), same_as_link(ctx, page, soa, entry)]))
    link = ctx.control_link(page, control.id) if framework == DEFAULT_FRAMEWORK else (
        ctx.item_link(page, framework, control.id))
    return (
        f"| {link} | {escape.text(control.title)} | {applicability(entry)} "
        f"| {justification} | {escape.text(status)} | {implemented} |"
    )


def same_as(soa: Soa | None, entry: Entry) -> str | None:
    """The ISO/IEC 42001 control an entry is decided with (`same_as`), if it names one."""
    value: Any = getattr(entry, "same_as", None)
    if value is None and soa is not None and "same_as" in entry.has:
        raw = soa.source.data.get("entries")
        item = raw[entry.index] if isinstance(raw, list) and entry.index < len(raw) else None
        value = item.get("same_as") if isinstance(item, dict) else None
    return value.removeprefix("ISO42001:") if isinstance(value, str) and value.strip() else None


def effective(ctx: SiteContext, soa: Soa | None, entry: Entry) -> tuple[str | None, tuple[str, ...]]:
    """An entry's implementation and implementing documents: its own, or, for an entry decided
    `same_as` a 42001 control without stating them, those of the 42001 SoA's entry for it."""
    control = same_as(soa, entry)
    shared = ctx.soa.decision(control) if control and ctx.soa and soa is not ctx.soa else None
    if shared is None:
        return entry.implementation, entry.implemented_by
    return entry.implementation or shared.implementation, entry.implemented_by or shared.implemented_by


def same_as_link(ctx: SiteContext, page: str, soa: Soa | None, entry: Entry) -> str:
    """The words "same as ISO/IEC 42001 A.x.y", the control linked when 42001 knows it; "" without one."""
    control = same_as(soa, entry)
    if control is None:
        return ""
    if ctx.catalog.control(control) is None:
        return f"same as ISO/IEC 42001 {escape.text(control)}"
    return f"same as ISO/IEC 42001 [{escape.text(control)}]({rel(page, control_page(control))})"

"""The Statement of Applicability as one filterable table: every Annex A control, one row each.

Rows follow the catalog, not the SoA file, so a control the SoA forgot still
appears (as undecided) and the table always has one row per control.
"""

from __future__ import annotations

from aims_lint import escape
from aims_lint.catalog import Control
from aims_lint.site.context import SiteContext
from aims_lint.site.docpage import front_matter
from aims_lint.soa import Entry, Soa

PAGE = "soa.md"
FILTER = '<div class="aims-filter" data-columns="Applicable,Status"></div>'


def soa_page(ctx: SiteContext) -> str:
    soa = ctx.soa
    lines = [front_matter("Statement of Applicability", wide=True), "# Statement of Applicability", ""]
    lines += [_intro(ctx, soa), "", FILTER, ""]
    lines += [
        "| Control | Title | Applicable | Justification | Status | Implemented by |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        _row(ctx, control, soa.decision(control.id) if soa else None) for control in ctx.catalog.controls
    ]
    return "\n".join([*lines, ""])


def _intro(ctx: SiteContext, soa: Soa | None) -> str:
    count = len(ctx.catalog.controls)
    if soa is None:
        return (f"No Statement of Applicability is published in this build; "
                f"the {count} Annex A controls are listed undecided.")
    doc = soa.source.model
    link = ctx.page_link(PAGE, soa.source, doc) if doc else escape.text(soa.source.path)
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


def _row(ctx: SiteContext, control: Control, entry: Entry | None) -> str:
    justification = ""
    status = "not stated"
    implemented = ""
    if entry is not None:
        reasons = ", ".join(entry.reasons)
        justification = escape.text(f"{reasons}: {entry.justification}" if reasons else entry.justification)
        status = entry.implementation or ("not applicable" if entry.applicable is False else "not stated")
        implemented = ctx.doc_links(PAGE, entry.implemented_by)
    return (
        f"| {ctx.control_link(PAGE, control.id)} | {escape.text(control.title)} | {applicability(entry)} "
        f"| {justification} | {escape.text(status)} | {implemented} |"
    )

"""The AI system inventory: one row per AI system record, with its latest assessments."""

from __future__ import annotations

from aims_lint import escape, inventory
from aims_lint.doctypes import AI_SYSTEM, IMPACT_ASSESSMENT, RISK_ASSESSMENT, SUPPLIER_ASSESSMENT
from aims_lint.model import Record
from aims_lint.site.context import SiteContext
from aims_lint.site.docpage import front_matter

PAGE = "inventory.md"
ASSESSMENTS = (
    (IMPACT_ASSESSMENT, "Impact assessment"),
    (RISK_ASSESSMENT, "Risk assessment"),
    (SUPPLIER_ASSESSMENT, "Supplier assessment"),
)


def inventory_page(ctx: SiteContext) -> str:
    systems = published_systems(ctx)
    lines = [front_matter("AI system inventory", wide=True), "# AI system inventory", ""]
    if not systems:
        return "\n".join([*lines, "No AI system is recorded in this build.", ""])
    in_scope = sum(1 for d in systems if inventory.extra(d, "in_scope") is True)
    lines += [f"{len(systems)} AI system(s), {in_scope} in the scope of the management system.", ""]
    header = [
        "System",
        "Owner",
        "Stage",
        "Risk",
        "Sourcing",
        "In scope",
        *(label for _, label in ASSESSMENTS),
    ]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += [_row(ctx, doc) for doc in systems]
    return "\n".join([*lines, ""])


def published_systems(ctx: SiteContext) -> list[Record]:
    return [d for _, d in inventory.records(ctx.corpus, AI_SYSTEM)]


def _row(ctx: SiteContext, doc: Record) -> str:
    sourcing = inventory.extra(doc, "sourcing")
    supplier = inventory.extra(doc, "supplier")
    if supplier:
        sourcing = f"{sourcing} ({supplier})"
    in_scope = inventory.extra(doc, "in_scope")
    cells = [
        ctx.doc_link(PAGE, doc.id, with_title=True) or "",
        escape.text(doc.owner),
        escape.text(inventory.extra(doc, "lifecycle_stage")),
        escape.text(inventory.extra(doc, "risk_level")),
        escape.text(sourcing),
        "yes" if in_scope is True else "no" if in_scope is False else "",
        *(_latest(ctx, kind, doc.id) for kind, _ in ASSESSMENTS),
    ]
    return "| " + " | ".join(cells) + " |"


def _latest(ctx: SiteContext, kind: str, system_id: str) -> str:
    found = inventory.latest(inventory.assessing(inventory.records(ctx.corpus, kind), system_id))
    if found is None:
        return "none"
    link = ctx.doc_link(PAGE, found[1].id) or ""
    return f"{link} ({escape.text(found[1].event_date)})"

"""Traceability: one page per clause and per Annex A control, down to documents and records.

An auditor samples a control, reads the SoA decision, then follows it to the
policies and procedures that implement it and the records that prove it runs.
"""

from __future__ import annotations

from aims_lint import escape
from aims_lint.catalog import DEFAULT_FRAMEWORK, Clause, Control
from aims_lint.document import SourceFile
from aims_lint.model import Document, Record
from aims_lint.site.context import SiteContext, clause_page, control_page
from aims_lint.site.crosswalk_section import neighbour_lines
from aims_lint.site.docpage import front_matter
from aims_lint.site.soa_page import applicability, effective, same_as_link
from aims_lint.soa import Soa

Pair = tuple[SourceFile, Document]


def control_pages(ctx: SiteContext) -> dict[str, str]:
    pages = {control_page(c.id): control_text(ctx, c) for c in ctx.catalog.controls}
    pages["controls/index.md"] = controls_index(ctx)
    return pages


def clause_pages(ctx: SiteContext) -> dict[str, str]:
    pages = {clause_page(c.id): clause_text(ctx, c) for c in ctx.catalog.clauses}
    pages["clauses/index.md"] = clauses_index(ctx)
    return pages


def addressing_control(ctx: SiteContext, control_id: str) -> list[Pair]:
    return ctx.by_control.get(control_id, [])


def addressing_clause(ctx: SiteContext, clause_id: str) -> list[Pair]:
    """Documents whose `clauses` list the clause or one of its sub-clauses (as `covers` says)."""
    return ctx.by_clause.get(clause_id, [])


def control_text(ctx: SiteContext, control: Control) -> str:
    page = control_page(control.id)
    objective = ctx.catalog.get(control.parent) if control.parent else None
    title = f"{control.id} {control.title}"
    lines = [front_matter(title, [control.id]), f"# {escape.text(title)}", ""]
    if objective is not None:
        lines += [
            f"Objective {objective.id} {escape.text(objective.title)}: {escape.text(objective.description)}",
            "",
        ]
    lines += [f"**Control.** {escape.text(control.description)}", ""]
    lines += decision(ctx, page, control.id, ctx.soa)
    lines += evidence_tables(ctx, page, addressing_control(ctx, control.id))
    lines += neighbour_lines(ctx, page, DEFAULT_FRAMEWORK, control.id)
    return "\n".join(lines)


def decision(ctx: SiteContext, page: str, control_id: str, soa: Soa | None) -> list[str]:
    """The SoA's decision on one control (of the SoA's framework), as a one-row table."""
    entry = soa.decision(control_id) if soa else None
    lines = ["## Statement of Applicability", ""]
    if entry is None:
        return [*lines, "No decision is recorded for this control.", ""]
    reasons = ", ".join(entry.reasons)
    implementation, by = effective(ctx, soa, entry)
    implemented = ", ".join(filter(None, [ctx.doc_links(page, by), same_as_link(ctx, page, soa, entry)]))
    return [
        *lines,
        "| Applicable | Reasons | Justification | Status | Implemented by |",
        "|---|---|---|---|---|",
        f"| {applicability(entry)} | {escape.text(reasons)} | {escape.text(entry.justification)} "
        f"| {escape.text(implementation)} | {implemented} |",
        "",
    ]


def clause_text(ctx: SiteContext, clause: Clause) -> str:
    page = clause_page(clause.id)
    title = f"{clause.id} {clause.title}"
    lines = [
        front_matter(title, [clause.id]),
        f"# {escape.text(title)}",
        "",
        escape.text(clause.description),
        "",
    ]
    if clause.parent:
        lines += [f"Part of clause {ctx.clause_link(page, clause.parent)}.", ""]
    children = [c for c in ctx.catalog.clauses if c.parent == clause.id]
    if children:
        links = ", ".join(f"{ctx.clause_link(page, c.id)} {escape.text(c.title)}" for c in children)
        lines += [f"Sub-clauses: {links}.", ""]
    lines += _required(ctx, page, clause)
    lines += evidence_tables(ctx, page, addressing_clause(ctx, clause.id))
    return "\n".join(lines)


def _required(ctx: SiteContext, page: str, clause: Clause) -> list[str]:
    if not clause.documented_information:
        return []
    lines = ["## Documented information required", "", "| Item | Expected | Found |", "|---|---|---|"]
    for item in clause.documented_information:
        expected = ", ".join(item.expected_record_kinds or item.expected_types)
        found = [
            (s, d)
            for s, d in addressing_clause(ctx, clause.id)
            if d.type in item.expected_types
            and (
                not item.expected_record_kinds
                or getattr(d, "record_kind", None) in item.expected_record_kinds
            )
        ]
        links = ", ".join(ctx.doc_link(page, d.id) or "" for _, d in found) or "**missing**"
        lines.append(f"| {escape.text(item.title)} | {escape.text(expected)} | {links} |")
    return [*lines, ""]


def evidence_tables(ctx: SiteContext, page: str, pairs: list[Pair]) -> list[str]:
    documents: list[Pair] = [(s, d) for s, d in pairs if not isinstance(d, Record)]
    records: list[Pair] = [(s, d) for s, d in pairs if isinstance(d, Record)]
    lines = ["## Documents", ""]
    lines += _table(ctx, page, documents, "No policy or procedure addresses this yet.")
    lines += ["## Records", ""]
    lines += _table(ctx, page, records, "No record is linked to this yet.")
    return lines


def _table(ctx: SiteContext, page: str, pairs: list[Pair], empty: str) -> list[str]:
    if not pairs:
        return [empty, ""]
    lines = ["| Document | Type | Status | Version | Date |", "|---|---|---|---|---|"]
    for _source, doc in pairs:
        kind = getattr(doc, "record_kind", None) or doc.type
        day = getattr(doc, "event_date", None) or doc.approved_on or ""
        lines.append(
            f"| {ctx.doc_link(page, doc.id, with_title=True)} | {escape.text(kind)} "
            f"| {escape.text(doc.status)} | {escape.text(doc.version)} | {escape.text(day)} |"
        )
    return [*lines, ""]


def controls_index(ctx: SiteContext) -> str:
    page = "controls/index.md"
    soa = ctx.soa
    lines = [front_matter("Annex A controls"), "# Annex A controls", ""]
    for objective in ctx.catalog.objectives:
        controls = ctx.catalog.controls_of(objective.id)
        if not controls:
            continue
        lines += [
            f"## {objective.id} {escape.text(objective.title)}",
            "",
            "| Control | Title | Applicable | Status | Documents | Records |",
            "|---|---|---|---|---|---|",
        ]
        for control in controls:
            entry = soa.decision(control.id) if soa else None
            pairs = addressing_control(ctx, control.id)
            records = sum(1 for _, d in pairs if isinstance(d, Record))
            status = escape.text(entry.implementation if entry else "")
            lines.append(
                f"| {ctx.control_link(page, control.id)} | {escape.text(control.title)} "
                f"| {applicability(entry)} | {status} | {len(pairs) - records} | {records} |"
            )
        lines.append("")
    return "\n".join(lines)


def clauses_index(ctx: SiteContext) -> str:
    page = "clauses/index.md"
    lines = [
        front_matter("Clauses 4 to 10"),
        "# Clauses 4 to 10",
        "",
        "| Clause | Title | Documents | Records |",
        "|---|---|---|---|",
    ]
    for clause in ctx.catalog.clauses:
        pairs = addressing_clause(ctx, clause.id)
        records = sum(1 for _, d in pairs if isinstance(d, Record))
        indent = "&nbsp;" * 4 * clause.id.count(".")
        lines.append(
            f"| {indent}{ctx.clause_link(page, clause.id)} | {escape.text(clause.title)} "
            f"| {len(pairs) - records} | {records} |"
        )
    return "\n".join([*lines, ""])

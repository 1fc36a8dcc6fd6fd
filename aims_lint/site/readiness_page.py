"""The readiness report as a page, and its headline figures on the dashboard.

Both come from `aims_lint.readiness.build_readiness` on the same lint result,
so every figure matches `aims-lint readiness --format json`. The figures are
those of the whole management system; the report the page gets is the
audience's (`SiteContext.readiness`): its lists name only published
documents, and a withheld SoA's decisions are not in it.
"""

from __future__ import annotations

from aims_lint import escape
from aims_lint.readiness import WITHHELD, Blocker, InformationStatus, Readiness, verdict
from aims_lint.site.context import SiteContext, rel
from aims_lint.site.docpage import front_matter

PAGE = "readiness.md"
WITHHELD_BLOCKERS_NOTE = (
    "Blockers on documents not published for this audience are counted, and show their code only."
)
WITHHELD_NOTE = (
    "The Statement of Applicability is not published for this audience, so its decisions are not shown "
    "(the figures above still count them)."
)


def figures(r: Readiness) -> list[tuple[str, str]]:
    """(label, value) rows; the labels name the `summary` keys of the JSON report."""
    s = r.summary
    c, d, k = s["clauses"], s["documented_information"], s["controls"]
    return [
        ("Clauses covered", f"{c['covered']} of {c['total']} ({c['percent']}%)"),
        ("Documented information present", f"{d['present']} of {d['total']} ({d['percent']}%)"),
        (
            "Annex A controls decided",
            f"{k['included'] + k['excluded']} of {k['total']} ({k['decided_percent']}%)",
        ),
        ("Controls included", str(k["included"])),
        ("Controls excluded", str(k["excluded"])),
        ("Controls undecided", str(k["undecided"])),
        ("Controls not in the SoA", str(k["not_listed"])),
        (
            "Included controls implemented",
            f"{k['implemented']} of {k['included']} ({k['implemented_percent']}%)",
        ),
        ("Included controls partial", str(k["partial"])),
        ("Included controls planned", str(k["planned"])),
        ("Included controls not implemented", str(k["not_implemented"])),
    ]


def figures_table(r: Readiness) -> list[str]:
    return ["| Figure | Value |", "|---|---|", *(f"| {label} | {value} |" for label, value in figures(r))]


def verdict_lines(ctx: SiteContext, from_page: str) -> list[str]:
    """The verdict and its blockers, as `aims-lint readiness` gives them (the whole system's verdict;
    a blocker on a withheld document shows its code only)."""
    r = ctx.readiness
    lines = [f"**{verdict(r)}.**", ""]
    if not r.blockers:
        return lines
    if any(not b.path for b in r.blockers):
        lines += [WITHHELD_BLOCKERS_NOTE, ""]
    lines += ["| Code | Where | Blocker |", "|---|---|---|"]
    lines += [f"| {escape.text(b.code)} | {_where(ctx, from_page, b)} | {escape.text(b.message)} |"
              for b in r.blockers]
    return [*lines, ""]


def _where(ctx: SiteContext, from_page: str, b: Blocker) -> str:
    if not b.path:
        return "(withheld)"
    place = escape.text(f"{b.path}:{b.line}")
    page = ctx.page_of_path.get(b.path)
    return f"[{place}]({rel(from_page, page)})" if page else place


def dashboard_section(ctx: SiteContext) -> str:
    r = ctx.readiness
    lines = [
        "## Readiness for a Stage 1 audit",
        "",
        f"The same verdict and figures as `aims-lint readiness`; details on the [readiness page]({PAGE}).",
        "",
        *verdict_lines(ctx, "dashboard.md"),
        "## Statement of Applicability coverage",
        "",
    ]
    return "\n".join([*lines, *figures_table(r)])


def readiness_page(ctx: SiteContext) -> str:
    r = ctx.readiness
    f = r.findings
    lines = [
        front_matter("Certification readiness", wide=True),
        "# Certification readiness",
        "",
        f"Gap assessment against {escape.text(r.standard)}, as of {r.today}. "
        f"Findings: {f['errors']} error(s), {f['warnings']} warning(s), {f['suppressed']} suppressed.",
        "",
        "## Verdict",
        "",
        *verdict_lines(ctx, PAGE),
    ]
    lines += [*figures_table(r), ""]
    lines += _information(ctx, r) + _clauses(ctx, r) + _controls(ctx, r)
    return "\n".join(lines)


def _information(ctx: SiteContext, r: Readiness) -> list[str]:
    lines = [
        "## Documented information",
        "",
        '<div class="aims-filter" data-columns="Present"></div>',
        "",
        "| Present | Clause | Item | Provided by |",
        "|---|---|---|---|",
    ]
    for item in r.documented_information:
        present = "yes" if item.present else item.state
        lines.append(
            f"| {present} | {ctx.clause_link(PAGE, item.clause)} | {escape.text(item.title)} "
            f"| {_provided(ctx, item)} |"
        )
    return [*lines, ""]


def _provided(ctx: SiteContext, item: InformationStatus) -> str:
    if item.present:
        return ctx.doc_links(PAGE, item.evidence)
    drafts = ctx.doc_links(PAGE, item.drafts)
    return escape.text(item.reason) + (f" ({drafts})" if drafts else "")


def _clauses(ctx: SiteContext, r: Readiness) -> list[str]:
    lines = [
        "## Clauses",
        "",
        "| Clause | Title | Covered by | In progress | Missing |",
        "|---|---|---|---|---|",
    ]
    for c in r.clauses:
        covered = (ctx.doc_links(PAGE, c.documents + c.records) if c.covered
                   else f"**not covered**: {escape.text(c.reason)}")
        lines.append(
            f"| {ctx.clause_link(PAGE, c.id)} | {escape.text(c.title)} | {covered} "
            f"| {ctx.doc_links(PAGE, c.drafts)} | {escape.text(', '.join(c.missing))} |"
        )
    return [*lines, ""]


def _controls(ctx: SiteContext, r: Readiness) -> list[str]:
    lines = ["## Annex A controls", ""]
    if any(k.decision == WITHHELD for k in r.controls):
        lines += [WITHHELD_NOTE, ""]
    lines += [
        '<div class="aims-filter" data-columns="Decision,Implementation"></div>',
        "",
        "| Control | Title | Decision | Implementation | Implemented by | Listed by |",
        "|---|---|---|---|---|---|",
    ]
    for k in r.controls:
        why = k.reason if k.decision == "included" else ""
        lines.append(
            f"| {ctx.control_link(PAGE, k.id)} | {escape.text(k.title)} | {k.decision} "
            f"| {_implementation(k.implementation, k.counted_as, why)} "
            f"| {ctx.doc_links(PAGE, k.implemented_by)} "
            f"| {ctx.doc_links(PAGE, k.documents)} |"
        )
    return [*lines, ""]


def _implementation(declared: str | None, counted: str | None, reason: str) -> str:
    shown = escape.text(declared or "")
    if counted and counted != declared:
        shown += f" (counted as {escape.text(counted)})"
    return f"{shown}: {escape.text(reason)}" if reason else shown

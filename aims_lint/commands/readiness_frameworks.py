"""The readiness report's per-framework sections, in text and Markdown.

Pure functions of one `FrameworkReadiness` entry (aims_lint/readiness/report.py),
like the rest of the report. The default report appends a section for every
configured framework other than ISO/IEC 42001 (whose report is the body);
`readiness --framework ID` prints one section on its own. Values that come
from documents are escaped in Markdown.
"""

from __future__ import annotations

from aims_lint.escape import text as md
from aims_lint.readiness.output import framework_verdict
from aims_lint.readiness.report import FrameworkItem, FrameworkReadiness
from aims_lint.stage1 import Blocker

_NONE = "-"
# How sections name the items of each kind; a kind not named here is shown by its id.
_PLURAL = {
    "documented-information": "Documented information",
    "clause": "Clauses",
    "control": "Controls",
    "subcategory": "Subcategories",
    "category": "Categories",
    "article": "Articles",
    "obligation": "Duties in force",
}
# The AI Act's lists that are shown, not counted (`FrameworkReadiness.upcoming` and `cited`).
_UPCOMING = "Upcoming duties (not counted before they apply)"
_CITED = "Articles cited that bring no duty here (not counted)"


def headline(f: FrameworkReadiness) -> list[str]:
    """The verdict and the summary's figures of one framework."""
    s = f.summary
    if not f.certifiable:
        c = s["items"]
        later = c["not_yet_applicable"]
        counted = f"Items counted: {c['total']}; not yet applicable (listed, not counted): {later}"
        lines = [framework_verdict(f), counted]
        if "systems" in s:
            n = s["systems"]
            lines.append(f"AI systems: {n['inventory']} not retired, {n['classified']} with an AI Act role "
                         f"and class, {n['in_use']} of them in use")
        return lines + ([f"Note: {f.note}"] if f.note else [])
    c, d, k = s["clauses"], s["documented_information"], s["controls"]
    return [
        framework_verdict(f),
        f"SoA: {f.soa or 'none'}",
        f"Clauses covered: {c['covered']} of {c['total']} ({c['percent']}%)",
        f"Documented information present: {d['present']} of {d['total']} ({d['percent']}%)",
        f"Controls decided: {k['included'] + k['excluded']} of {k['total']} ({k['decided_percent']}%); "
        f"included {k['included']}, excluded {k['excluded']}, undecided {k['undecided']}, "
        f"not in the SoA {k['not_listed']}",
        f"Included controls implemented: {k['implemented']} of {k['included']} "
        f"({k['implemented_percent']}%); partial {k['partial']}, planned {k['planned']}, "
        f"not implemented {k['not_implemented']}",
    ]


def _where(b: Blocker) -> str:
    return f"{b.path}:{b.line}" if b.path else "(withheld)"


def _groups(f: FrameworkReadiness) -> list[tuple[str, list[FrameworkItem]]]:
    kinds = list(dict.fromkeys(i.kind for i in f.items))
    groups = [(_PLURAL.get(k, k), [i for i in f.items if i.kind == k]) for k in kinds]
    if f.items == () and f.note:
        groups.append((_PLURAL["obligation"], []))
    return groups + [(title, list(extra)) for title, extra in ((_UPCOMING, f.upcoming), (_CITED, f.cited))
                     if extra]


def _cell(i: FrameworkItem) -> str:
    listed = ", ".join(i.documents) or _NONE
    if i.kind == "control":
        if i.decision != "included":
            return f"{listed}; {i.reason}" if i.reason else listed
        counted = f" (counted as {i.counted_as})" if i.counted_as and i.counted_as != i.implementation else ""
        return f"{listed}{counted}" + (f"; {i.reason}" if i.reason else "")
    if i.covered:
        dated = i.applies_from is not None and not i.counted and not i.recommended and i.kind != "article"
        return listed + (f" (applies from {i.applies_from})" if dated else "")
    if i.recommended:
        return f"RECOMMENDED (not counted): {i.reason}"
    # a duty not due yet is not "not covered": say when it applies, then what it will want
    later = f"applies from {i.applies_from}, not counted before"
    if not i.counted and i.applies_from is not None and i.reason.startswith(later):
        rest = i.reason[len(later):].removeprefix("; ")
        return f"UPCOMING (applies from {i.applies_from})" + (f": {rest}" if rest else "")
    return f"NOT COVERED: {i.reason}"


def _label(i: FrameworkItem) -> str:
    """How a row names its item: documented information by the clause that asks for it, as the
    ISO/IEC 42001 table does (its own id, `scope`, means nothing to a reader); the rest by id."""
    return i.clause if i.kind == "documented-information" and i.clause else i.id


def section_text(framework: str, f: FrameworkReadiness) -> list[str]:
    lines = [f"{f.standard} ({framework})", ""]
    lines += [f"  {line}" for line in headline(f)]
    if f.blockers:
        lines += ["", "  Blockers"]
        lines += [f"    {_where(b)}: {b.code}: {b.message}" for b in f.blockers]
    # a certifiable framework's rows are clauses, as wide as the ISO/IEC 42001 tables' column
    width = max([6 if f.certifiable else 12, *(len(_label(i)) for i in (*f.items, *f.upcoming, *f.cited))])
    for title, items in _groups(f):
        lines += ["", f"  {title}"]
        if not items:
            lines.append("    (none)")
        for i in items:
            if i.kind == "control":
                lines.append(f"    {i.id:<8} {i.decision or _NONE:<10} {i.implementation or _NONE:<15} "
                             f"{i.title}: {_cell(i)}")
            else:
                mark = "[x]" if i.covered else "[ ]"
                lines.append(f"    {mark} {_label(i):<{width}} {i.title}: {_cell(i)}")
    return lines


def render_framework_text(today: str, framework: str, f: FrameworkReadiness) -> str:
    """`readiness --framework ID` in text."""
    lines = [f"Readiness against {f.standard}, as of {today}", "", *section_text(framework, f)]
    return "\n".join(lines) + "\n"


def section_markdown(framework: str, f: FrameworkReadiness, level: str = "##") -> list[str]:
    lines = [f"{level} {md(f.standard)}", "", f"Framework `{framework}`.", ""]
    lines += [f"- {md(line)}" for line in headline(f)]
    if f.blockers:
        lines += ["", f"{level}# Blockers", "", "| Code | Where | Blocker |", "|---|---|---|"]
        lines += [f"| {md(b.code)} | {md(_where(b))} | {md(b.message)} |" for b in f.blockers]
    for title, items in _groups(f):
        lines += ["", f"{level}# {title}", "", "| Covered | Id | Title | Documents and reason |",
                  "|---|---|---|---|"]
        if not items:
            lines.append("| | | none | |")
        for i in items:
            mark = "yes" if i.covered else "**no**"
            lines.append(f"| {mark} | {md(_label(i))} | {md(i.title)} | {md(_cell(i))} |")
    return lines


def render_framework_markdown(today: str, framework: str, f: FrameworkReadiness) -> str:
    """`readiness --framework ID` in Markdown."""
    lines = ["# Readiness", "", f"As of {today}.", "", *section_markdown(framework, f)]
    return "\n".join(lines) + "\n"

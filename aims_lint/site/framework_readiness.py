"""Readiness per framework: a page in each framework's section, and the coverage table of the dashboard.

Both read `Readiness.frameworks`, the report's entry per configured framework
(docs/readiness.md, "Frameworks"): `standard`, `summary`, `items` (each with
`id`, `title`, `covered`, `reason`, `documents`), `blockers`, and for some
`ready` and `certifiable`. An entry may be an object or a mapping (the JSON
shape); a framework the report has no entry for gets a page saying so, and
a row saying "not reported", never an error.

The report the site gets is the audience's; what an entry may still name of
a withheld document is left out here too: a withheld document's id is not
listed, a reason naming one is replaced, and a blocker on one shows its code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aims_lint import escape
from aims_lint.catalog import DEFAULT_FRAMEWORK
from aims_lint.catalog.frameworks import framework as framework_row
from aims_lint.site.context import SiteContext, rel
from aims_lint.site.docpage import front_matter
from aims_lint.site.page_names import section_page

PAGE = "readiness.md"
NOT_REPORTED = "not reported"


def page_of(framework: str) -> str:
    """ISO/IEC 42001's readiness page is the site's `readiness.md`; another's is in its section."""
    return PAGE if framework == DEFAULT_FRAMEWORK else section_page(framework, PAGE)


def value(obj: Any, name: str, default: Any = None) -> Any:
    """A field of a report entry, whether it is an object or a mapping."""
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def entry_of(ctx: SiteContext, framework: str) -> Any:
    frameworks = ctx.readiness.frameworks
    return frameworks.get(framework) if isinstance(frameworks, Mapping) else None


def readiness_page(ctx: SiteContext, framework: str) -> str:
    catalog = ctx.catalogs[framework]
    page = page_of(framework)
    title = f"Readiness: {catalog.title}"
    lines = [front_matter(title, wide=True), f"# {escape.text(title)}", ""]
    entry = entry_of(ctx, framework)
    if entry is None:
        return "\n".join([*lines, f"The readiness report of this build has no entry for "
                          f"{escape.text(catalog.title)}.", ""])
    row = framework_row(framework)
    certifiable = bool(value(entry, "certifiable", row.certifiable if row else False))
    standard = escape.text(value(entry, "standard", catalog.title))
    if certifiable:
        lines += [f"Stage 1 readiness against {standard}, as of {ctx.readiness.today}.", ""]
    else:
        lines += [f"Coverage of {standard}, as of {ctx.readiness.today}: an item is covered when an "
                  "approved document in force without error findings cites it.", ""]
    ready = value(entry, "ready")
    if isinstance(ready, bool):
        said = ("Ready" if ready else "Not ready") if certifiable else (
            "Every counted item is covered" if ready else "Not every counted item is covered")
        lines += [f"**{said}.**", ""]
    lines += _summary(value(entry, "summary") or {})
    lines += _blockers(ctx, page, list(value(entry, "blockers") or ()))
    lines += _items(ctx, page, framework, list(value(entry, "items") or ()))
    return "\n".join(lines)


def _summary(summary: Any) -> list[str]:
    if not isinstance(summary, Mapping) or not summary:
        return []
    lines = ["## Figures", "", "| Figure | Value |", "|---|---|"]
    for group, figures in summary.items():
        pairs = figures.items() if isinstance(figures, Mapping) else [("", figures)]
        for key, number in pairs:
            label = " ".join(str(w).replace("_", " ") for w in (group, key) if w)
            lines.append(f"| {escape.text(label.capitalize())} | {escape.text(number)} |")
    return [*lines, ""]


def _blockers(ctx: SiteContext, page: str, blockers: list[Any]) -> list[str]:
    if not blockers:
        return []
    lines = ["## Blockers", "", "| Code | Where | Blocker |", "|---|---|---|"]
    for blocker in blockers:
        path = str(value(blocker, "path", "") or "")
        code = escape.text(value(blocker, "code", ""))
        if not path or path in ctx.withheld_paths:
            lines.append(f"| {code} | (withheld) | |")
            continue
        place = escape.text(f"{path}:{value(blocker, 'line', '')}")
        target = ctx.page_of_path.get(path)
        where = f"[{place}]({rel(page, target)})" if target else place
        lines.append(f"| {code} | {where} | {_words(ctx, value(blocker, 'message', ''))} |")
    return [*lines, ""]


def _items(ctx: SiteContext, page: str, framework: str, items: list[Any]) -> list[str]:
    lines = [
        "## Items", "",
        '<div class="aims-filter" data-columns="Covered"></div>', "",
        "| Covered | Kind | Id | Title | Documents | Reason |",
        "|---|---|---|---|---|---|",
    ]
    catalog = ctx.catalogs[framework]
    for item in items:
        covered = "yes" if value(item, "covered") else "no"
        if value(item, "counted", True) is False:
            covered = "not counted yet"
        documents = [link for d in value(item, "documents") or () if (link := ctx.doc_link(page, str(d)))]
        kind = str(value(item, "kind", "") or "")
        lines.append(
            f"| {covered} | {escape.text(catalog.label(kind).replace('-', ' '))} "
            f"| {ctx.item_link(page, framework, str(value(item, 'id', '')))} "
            f"| {escape.text(value(item, 'title', ''))} | {', '.join(documents)} "
            f"| {_words(ctx, value(item, 'reason', ''))} |"
        )
    if not items:
        lines.append("| | | | The report lists no item. | | |")
    return [*lines, ""]


def _words(ctx: SiteContext, text: Any) -> str:
    """A message or reason, unless it names a document this audience may not read."""
    words = "" if text is None else str(text)
    return escape.text(ctx.withheld_note) if words and ctx.names_withheld(words) else escape.text(words)


def coverage(entry: Any) -> tuple[int, int] | None:
    """(items, covered) of one entry: its `summary["items"]` when it has one (coverage frameworks),
    else counted from its items; None when it says neither."""
    summary = value(entry, "summary") or {}
    counts = summary.get("items") if isinstance(summary, Mapping) else None
    if isinstance(counts, Mapping) and isinstance(counts.get("total"), int):
        return int(counts["total"]), int(counts.get("covered") or 0)
    items = [i for i in value(entry, "items") or () if value(i, "counted", True) is not False]
    if not items:
        return None
    return len(items), sum(1 for i in items if value(i, "covered"))


def dashboard_lines(ctx: SiteContext, from_page: str) -> list[str]:
    """The dashboard's table of coverage per configured framework; none with 42001 alone."""
    if len(ctx.catalogs) < 2:
        return []
    lines = [
        "## Coverage per framework", "",
        "Items each framework's readiness counts, and how many of them are covered.", "",
        "| Framework | Items | Covered | % |", "|---|---|---|---|",
    ]
    for framework, catalog in ctx.catalogs.items():
        name = f"[{escape.text(catalog.title)}]({rel(from_page, page_of(framework))})"
        entry = entry_of(ctx, framework)
        counted = coverage(entry) if entry is not None else None
        if counted is None:
            lines.append(f"| {name} | {NOT_REPORTED} | | |")
            continue
        total, covered = counted
        share = f"{covered * 100 / total:.0f}" if total else "100"
        lines.append(f"| {name} | {total} | {covered} | {share} |")
    return [*lines, ""]

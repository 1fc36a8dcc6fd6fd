"""One section per configured framework beside ISO/IEC 42001: an index, its item pages, SoA, readiness.

Each framework of `frameworks` in the configuration (but 42001, whose
`controls/`, `clauses/`, `soa.md` and `readiness.md` keep their addresses)
gets `frameworks/<framework id>/`: an index of its items grouped under
their holders, one page per item of a kind documents cite and of every kind
holding them (27001's clauses, themes and Annex A controls; NIST's
functions, categories and subcategories; the AI Act's chapters and
articles), the SoA table of a certifiable one and a readiness page. Page
names come from `context.item_page`, the one naming of item pages.

An item page shows the item's title, our description, its date of
application when it has one, the SoA decision (a control of a certifiable
framework), the documents and records in force to this audience that cite
it or an item under it (`NIST-AI-RMF:GOVERN-1.1` counts for GOVERN-1 too, as
a sub-clause counts for its clause), and its crosswalk neighbours.
"""

from __future__ import annotations

from aims_lint import escape
from aims_lint.catalog import Catalog, Item
from aims_lint.catalog.frameworks import framework as framework_row
from aims_lint.catalog.frameworks import qualified
from aims_lint.model import Record
from aims_lint.site import framework_readiness
from aims_lint.site.context import SiteContext, rel
from aims_lint.site.crosswalk_section import neighbour_lines
from aims_lint.site.docpage import front_matter
from aims_lint.site.page_names import paged_kinds, section_page
from aims_lint.site.soa_page import applicability, effective, page_of, soa_of, soa_table
from aims_lint.site.trace import Pair, decision, evidence_tables

FOLDER = "frameworks"
TITLE = "Frameworks"


def section_pages(ctx: SiteContext) -> dict[str, str]:
    """Every page of every section; nothing when ISO/IEC 42001 is the only framework configured."""
    pages: dict[str, str] = {}
    for fw in ctx.sections:
        pages.update(framework_section(ctx, fw))
    return pages


def certifiable(framework: str) -> bool:
    row = framework_row(framework)
    return row is not None and row.certifiable


def framework_section(ctx: SiteContext, framework: str) -> dict[str, str]:
    catalog = ctx.catalogs[framework]
    citing = citing_index(ctx, framework, catalog)
    kinds = paged_kinds(catalog)
    pages = {section_page(framework): index_page(ctx, framework, catalog, citing)}
    for item in catalog.items:
        if item.kind in kinds:
            page = ctx.item_page(framework, item.id)
            if page is not None:
                pages[page] = item_text(ctx, framework, catalog, item, citing)
    if certifiable(framework):
        pages[page_of(framework)] = soa_table(ctx, framework)
    pages[framework_readiness.page_of(framework)] = framework_readiness.readiness_page(ctx, framework)
    return pages


def citing_index(ctx: SiteContext, framework: str, catalog: Catalog) -> dict[str, list[Pair]]:
    """Published documents by every item they cite in `framework`, and every item above it."""
    index: dict[str, list[Pair]] = {}
    for source, doc in ctx.published:
        cited = [i for i in doc.clause_ids(framework) if catalog.cited(i, "clauses")]
        cited += [i for i in doc.control_ids(framework) if catalog.cited(i, "controls")]
        covered: dict[str, None] = {}
        for item_id in cited:
            item = catalog.get(item_id)
            while item is not None and item.id not in covered:
                covered[item.id] = None
                item = catalog.get(item.parent) if item.parent else None
        for item_id in covered:
            index.setdefault(item_id, []).append((source, doc))
    return index


def item_title(framework: str, item: Item) -> str:
    """As documents cite it: `ISO27001:A.5.1 Policies for information security`."""
    return f"{qualified(framework, item.id)} {item.title}"


def item_text(
    ctx: SiteContext, framework: str, catalog: Catalog, item: Item, citing: dict[str, list[Pair]]
) -> str:
    page = ctx.item_page(framework, item.id) or section_page(framework)
    title = item_title(framework, item)
    kind = catalog.label(item.kind)
    lines = [front_matter(title), f"# {escape.text(title)}", ""]
    article = "An" if kind[:1].lower() in "aeiou" else "A"
    index = rel(page, section_page(framework))
    where = f"{article} {escape.text(kind)} of [{escape.text(catalog.title)}]({index})"
    parent = catalog.get(item.parent) if item.parent else None
    if parent is not None:
        where += f", part of {ctx.item_link(page, framework, parent.id)} {escape.text(parent.title)}"
    lines += [f"{where}.", ""]
    if item.applies_from is not None:
        pending = " (not yet)" if item.applies_from > ctx.today else ""
        lines += [f"**Applies from** {item.applies_from.isoformat()}{pending}.", ""]
    lines += [escape.text(item.description), ""]
    children = [c for c in catalog.children(item.id) if ctx.item_page(framework, c.id)]
    if children:
        lines += [f"## Under {escape.text(item.id)}", ""]
        lines += _table(ctx, page, framework, catalog, children, 0, citing)
    if certifiable(framework) and item.kind == "control":
        lines += decision(ctx, page, item.id, soa_of(ctx, framework))
    lines += evidence_tables(ctx, page, citing.get(item.id, []))
    if item.kind in {k.id for k in catalog.kinds if k.cited_in}:
        lines += neighbour_lines(ctx, page, framework, item.id)
    return "\n".join(lines)


def index_page(ctx: SiteContext, framework: str, catalog: Catalog, citing: dict[str, list[Pair]]) -> str:
    page = section_page(framework)
    row = framework_row(framework)
    lines = [front_matter(catalog.title, wide=True), f"# {escape.text(catalog.title)}", ""]
    prefix = escape.text(f"{row.prefix}:" if row else "")
    lines += [
        f"Documents cite its items with the prefix {prefix} in their `clauses` or `controls` "
        f"(for example {escape.text(qualified(framework, _example(catalog)))}). "
        "Each item's page lists the documents and records that cite it or an item under it.",
        "",
    ]
    extra = []
    if certifiable(framework):
        extra.append(f"[Statement of Applicability]({rel(page, page_of(framework))})")
    extra.append(f"[Readiness]({rel(page, framework_readiness.page_of(framework))})")
    lines += [f"See also: {', '.join(extra)}.", ""]
    for heading, items in groups(ctx, framework, catalog):
        lines += [f"## {heading}", ""]
        lines += _table(ctx, page, framework, catalog, items, 0, citing, deep=True)
    return "\n".join(lines)


def groups(ctx: SiteContext, framework: str, catalog: Catalog) -> list[tuple[str, list[Item]]]:
    """The index's sections: one per top holder (a theme, a function, a chapter), one per kind of
    cited top item (27001's clauses 4 to 10, which hold no one but themselves)."""
    cited = {k.id for k in catalog.kinds if k.cited_in}
    found: list[tuple[str, list[Item]]] = []
    for item in catalog.items:
        if item.parent is not None or ctx.item_page(framework, item.id) is None:
            continue
        if item.kind in cited:
            heading = escape.text(f"{catalog.label(item.kind)}s".capitalize())
            if found and found[-1][0] == heading:
                found[-1][1].append(item)
            else:
                found.append((heading, [item]))
        else:
            found.append((f"{escape.text(item.id)} {escape.text(item.title)}", list(
                c for c in catalog.children(item.id) if ctx.item_page(framework, c.id))))
    return found


def _table(
    ctx: SiteContext, page: str, framework: str, catalog: Catalog, items: list[Item], depth: int,
    citing: dict[str, list[Pair]], *, deep: bool = False,
) -> list[str]:
    dated = any(i.applies_from for i in catalog.items)
    soa = soa_of(ctx, framework) if certifiable(framework) else None
    decided = certifiable(framework) and any(i.kind == "control" for i in items)
    header = ["Id", "Title", *(["Applies from"] if dated else []),
              *(["Applicable", "Status"] if decided else []), "Documents", "Records"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for item, level in _walk(ctx, framework, catalog, items, depth, deep):
        pairs = citing.get(item.id, [])
        records = sum(1 for _, d in pairs if isinstance(d, Record))
        cells = [f"{'&nbsp;' * 4 * level}{ctx.item_link(page, framework, item.id)}", escape.text(item.title)]
        if dated:
            cells.append(item.applies_from.isoformat() if item.applies_from else "")
        if decided:
            entry = soa.decision(item.id) if soa and item.kind == "control" else None
            cells += [applicability(entry) if item.kind == "control" else "",
                      escape.text(effective(ctx, soa, entry)[0] if entry else "")]
        cells += [str(len(pairs) - records), str(records)]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _walk(
    ctx: SiteContext, framework: str, catalog: Catalog, items: list[Item], depth: int, deep: bool
) -> list[tuple[Item, int]]:
    out: list[tuple[Item, int]] = []
    for item in items:
        out.append((item, depth))
        if deep:
            below = [c for c in catalog.children(item.id) if ctx.item_page(framework, c.id)]
            out += _walk(ctx, framework, catalog, below, depth + 1, deep)
    return out


def _example(catalog: Catalog) -> str:
    cited = {k.id for k in catalog.kinds if k.cited_in == "controls"}
    return next((i.id for i in catalog.items if i.kind in cited), catalog.items[0].id)

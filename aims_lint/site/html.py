"""Small HTML fragments for the parts of a document page we generate (panel, history, findings).

They are written as HTML blocks inside the Markdown, not as Markdown tables:
Markdown's inline parsing of a few thousand generated table cells tripled
the cost of rendering a 1,000-document site. Values are escaped here with
`html.escape`; links point at the built `.html` pages (the site uses
`use_directory_urls: false`, which file:// needs anyway).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from aims_lint.site.context import SiteContext, clause_page, control_page, rel


def esc(value: object) -> str:
    return html.escape(" ".join(("" if value is None else str(value)).split()), quote=True)


def page_url(from_page: str, to_page: str) -> str:
    """The relative address of a built page (`x.md` is built as `x.html`)."""
    return html.escape(rel(from_page, to_page).removesuffix(".md") + ".html", quote=True)


def link(url: str, label: str) -> str:
    """`label` must already be HTML; `url` is escaped for the attribute."""
    return f'<a href="{html.escape(url, quote=True)}">{label}</a>'


def doc(ctx: SiteContext, from_page: str, doc_id: str, *, with_title: bool = False) -> str | None:
    """A link to a published document; None when withheld (named by id or by path, as
    `related: [records/x.md]` does); plain text when unknown."""
    found = ctx.by_id.get(doc_id)
    if found is None:
        return None if ctx.withholds(doc_id) else f"{esc(doc_id)} (not found)"
    source, document = found
    label = esc(f"{document.id} {document.title}" if with_title else document.id)
    return f'<a href="{page_url(from_page, ctx.page_of_path[source.path])}">{label}</a>'


def docs(ctx: SiteContext, from_page: str, ids: Iterable[str]) -> str:
    return ", ".join(found for i in ids if (found := doc(ctx, from_page, i)))


def control(ctx: SiteContext, from_page: str, control_id: str) -> str:
    if ctx.catalog.control(control_id) is None:
        return esc(control_id)
    return f'<a href="{page_url(from_page, control_page(control_id))}">{esc(control_id)}</a>'


def clause(ctx: SiteContext, from_page: str, clause_id: str) -> str:
    if ctx.catalog.clause(clause_id) is None:
        return esc(clause_id)
    return f'<a href="{page_url(from_page, clause_page(clause_id))}">{esc(clause_id)}</a>'


def item(ctx: SiteContext, from_page: str, framework: str, local: str, label: str) -> str:
    """An item of any framework, as `label` (the id as the document wrote it), linked when its
    page is in this build (`SiteContext.item_page`)."""
    page = ctx.item_page(framework, local)
    if page is None:
        return esc(label)
    return f'<a href="{page_url(from_page, page)}">{esc(label)}</a>'


def table(header: list[str], rows: Iterable[list[str]]) -> str:
    """A table of cells that are already HTML; one line, so Markdown keeps it as one block.

    No class attribute: Material styles only `table:not([class])`.
    """
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    thead = f"<thead><tr>{head}</tr></thead>" if header else ""
    return f"<table>{thead}<tbody>{body}</tbody></table>"


def admonition(kind: str, title: str, inner: str, extra_class: str = "") -> str:
    """Material's admonition markup, for a box whose content is generated HTML."""
    classes = " ".join(c for c in ("admonition", kind, extra_class) if c)
    return f'<div class="{classes}"><p class="admonition-title">{esc(title)}</p>{inner}</div>'

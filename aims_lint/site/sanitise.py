"""Make the HTML that Markdown produced from a document safe to show: nh3 decides, not us.

Document bodies reach MkDocs as the author wrote them, so Python-Markdown's
own parser decides what is code, a link or raw HTML. What comes out is then
cleaned by `nh3` (bindings to the Rust `ammonia` sanitiser) with an
allow-list: the elements and attributes that the enabled extensions
(tables, admonition, attr_list, toc) and our generated pages produce, and
nothing that runs. Guessing Markdown's rules with regular expressions
failed on seven constructs; a parser that reads the real output cannot.

- No `<script>`, `<style>`, `<iframe>`, `<object>`, `<embed>`, `<form>`, no
  event handler, no `style` (table alignment becomes an `aims-align-*`
  class, styled in aims.css).
- Links go to http, https, mailto or within the site; images load from the
  site only (no scheme, no `//host`), so a page makes no outside request.
- Every `id` gets the `user-content-` prefix, so a body cannot clobber an
  element id of the theme (`__search`, `__drawer`, ...). Links to fragments
  (`#scope`, `other.html#scope`) follow the prefix, and so does the page's
  table of contents (see `prefix_toc`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote, urlsplit

import nh3

PREFIX = "user-content-"
TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
        "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
        "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
        "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    }
)  # fmt: skip
ATTRIBUTES = {
    "*": {"class", "id", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "time": {"datetime"},
    "div": {"data-columns"},  # the filter box of the SoA and the register (aims.js)
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Python-Markdown's tables extension aligns cells with a style attribute (or, with
# use_align_attribute, an align attribute); both become a class before nh3 drops them.
_ALIGNED = re.compile(
    r'<(t[hd])((?:\s+[\w-]+(?:="[^"]*")?)*?)\s+(?:style="text-align:\s*(left|right|center);?"'
    r'|align="(left|right|center)")'
)


def content(html: str) -> str:
    """The article HTML of a page, cleaned; ids prefixed and fragment links following them."""
    aligned = _ALIGNED.sub(lambda m: f'<{m[1]}{m[2]} class="aims-align-{m[3] or m[4]}"', html)
    return nh3.clean(
        aligned,
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_attribute,
        url_schemes=set(LINK_SCHEMES),
        id_prefix=PREFIX,
        link_rel=None,  # no target attribute is allowed, so no link can reach back (noopener)
    )


def fragment(html: str) -> str:
    """Text of a search-index entry (Material shows it as HTML): the same rules, no ids at all."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) - {"id"} for tag, names in ATTRIBUTES.items()},
        attribute_filter=_attribute,
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,  # no target attribute is allowed, so no link can reach back (noopener)
    )


def prefix_toc(items: Iterable[Any]) -> None:
    """Give the table of contents the ids the cleaned page has (MkDocs' AnchorLink objects)."""
    for item in items:
        if not item.id.startswith(PREFIX):
            item.id = PREFIX + item.id
        prefix_toc(item.children)


def search_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """A search-index entry with its `title` and `text` cleaned (both are shown as HTML)."""
    cleaned = dict(entry)
    for key in ("title", "text"):
        if isinstance(cleaned.get(key), str):
            cleaned[key] = fragment(cleaned[key])
    return cleaned


def _attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "a" and name == "href":
        return _href(value)
    if tag == "img" and name == "src":
        return value if _in_site(value) else None
    return value


def _href(value: str) -> str | None:
    # nh3 has checked the scheme; a fragment into a page of this site follows the id prefix.
    if not _in_site(value):
        return value
    if _names_markdown(value):
        # MkDocs turns every link to a page into its .html address; one still naming a .md
        # file names no page of this site (raw HTML, or a document left out for the
        # audience), and its address would only publish that file's path.
        return None
    if "#" not in value:
        return value
    before, _, anchor = value.partition("#")
    if not anchor or anchor.startswith(PREFIX):
        return value
    return f"{before}#{PREFIX}{anchor}"


def _in_site(url: str) -> bool:
    """A relative address with no scheme and no host: it can only name a file of the site."""
    stripped = url.strip()
    if "\\" in stripped or stripped.startswith("//"):
        return False  # browsers read `\` as `/`, and `//host` leaves the site
    try:
        parts = urlsplit(stripped)
    except ValueError:
        return False
    return not parts.scheme and not parts.netloc


def _names_markdown(url: str) -> bool:
    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return False
    return path.lower().endswith(".md")

"""Write the values we put into pages ourselves as text: metadata, titles, addresses.

Shared by the site's pages and the Markdown report (report/markdown.py), so it
lives beside them, not in either: a reporter never imports the site.

Metadata values are turned into text with every Markdown and HTML
metacharacter written as an entity, so a title like `<script>` or
`[x](javascript:...)` shows as typed. Document bodies are not handled here:
they reach MkDocs as written, and the HTML made of them is sanitised after
Markdown ran (site/sanitise.py).

Page titles need one more step: Material writes `page.title | striptags` into
`<title>`, and `striptags` decodes entities, so a title taken from the H1 would
come back as live markup. Every page therefore carries its title in front
matter as HTML-escaped text (`meta_title`), which templates print as is.
"""

from __future__ import annotations

import html
import json
from urllib.parse import quote, urlsplit

_SPECIAL = set("\\`*_{}[]()#+!|<>&\"'~=^:$")


def text(value: object) -> str:
    """A value as inline Markdown that renders exactly as the characters it holds."""
    raw = "" if value is None else str(value)
    out = "".join(f"&#{ord(c)};" if c in _SPECIAL else c for c in raw)
    return " ".join(out.split())  # newlines would break tables and headings


def meta_title(value: object) -> str:
    """A page title for front matter: HTML-escaped, one line, as a YAML (JSON) string."""
    raw = " ".join(("" if value is None else str(value)).split())
    return json.dumps(html.escape(raw, quote=True))


def href(url: str | None) -> str | None:
    """An http(s) address safe to use as a Markdown link destination, or None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#=&%@+,;~-._")

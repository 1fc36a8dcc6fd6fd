"""Make document values and bodies inert before they reach a page.

Everything a document says is data. Metadata values are turned into text with
every Markdown and HTML metacharacter written as an entity, so a title like
`<script>` or `[x](javascript:...)` shows as typed. Bodies stay Markdown, but
raw HTML, attribute lists (`{: onclick=...}`), script-bearing link schemes and
remote images are neutralised outside code, where text is already literal.

Page titles need one more step: Material writes `page.title | striptags` into
`<title>`, and `striptags` decodes entities, so a title taken from the H1 would
come back as live markup. Every page therefore carries its title in front
matter as HTML-escaped text (`meta_title`), which templates print as is.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from urllib.parse import quote, urlsplit

_SPECIAL = set("\\`*_{}[]()#+!|<>&\"'~=^:$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
# A link destination: inline `](dest` or a reference definition `[label]: dest`.
_DESTINATION = re.compile(
    r"(\]\(\s*|^\s{0,3}\[[^\]]+\]:\s*)(&lt;)?((?:[^\s()<>]|\([^\s()<>]*\))*)", re.MULTILINE
)
_REMOTE_IMAGE = re.compile(r"!(\[[^\]]*\]\(\s*(?:&lt;)?\s*(?:[a-zA-Z][\w+.-]*:|//))")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


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


def body(markdown: str, links: Callable[[str], str] | None = None) -> str:
    """The document body with raw HTML neutralised; code blocks and spans untouched.

    `links`, when given, rewrites each escaped stretch of prose (outside code),
    e.g. to point links between documents at their pages in the site.
    """
    lines: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            lines.append(line)
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            lines.append(line)
        elif line.startswith(("    ", "\t")) and lines and not lines[-1].strip():
            lines.append(line)  # indented code block: already literal
        else:
            lines.append(_escape_outside_spans(line, links or _same))
    return "\n".join(lines)


def _same(fragment: str) -> str:
    return fragment


def _escape_outside_spans(line: str, links: Callable[[str], str]) -> str:
    parts: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(line):
        parts.append(links(_escape_html(line[last : match.start()])))
        parts.append(match.group(0))
        last = match.end()
    parts.append(links(_escape_html(line[last:])))
    return "".join(parts)


def _escape_html(fragment: str) -> str:
    # `<` alone starts every tag; `>` stays so blockquotes keep working.
    fragment = fragment.replace("<", "&lt;")
    # `{` starts an attribute list (`{: onclick=...}`), which attr_list would apply.
    fragment = fragment.replace("{", "&#123;")
    fragment = _REMOTE_IMAGE.sub(r"\1", fragment)  # a remote image loads from outside: make it a link
    return _DESTINATION.sub(_safe_destination, fragment)


def _safe_destination(match: re.Match[str]) -> str:
    lead, bracket, destination = match.group(1), match.group(2) or "", match.group(3)
    # Browsers decode entities and drop tabs and newlines before reading a scheme.
    plain = _INVISIBLE.sub("", html.unescape(destination)).lower()
    scheme = _SCHEME.match(plain)
    if scheme and scheme.group(1) not in _SAFE_SCHEMES:
        destination = "#unsafe-" + re.sub(r"[^a-z0-9-]", "-", scheme.group(1))
    return lead + bracket + destination.replace("&", "&amp;")

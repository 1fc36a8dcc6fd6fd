"""Make document values and bodies inert before they reach a page.

Everything a document says is data. Metadata values are turned into text with
every Markdown and HTML metacharacter written as an entity, so a title like
`<script>` or `[x](javascript:...)` shows as typed. Bodies stay Markdown, but
raw HTML in them is escaped outside code, where it is already literal.
"""

from __future__ import annotations

import re

_SPECIAL = set("\\`*_{}[]()#+!|<>&\"'~=^:$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
# Link destinations with a script-bearing scheme, inline `](...)` or reference `]: ...`.
_UNSAFE_LINK = re.compile(r"(\]\(\s*|\]:\s*)((?:javascript|vbscript|data)\s*:)", re.IGNORECASE)


def text(value: object) -> str:
    """A value as inline Markdown that renders exactly as the characters it holds."""
    raw = "" if value is None else str(value)
    out = "".join(f"&#{ord(c)};" if c in _SPECIAL else c for c in raw)
    return " ".join(out.split())  # newlines would break tables and headings


def body(markdown: str) -> str:
    """The document body with raw HTML neutralised; code blocks and spans untouched."""
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
            lines.append(_escape_outside_spans(line))
    return "\n".join(lines)


def _escape_outside_spans(line: str) -> str:
    parts: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(line):
        parts.append(_escape_html(line[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_escape_html(line[last:]))
    return "".join(parts)


def _escape_html(fragment: str) -> str:
    # `<` alone starts every tag; `>` stays so blockquotes keep working.
    fragment = fragment.replace("<", "&lt;")
    return _UNSAFE_LINK.sub(lambda m: m.group(1) + "unsafe-" + m.group(2), fragment)

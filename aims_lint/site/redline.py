"""What changed in the body between two approved versions: a word-level redline.

An auditor comparing two versions wants to read the change, not a patch:
the body is shown whole, as the Markdown source was written, with removed
words struck through (`<del>`) and added ones marked (`<ins>`). Lines are
matched first and only changed runs of lines are compared word by word, so
a long document with a small edit costs little and a moved paragraph does
not smear into its neighbours. Every value is escaped; the result is one
line of HTML (a blank line would end the HTML block in Markdown). The
front-matter fields are compared in `field_changes.py`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\s+|[^\s]+")
# Word matching costs up to the product of the two runs' lengths; beyond this (two runs of
# about 2,000 words each) the changed lines are shown whole instead.
WORD_LIMIT = 4_000_000


@dataclass(frozen=True)
class Redline:
    html: str  # `<div class="aims-redline">...</div>`, one line
    added: int  # words
    removed: int


def redline(before: str, after: str) -> Redline:
    """The body `after` with what changed since `before` marked, word by word."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    parts: list[str] = []
    added = removed = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        gone, came = "".join(old[i1:i2]), "".join(new[j1:j2])
        if tag == "equal":
            parts.append(_text(came))
            continue
        for kind, text in _words(gone, came) if tag == "replace" else _whole(gone, came):
            parts.append(_mark(kind, text))
            added += _count(text) if kind == "ins" else 0
            removed += _count(text) if kind == "del" else 0
    return Redline(f'<div class="aims-redline">{"".join(parts)}</div>', added, removed)


def _whole(gone: str, came: str) -> Iterator[tuple[str, str]]:
    if gone:
        yield "del", gone
    if came:
        yield "ins", came


def _words(gone: str, came: str) -> Iterator[tuple[str, str]]:
    """(kind, text) runs: "" for unchanged, "del" and "ins" for what went and came."""
    old, new = _TOKEN.findall(gone), _TOKEN.findall(came)
    if len(old) * len(new) > WORD_LIMIT:  # a rewrite, not an edit: shown as the lines that went and came
        yield from _whole(gone, came)
        return
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            yield "", "".join(new[j1:j2])
        else:
            yield from _whole("".join(old[i1:i2]), "".join(new[j1:j2]))


def _mark(kind: str, text: str) -> str:
    return f"<{kind}>{_text(text)}</{kind}>" if kind else _text(text)


def _text(text: str) -> str:
    return html.escape(text, quote=True).replace("\r", "").replace("\n", "<br>")


def _count(text: str) -> int:
    return len(text.split())

"""Offsets to 1-based lines and columns, and evidence text made safe to show.

A scanner finds names with one pass of a regex or a parser over the whole text; only the
few hits need a place, so the line index is built on the first question, not per file.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_NEWLINE = re.compile("\n")
_USERINFO = re.compile(r"(?<=://)[^/@\s]+@")  # user:token@ in a URL: a credential, never shown
# A URL's query string and fragment: `?token=`, `?access_token=`, an Azure SAS `sig=`, GitLab's
# `private_token=` and every other credential-like parameter live there, and no reader of the
# evidence needs them, so the whole of both is left out rather than guessing which names are secret.
_QUERY = re.compile(r"(://[^\s?#\"'<>`]*)[?#][^\s\"'<>`]*")
_SPACE = re.compile(r"\s+")
MAX_EVIDENCE = 160  # characters: a manifest line, not a paragraph


class Positions:
    """Line and column of an offset into one text (columns count characters, from 1)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def at(self, offset: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1


def redact(text: str) -> str:
    """`text` without the credentials a URL in it may carry: user:password@, query and fragment."""
    if "://" not in text:  # the common case, and what keeps this cheap on every use
        return text
    return _QUERY.sub(r"\1", _USERINFO.sub("", text))


def evidence(text: str) -> str:
    """A one-line excerpt: credentials in URLs dropped, blanks collapsed, length capped."""
    cleaned = _SPACE.sub(" ", redact(text)).strip()
    return cleaned if len(cleaned) <= MAX_EVIDENCE else cleaned[: MAX_EVIDENCE - 3] + "..."

"""Whether a short free-text field says something, or only looks filled in.

Several rules judge one-line fields an auditor reads as evidence: an SoA
exclusion's justification (AIMS870), a nonconformity's `cause` (AIMS855) and
its effectiveness `result` (AIMS856). Each fails the same two ways: a stock
phrase ("n/a", "done", "human error") that names no fact, or a few words too
short to name one. This module holds the comparison so the rules agree on it;
each rule passes its own stock phrases and minimum, because what is empty talk
depends on the question ("done" is a stock answer for a result, not for a
justification).
"""

from __future__ import annotations

import re
from collections.abc import Collection

# Phrases that say nothing whatever the field, compared as `normal` leaves them.
EMPTY_PHRASES = frozenset({
    "", "n a", "na", "none", "nil", "no", "nothing", "tbd", "tba", "todo", "to be decided",
    "to be determined", "see above", "same as above", "as above", "other", "unknown", "various",
})
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased, without punctuation: "N/A" is ["n", "a"]."""
    return _WORD.findall(text.lower())


def normal(text: str) -> str:
    """`text` as the stock phrases are written: lower case, words joined by single spaces."""
    return " ".join(words(text))


def thin(text: str, stock: Collection[str], min_words: int) -> str | None:
    """Why `text` says too little to be read as a fact, or None when it is long enough.

    The reason completes a sentence about the field: "is the stock phrase 'ok'" or
    "has 3 words (at least 6 needed)".
    """
    found = words(text)
    if " ".join(found) in stock:
        return f"is the stock phrase {text!r}"
    if len(found) < min_words:
        plural = "s" if len(found) != 1 else ""
        return f"has {len(found)} word{plural} (at least {min_words} needed)"
    return None

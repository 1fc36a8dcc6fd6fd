"""Is a change only the record of a periodic review?

A review that confirms a document unchanged (what `aims-lint review` writes)
moves `last_reviewed` and `next_review` and nothing else. That is the
review's own evidence, not new content: it needs neither a new version nor a
new approval, so the change-control rules (AIMS901-903) look past it.
"""

from __future__ import annotations

from typing import Any

REVIEW_FIELDS = frozenset({"last_reviewed", "next_review"})


def review_only(before: tuple[dict[str, Any], str] | None, after: tuple[dict[str, Any], str] | None) -> bool:
    """True when two (front matter, body) snapshots differ at most in the review fields."""
    if before is None or after is None:
        return False
    (old, old_body), (new, new_body) = before, after
    return old_body == new_body and _without_review(old) == _without_review(new)


def _without_review(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in REVIEW_FIELDS}

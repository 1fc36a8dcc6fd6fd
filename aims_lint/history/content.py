"""Which commit last changed what a document says: the notion the reassessment rule (AIMS865) uses.

Change control already decides what is new content: `BaseChanges.edited`
and AIMS901 look past the record of a periodic review (`review_only`: only
`last_reviewed` and `next_review` moved). Asking whether a system changed
after its assessment needs one step more: recording an approval (a new
`version`, `approved_on`, `approver`, `effective_on` or `status`) does not
change what the document says either. So a commit changes a document's
content when its front matter or body differs in anything but the review and
the approval fields. Its approval is what an assessment's owner records to
say "this still holds for the system as it now is", so for an assessment the
approval counts too (`edit_or_approval`).

The walk reads only the committed history: newest first, a pure rename is no
change, the commit that created the file is its first content. Revisions it
compares are the ones `reads` names, loaded before rules run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aims_lint.history.history import History
from aims_lint.history.model import FileChange, Read
from aims_lint.history.review_only import REVIEW_FIELDS

APPROVAL_FIELDS = frozenset({"version", "approved_on", "approver", "effective_on", "status"})
CONTENT_ONLY = REVIEW_FIELDS | APPROVAL_FIELDS  # looked past when asking "did the content change?"


def last_content_change(history: History, path: str) -> FileChange | None:
    """The newest commit that changed the document's content (not its review, not its approval)."""
    return _last(history, path, CONTENT_ONLY)


def last_edit_or_approval(history: History, path: str) -> FileChange | None:
    """The newest commit that changed the document's content or recorded an approval of it."""
    return _last(history, path, REVIEW_FIELDS)


def reads(history: History, path: str) -> Iterator[Read]:
    """Every revision the walks above may compare for `path` (a superset: they stop early)."""
    for entry in history.of(path).changes:
        commit, change = entry.commit, entry.change
        if _pure_rename(entry) or change.before_path is None or not commit.parents:
            continue
        before, after = change.blobs or (None, None)
        yield (commit.sha, change.path), after
        yield (commit.parents[0], change.before_path), before


def _last(history: History, path: str, ignored: frozenset[str]) -> FileChange | None:
    for entry in history.of(path).changes:
        commit, change = entry.commit, entry.change
        if _pure_rename(entry):
            continue
        if change.before_path is None or not commit.parents:
            return entry  # created here: its first content
        if change.blobs is not None and change.blobs[0] == change.blobs[1] and change.blobs[0]:
            continue  # same bytes (a mode change)
        before = history.snapshot(commit.parents[0], change.before_path)
        after = history.snapshot(commit.sha, change.path)
        if before is None or after is None or _differs(before, after, ignored):
            return entry  # unreadable on either side counts as changed: never a quiet pass
    return None


def _pure_rename(entry: FileChange) -> bool:
    return entry.change.status == "R" and entry.change.score == 100


def _differs(before: tuple[dict[str, Any], str], after: tuple[dict[str, Any], str],
             ignored: frozenset[str]) -> bool:
    (old, old_body), (new, new_body) = before, after
    return old_body != new_body or _without(old, ignored) != _without(new, ignored)


def _without(data: dict[str, Any], ignored: frozenset[str]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in ignored}

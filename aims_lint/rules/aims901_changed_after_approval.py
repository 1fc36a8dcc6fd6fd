"""An approved document must not change after its approval without a new approval.

Git shows what the front matter only claims: a commit that changed an approved
document's content on a day after its `approved_on`, later than the commit
that recorded that approval, and without recording a new one (new
`approved_on` or `approver`, or a status other than approved), means readers
see text nobody approved. Bumping `version` alone is not enough: the new
version needs its own approval. A commit's day is its committer date (when
the change entered the history); a merge commit that brings such a change
counts, as do the branch commits it brought. Pure renames are not content
changes, and neither is the record of a periodic review (a commit that moves
only `last_reviewed` and `next_review`, as `aims-lint review` does). Needs
git history; see AIMS907 when it is missing.

Passing::

    # commit 2026-03-02 "Approve v1.1": version "1.0" -> "1.1", approved_on: 2026-03-01
    status: approved
    version: "1.1"
    approved_on: 2026-03-01

Failing::

    # commit 2026-04-15 "Reword scope": body edited, front matter untouched
    status: approved
    version: "1.1"
    approved_on: 2026-03-01
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from aims_lint.document import SourceFile
from aims_lint.history import FileChange, History, Read
from aims_lint.history.review_only import review_only
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS901", "changed-after-approval", Severity.ERROR,
    "Approved documents must not change after approval without a new approval.", needs_history=True,
)
APPROVAL = ("approved_on", "approver", "status")  # what recording a new approval changes
SHOWN = 3  # commits named in one finding


def check(ctx: Context) -> Iterator[Finding]:
    history = ctx.history
    if history is None or not history.available:
        return
    for source, approved_on in _approved(ctx):
        late = list(unapproved_changes(history, source.path, approved_on))
        if late:
            yield RULE.at(source, "/approved_on", _message(approved_on, late))


def revisions(ctx: Context) -> Iterator[Read]:
    """Every revision `unapproved_changes` may ask about, with its blob id, loaded before rules run.

    A superset: the walk stops at the commit that recorded the approval, and
    only reading the revisions tells where that is.
    """
    history = ctx.history
    if history is None:
        return
    for source, approved_on in _approved(ctx):
        for entry in history.of(source.path).changes:
            commit, change = entry.commit, entry.change
            if commit.day <= approved_on:
                break
            if change.status == "R" and change.score == 100:
                continue
            before, after = change.blobs or (None, None)
            yield (commit.sha, change.path), after
            if commit.parents and change.before_path:
                yield (commit.parents[0], change.before_path), before


def _approved(ctx: Context) -> list[tuple[SourceFile, date]]:
    return [(s, d.approved_on) for s, d in ctx.corpus.typed
            if d.status == "approved" and d.approved_on is not None]


def unapproved_changes(history: History, path: str, approved_on: date) -> Iterator[FileChange]:
    """Content changes after `approved_on` made after the approval was last recorded."""
    for entry in history.of(path).changes:
        commit, change = entry.commit, entry.change
        if commit.day <= approved_on:
            return  # newest first: everything older predates the approval
        if change.status == "R" and change.score == 100:
            continue  # a pure rename: same content, same approval; nothing to read
        before = _approval(history, commit.parents[0], change.before_path) if commit.parents else None
        if before != _approval(history, commit.sha, change.path):
            return  # this commit recorded the approval in force; older commits are covered
        edited = change.status in ("M", "T") or (change.status == "R" and change.score != 100)
        if edited and not _records_a_review(history, entry):
            yield entry


def _records_a_review(history: History, entry: FileChange) -> bool:
    """A periodic review (last_reviewed and next_review moved, nothing else) is not new content."""
    commit, change = entry.commit, entry.change
    before_path = change.before_path or change.path
    before = history.snapshot(commit.parents[0], before_path) if commit.parents else None
    return review_only(before, history.snapshot(commit.sha, change.path))


def _approval(history: History, commit: str, path: str | None) -> tuple[Any, ...] | None:
    data = history.front_matter(commit, path) if path else None
    return None if data is None else tuple(str(data.get(key)) for key in APPROVAL)


def _message(approved_on: date, late: list[FileChange]) -> str:
    named = ", ".join(f"{e.commit.short_sha} ({e.commit.day}, {e.commit.subject!r})" for e in late[:SHOWN])
    more = f" and {len(late) - SHOWN} more" if len(late) > SHOWN else ""
    return (f"content changed after the approval of {approved_on} without a new approval: {named}{more}; "
            "bump the version and record the new approval (approved_on, approver), "
            "or set status to draft or in-review")

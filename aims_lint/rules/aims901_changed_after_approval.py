"""An approved document must not change after its approval without a new approval.

Git shows what the front matter only claims: a commit that changed an approved
document's content on a day after its `approved_on`, later than the commit
that recorded that approval, and without recording a new one (new
`approved_on` or `approver`, or a status other than approved), means readers
see text nobody approved. The commit that recorded the approval is the one
the evidence levels judge (`approvals.events.current_event`, the newest that
states it), so the two never disagree. Bumping `version` alone, on a day
after `approved_on`, is not enough: the new version needs its own approval.
A commit's day is its committer date (when the change entered the history);
a merge commit that brings such a change counts, as do the branch commits it
brought, but a merge that brings in the commit that recorded the approval is
that approval arriving, not new content, as long as it takes the branch's
text whole (`events.taken_whole`). A merge that states the branch's
approval over text of its own (a resolution edited in `git merge
--no-commit`) is a content change after that approval. Pure renames are not content
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

from aims_lint.approvals.events import (
    approval_events,
    branch_commits,
    current_event,
    reads,
    restates,
    sets_approval,
    taken_whole,
)
from aims_lint.approvals.model import ApprovalEvent
from aims_lint.document import SourceFile
from aims_lint.history import FileChange, History, Read
from aims_lint.history.review_only import review_only
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS901", "changed-after-approval", Severity.ERROR,
    "Approved documents must not change after approval without a new approval.", needs_history=True,
)
SHOWN = 3  # commits named in one finding


def check(ctx: Context) -> Iterator[Finding]:
    history = ctx.history
    if history is None or not history.available:
        return
    for source, approved_on in _approved(ctx):
        event = current_event(history, source.path, source.data)
        late = list(unapproved_changes(history, source.path, approved_on, event))
        if late:
            yield RULE.at(source, "/approved_on", _message(approved_on, late))


def revisions(ctx: Context) -> Iterator[Read]:
    """The revisions `current_event` and `unapproved_changes` compare, loaded before rules run."""
    history = ctx.history
    if history is None or not history.available:
        return
    for source, _ in _approved(ctx):
        yield from reads(history, source.path)


def _approved(ctx: Context) -> list[tuple[SourceFile, date]]:
    return [(s, d.approved_on) for s, d in ctx.corpus.typed
            if d.status == "approved" and d.approved_on is not None]


def unapproved_changes(history: History, path: str, approved_on: date,
                       event: ApprovalEvent | None) -> Iterator[FileChange]:
    """Content changes after `approved_on` made after the approval was last recorded.

    The walk ends at the commit that set the approval `event` (the current
    one) states: the event's own commit, or, when that commit only moved the
    version, the newest event before it that set the approval day. Without an
    event (the approval is not committed yet) the approval is being recorded
    now, and every commit is judged by its day alone.
    """
    stop = _setting(history, path, event)
    for entry in history.of(path).changes:
        commit, change = entry.commit, entry.change
        if (commit.sha, change.path) == stop:
            return  # this commit recorded the approval in force; older commits are covered
        if commit.day <= approved_on:
            return  # newest first: everything older predates the approval
        if change.status == "R" and change.score == 100:
            continue  # a pure rename: same content, same approval; nothing to read
        if (stop and commit.is_merge and stop[0] in branch_commits(history.log, commit)
                and taken_whole(history, entry)):
            continue  # the merge brings the approval in (its branch's later edits are judged on their own)
        edited = change.status in ("M", "T") or (change.status == "R" and change.score != 100)
        if edited and not _records_a_review(history, entry):
            yield entry


def _setting(history: History, path: str, event: ApprovalEvent | None) -> tuple[str, str] | None:
    """(commit, path) of the newest event up to `event` that set the approval, not only a version."""
    if event is None:
        return None
    events = approval_events(history, path)
    keys = [(found.commit.sha, found.path) for found in events]
    key = (event.commit.sha, event.path)
    upto = events[: keys.index(key) + 1] if key in keys else [event]
    for found in reversed(upto):
        if restates(history, events, found):
            continue  # a merge over the branch's approval with text of its own: judged as an edit
        if sets_approval(history, found):
            return found.commit.sha, found.path
    return None


def _records_a_review(history: History, entry: FileChange) -> bool:
    """A periodic review (last_reviewed and next_review moved, nothing else) is not new content."""
    commit, change = entry.commit, entry.change
    before_path = change.before_path or change.path
    before = history.snapshot(commit.parents[0], before_path) if commit.parents else None
    return review_only(before, history.snapshot(commit.sha, change.path))


def _message(approved_on: date, late: list[FileChange]) -> str:
    named = ", ".join(f"{e.commit.short_sha} ({e.commit.day}, {e.commit.subject!r})" for e in late[:SHOWN])
    more = f" and {len(late) - SHOWN} more" if len(late) > SHOWN else ""
    return (f"content changed after the approval of {approved_on} without a new approval: {named}{more}; "
            "bump the version and record the new approval (approved_on, approver), "
            "or set status to draft or in-review")

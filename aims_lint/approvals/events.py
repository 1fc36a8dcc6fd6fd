"""Every approved version of a document, and the commit that recorded each, from the one history pass.

An approval is recorded by the commit whose revision of the document is
`status: approved` with an approval (`version`, `approved_on`, `approver`)
its first parent's revision did not have: the commit that set `approved_on`
or `version`, or made the status approved. That commit is what the evidence
levels look at (its trailers, its signature, the pull request that merged
it). Every ordinary commit that does so is its own event, even when it
states an approval an older commit stated already: approved, set back to
draft and rewritten, then approved again with the same three fields is two
events, and the second (the newest) is the one that vouches for the text in
force. A merge commit that brings a branch's approval in is not a second
approval: the branch commit it brought in recorded it. It brings it in only
when its revision of the document is a revision one of its other parents
had (same front matter, same body: the branch's text, taken whole). A merge
that records an approval no commit it brought in had (one resolved in the
merge itself, or a replay on the main line's side) is its own, and so is a
merge that states the branch's approval over text of its own (a
`git merge --no-commit` whose resolution edited the body, or a merge that
combined both sides' edits): nobody approved that text on the branch, so
the branch commit's trailer or signature is no evidence for it. AIMS901
counts such a merge as a content change after the branch's approval
(`restates`).

The revisions compared are those `reads()` names; the engine (or the site,
the `history` command) loads them in one `git cat-file --batch` before
anything asks. Costs are in benchmarks/RESULTS.md, "Approved versions".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aims_lint.approvals.model import ApprovalEvent
from aims_lint.history import History
from aims_lint.history.graph import ancestors
from aims_lint.history.model import Commit, FileChange, Log, Read

Approval = tuple[str | None, str | None, str | None]  # version, approved_on, approver


def reads(history: History, path: str) -> Iterator[Read]:
    """Every revision `approval_events` compares for the document at `path`."""
    for entry in history.of(path).changes:
        commit, change = entry.commit, entry.change
        if change.status == "D":
            continue
        before, after = change.blobs or (None, None)
        yield (commit.sha, change.path), after
        if change.before_path is not None and commit.parents:
            yield (commit.parents[0], change.before_path), before
        for parent in commit.parents[1:]:  # what a merge may have taken whole (`taken_whole`)
            for name in dict.fromkeys(p for p in (change.path, change.before_path) if p):
                yield (parent, name), None  # the log gives first-parent blobs only: asked by name


def approval_events(history: History, path: str) -> list[ApprovalEvent]:
    """The document's approved versions, oldest first (an empty list without history)."""
    if not history.available:
        return []
    found = [(entry, recorded) for entry in reversed(history.of(path).changes)
             if (recorded := _recorded(history, entry)) is not None]
    by_commit = {entry.commit.sha: approval for entry, (approval, _, _) in found if not entry.commit.is_merge}
    events = []
    for entry, (approval, data, body) in found:
        merge = entry.commit if entry.commit.is_merge else None
        if (merge and any(by_commit.get(sha) == approval for sha in branch_commits(history.log, merge))
                and taken_whole(history, entry)):
            continue  # the merge brought in a branch commit's approved text: that commit is the event
        events.append(_event(entry, approval, data, body))
    return events


def current_event(history: History, path: str, data: dict[str, Any]) -> ApprovalEvent | None:
    """The event that recorded the approval `data` (the work tree's front matter) states.

    The newest such event: when the same approval was recorded twice (approved,
    set back to draft and changed, approved again with the same fields), the
    later commit is the one that approved the text in force. None when the
    document is not approved, or its approval is not committed yet (a local
    run before the commit: nothing in git to judge).
    """
    if data.get("status") != "approved":
        return None
    wanted = approval_of(data)
    matching = [event for event in approval_events(history, path) if _key(event) == wanted]
    return matching[-1] if matching else None


def taken_whole(history: History, entry: FileChange) -> bool:
    """Whether a merge's revision of the document is, front matter and body, the revision one of
    its other parents had: the merge took that side's text as it was, and edited nothing."""
    commit, change = entry.commit, entry.change
    mine = history.snapshot(commit.sha, change.path)
    names = dict.fromkeys(p for p in (change.path, change.before_path) if p)
    return mine is not None and any(history.snapshot(parent, name) == mine
                                    for parent in commit.parents[1:] for name in names)


def restates(history: History, events: list[ApprovalEvent], event: ApprovalEvent) -> bool:
    """Whether `event` is a merge stating the approval a commit it brought in recorded.

    Such a merge is an event of its own (its text is not the branch's: see
    `approval_events`), but it approves nothing new: the approval day is the
    branch's, and the text it holds is a change after it (AIMS901)."""
    if not event.commit.is_merge:
        return False
    brought = branch_commits(history.log, event.commit)
    return any(_key(other) == _key(event) and other.commit.sha in brought for other in events)


def sets_approval(history: History, event: ApprovalEvent) -> bool:
    """Whether the event's commit moved the document into `approved` or set a new `approved_on` or
    `approver`, not only a new `version` while approved (AIMS901: a version alone dates nothing)."""
    commit, change = event.commit, event.entry.change
    if change.before_path is None or not commit.parents:
        return True
    before = history.front_matter(commit.parents[0], change.before_path)
    if before is None or before.get("status") != "approved":
        return True
    return approval_of(before)[1:] != (event.approved_on, event.approver)


def approval_of(data: dict[str, Any]) -> Approval:
    return (_text(data.get("version")), _text(data.get("approved_on")), _text(data.get("approver")))


def _recorded(history: History, entry: FileChange) -> tuple[Approval, dict[str, Any], str] | None:
    """(approval, front matter, body) when this commit records an approval, else None."""
    commit, change = entry.commit, entry.change
    if change.status == "D":
        return None
    after = history.snapshot(commit.sha, change.path)
    if after is None or after[0].get("status") != "approved":
        return None
    data, body = after
    before = None
    if change.before_path is not None and commit.parents:
        before = history.snapshot(commit.parents[0], change.before_path)
    approval = approval_of(data)
    if before is not None and before[0].get("status") == "approved" and approval_of(before[0]) == approval:
        return None  # approved before with the same approval: an edit, or a review record
    return approval, data, body


def branch_commits(log: Log, merge: Commit) -> frozenset[str]:
    """The commits a merge brought in: reachable from its other parents, not from its first.

    Not the main line's view (`graph.brought_in`): a merge of main into a
    branch brings main's commits into the branch, and an approval it carries
    was recorded by them."""
    return ancestors(log, merge.parents[1:]) - ancestors(log, merge.parents[:1])



def _event(entry: FileChange, approval: Approval, data: dict[str, Any], body: str) -> ApprovalEvent:
    version, approved_on, approver = approval
    return ApprovalEvent(entry, entry.change.path, version, approved_on, approver, data, body)


def _key(event: ApprovalEvent) -> Approval:
    return (event.version, event.approved_on, event.approver)


def _text(value: object) -> str | None:
    return None if value is None else str(value)

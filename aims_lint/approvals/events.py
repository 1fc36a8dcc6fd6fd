"""Every approved version of a document, and the commit that recorded each, from the one history pass.

An approval is recorded by the commit whose revision of the document is
`status: approved` with an approval (`version`, `approved_on`, `approver`)
its first parent's revision did not have: the commit that set `approved_on`
or `version`, or made the status approved. That commit is what the evidence
levels look at (its trailers, its signature, the pull request that merged
it). A merge commit that brings a branch's approval in is not a second
approval: the branch's commit recorded it. A merge that records an approval
no commit on either side had (one resolved in the merge itself) is its own.

The revisions compared are those `reads()` names; the engine (or the site,
the `history` command) loads them in one `git cat-file --batch` before
anything asks. Costs are in benchmarks/RESULTS.md, "Approved versions".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aims_lint.approvals.model import ApprovalEvent
from aims_lint.history import History
from aims_lint.history.model import FileChange, Read

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


def approval_events(history: History, path: str) -> list[ApprovalEvent]:
    """The document's approved versions, oldest first (an empty list without history)."""
    if not history.available:
        return []
    events: list[ApprovalEvent] = []
    seen: set[Approval] = set()
    merges: list[tuple[FileChange, Approval, dict[str, Any], str]] = []
    for entry in reversed(history.of(path).changes):
        recorded = _recorded(history, entry)
        if recorded is None:
            continue
        approval, data, body = recorded
        if entry.commit.is_merge:
            merges.append((entry, approval, data, body))
            continue
        if approval not in seen:
            seen.add(approval)
            events.append(_event(entry, approval, data, body))
    for entry, approval, data, body in merges:  # only what no commit of either side recorded
        if approval not in seen:
            seen.add(approval)
            events.append(_event(entry, approval, data, body))
    order = {fc.commit.sha: index for index, fc in enumerate(reversed(history.of(path).changes))}
    return sorted(events, key=lambda event: order[event.commit.sha])


def current_event(history: History, path: str, data: dict[str, Any]) -> ApprovalEvent | None:
    """The event that recorded the approval `data` (the work tree's front matter) states.

    None when the document is not approved, or its approval is not committed
    yet (a local run before the commit: nothing in git to judge).
    """
    if data.get("status") != "approved":
        return None
    wanted = approval_of(data)
    matching = [event for event in approval_events(history, path) if _key(event) == wanted]
    return matching[-1] if matching else None


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


def _event(entry: FileChange, approval: Approval, data: dict[str, Any], body: str) -> ApprovalEvent:
    version, approved_on, approver = approval
    return ApprovalEvent(entry, entry.change.path, version, approved_on, approver, data, body)


def _key(event: ApprovalEvent) -> Approval:
    return (event.version, event.approved_on, event.approver)


def _text(value: object) -> str | None:
    return None if value is None else str(value)

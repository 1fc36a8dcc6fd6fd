"""At the trailer level, the commit that recorded an approval must name the approver in a trailer.

With `approval_evidence = "trailer"` (docs/approvals.md), each approved
document's current approval is looked up in git: the commit that recorded
it (set `approved_on` or `version`, or made the status approved). That
commit's message, or that of the main-line merge that brought it in, must
carry an `Approved-by:` trailer, so the history itself says who approved
the version, not only the front matter. In a squash merge the trailers of
the squashed commits count wherever they stand in the body. A trailer that
names someone other than the approver role's holder is AIMS911; an approval
not committed yet is AIMS913. An approval that re-points `approver` needs
the trailer of the approver before it (`approvals/approver_change.py`), and
a merge whose text is its own (an edited resolution) records its approval
itself: the branch commit's trailer does not cover it.

Passing::

    Approve POL-004 AI policy version 2.1

    Approved-by: Dana Reyes <dana.reyes@example.org>

Failing::

    Update the AI policy to 2.1      # no Approved-by trailer in the commit that set approved_on
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals.approvers import approved_by
from aims_lint.approvals.recording import (
    Judged,
    holders_for,
    judged,
    merges_by_commit,
    reads_for,
    repointed,
    trailer_level,
    who,
)
from aims_lint.history import Commit, Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS910", "approval-trailer-missing", Severity.ERROR,
    "The commit that recorded an approval must carry an Approved-by trailer (trailer level).",
    needs_history=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    items = list(judged(ctx, trailer_level))
    if ctx.history is None or not items:
        return  # at the claim level: no merge graph to walk
    merges = merges_by_commit(ctx.history)
    for item in items:
        event = item.event
        role, holders = holders_for(ctx, item.source, event) if event else (None, [])
        if event is None or role is None:
            continue  # not committed yet (AIMS913), or no such role (AIMS301)
        merge = merges.get(event.commit.sha)
        if not any(approved_by(c) for c in _recording(event.commit, merge)):
            named = who(role, holders, item.day) + repointed(event, role)
            yield RULE.at(item.source, "/approver", _message(item, merge, named))


def revisions(ctx: Context) -> Iterator[Read]:
    return reads_for(ctx, trailer_level)


def _recording(commit: Commit, merge: Commit | None) -> list[Commit]:
    return [commit] if merge is None else [commit, merge]


def _message(item: Judged, merge: Commit | None, named: str) -> str:
    assert item.event is not None
    sha = item.event.commit.short_sha
    where = (f"in commit {sha}, which has no" if merge is None
             else f"in commit {sha} (merged in {merge.short_sha}); neither has an")
    return (f"{item.event.label} was approved {where} Approved-by trailer naming {named}; "
            "approve it again in a commit with that trailer (aims-lint review ID --by ROLE "
            "--approve --message writes one)")

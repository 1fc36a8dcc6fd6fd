"""An approval cannot be recorded in git before the day it says it was given.

Above the claim level (`approval_evidence` "trailer", "signed" or
"forge"), the commit that recorded a document's current approval is its
evidence. When that commit, and the main-line merge that brought it in,
are both dated before the recorded `approved_on`, the history contradicts
the front matter: the record predates the approval it claims. The latest
of the commit's author and committer days and the merge's day is taken,
so a change prepared before the meeting and merged after it passes.

Passing::

    approved_on: 2026-03-01     # recorded by a commit of 2026-03-02

Failing::

    approved_on: 2026-03-01     # recorded by a commit of 2026-02-20, merged the same day
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals.recording import git_backed, judged, merges_by_commit, reads_for
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS912", "approval-recorded-before-approval", Severity.ERROR,
    "The commit that recorded an approval must not predate its approved_on.", needs_history=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    items = list(judged(ctx, git_backed))
    if ctx.history is None or not items:
        return  # at the claim level: no merge graph to walk
    merges = merges_by_commit(ctx.history)
    for item in items:
        if item.event is None or item.day is None:
            continue
        commit = item.event.commit
        merge = merges.get(commit.sha)
        entered = max(commit.day, commit.author.day, *((merge.day,) if merge else ()))
        if entered < item.day:
            merged = f" (merged in {merge.short_sha})" if merge else ""
            yield RULE.at(item.source, "/approved_on", (
                f"{item.event.label} was approved on {item.day} according to commit "
                f"{commit.short_sha}{merged}, which is dated {entered}, before that day: the "
                "history cannot back an approval that had not happened yet; record the approval "
                "on or after the day it is given"))


def revisions(ctx: Context) -> Iterator[Read]:
    return reads_for(ctx, git_backed)

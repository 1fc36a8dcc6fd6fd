"""An approval should enter the history when it is given, not weeks later.

Above the claim level, the commit that recorded a document's current
approval is its evidence. When that commit is dated more than 30 days
after the recorded `approved_on`, the history shows nothing of the
approval until then: the front matter claims an approval the history
cannot date (an auditor reads it as backdated). The earlier of the
commit's author and committer days is taken, so a later rebase does not
count against it. A warning: a late record can be true, and the auditor
should see it.

Passing::

    approved_on: 2026-03-01     # recorded by a commit of 2026-03-03

Failing::

    approved_on: 2026-01-10     # recorded by a commit of 2026-06-01
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals.recording import git_backed, judged, reads_for
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS914", "approval-recorded-late", Severity.WARNING,
    "An approval should be committed within 30 days of its approved_on.", needs_history=True,
)
LATE_DAYS = 30  # a meeting's minutes and the commit that records its approval: within a month


def check(ctx: Context) -> Iterator[Finding]:
    for item in judged(ctx, git_backed):
        if item.event is None or item.day is None:
            continue
        commit = item.event.commit
        recorded = min(commit.day, commit.author.day)
        late = (recorded - item.day).days
        if late > LATE_DAYS:
            yield RULE.at(item.source, "/approved_on", (
                f"{item.event.label} was approved on {item.day} according to its front matter, "
                f"but commit {commit.short_sha} recorded it on {recorded}, {late} days later: the "
                "history shows nothing of the approval before then; record approvals when they "
                "are given (or approve again, with the day of the new approval)"))


def revisions(ctx: Context) -> Iterator[Read]:
    return reads_for(ctx, git_backed)

"""At the forge level, the holder's approval must stand: not dismissed, and of the final change.

The holder approved the pull request, but that approval does not cover
what merged: it was dismissed, or it approved an earlier head commit and
more commits were pushed afterwards (what merged is not what was approved),
or a later review of theirs requested changes. The record names the commit
each review approved and the pull request's final head, so this is decided
offline.

Passing::

    # record: head 5678def; review by mlindqvist, APPROVED, commit_id 5678def

Failing::

    # record: head 5678def; review by mlindqvist, APPROVED, commit_id 1234abc
    # (a commit was pushed after the approval)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals import forge
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS923", "forge-approval-stale", Severity.ERROR,
    "The holder's approving review was dismissed or did not approve the pull request's final head.",
    needs_history=True,
)


def revisions(ctx: Context) -> Iterator[Read]:
    yield from forge.revisions(ctx)


def reads_forge(ctx: Context) -> bool:
    return forge.needs_forge(ctx)


def check(ctx: Context) -> Iterator[Finding]:
    for verdict in forge.judge(ctx):
        if verdict.kind == "stale":
            yield RULE.at(verdict.source, "/approver", verdict.message)

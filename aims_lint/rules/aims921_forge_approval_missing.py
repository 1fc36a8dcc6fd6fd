"""At the forge level, the approver role's holder must have approved the pull request on GitHub.

The record of the pull request that merged the approval must hold an
approving review by the GitHub handle the roles registry gives whoever held
the approver role on `approved_on` (a past holder counts for the days they
held it). Reviews by anyone else do not count, however senior; nor does a
holder whose last deciding review requested changes. A holder without a
`github` handle in the registry cannot be matched at all, which is said so.

Passing::

    # roles registry: top-management held by Mara Lindqvist, github: mlindqvist
    # record of pull request #12: a review by mlindqvist, APPROVED, on the final head

Failing::

    # record of pull request #12: approved by tferreira only
    # (the approver is top-management, whose holder is mlindqvist)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals import forge
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS921", "forge-approval-missing", Severity.ERROR,
    "The pull request that merged an approval has no approving review by the approver's holder.",
    needs_history=True,
)


def revisions(ctx: Context) -> Iterator[Read]:
    yield from forge.revisions(ctx)


def reads_forge(ctx: Context) -> bool:
    return forge.needs_forge(ctx)


def check(ctx: Context) -> Iterator[Finding]:
    for verdict in forge.judge(ctx):
        if verdict.kind == "no-review":
            yield RULE.at(verdict.source, "/approver", verdict.message)

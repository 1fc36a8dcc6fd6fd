"""At the forge level, the holder's approval must not be the only one on a change only they wrote.

Segregation of duties, as the forge saw it: when every commit of the pull
request was written by the approver role's holder and their review is the
only approval, nobody but the author looked at the change. GitHub stops a
pull request's author approving it, but not the author of every commit on
a pull request someone else opened. A second approving reviewer, or a
co-author among the commit authors, is enough.

Passing::

    # pull request #12: commits by tferreira, approved by mlindqvist (top-management)

Failing::

    # pull request #12, opened by tferreira: every commit by mlindqvist,
    # approved by mlindqvist alone
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals import forge
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS922", "forge-self-approval", Severity.ERROR,
    "The only approval of a pull request is by its only author.",
    needs_history=True,
)


def revisions(ctx: Context) -> Iterator[Read]:
    yield from forge.revisions(ctx)


def reads_forge(ctx: Context) -> bool:
    return forge.needs_forge(ctx)


def check(ctx: Context) -> Iterator[Finding]:
    for verdict in forge.judge(ctx):
        if verdict.kind == "self-approved":
            yield RULE.at(verdict.source, "/approver", verdict.message)

"""At the forge level, the approving reviewer must have held the role on the day of the review.

The approval's `approved_on` names a day the reviewer held the approver
role, but the forge recorded their review on another day, when they did
not (they had handed the role on, or not yet taken it up). Backdating
`approved_on` into a former holder's time would otherwise let them approve
after they left. The review's own time, as the forge recorded it, decides;
past holders' `from` and `until` in the roles registry give the days.

Passing::

    # Mara Lindqvist held top-management until 2026-06-30; her review: 2026-03-02

Failing::

    # approved_on: 2026-06-15 (Mara's time), but her review was submitted on
    # 2026-08-03, when Dana Reyes held top-management
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals import forge
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS924", "forge-approver-not-holder", Severity.ERROR,
    "The approving review was submitted on a day its reviewer did not hold the approver role.",
    needs_history=True,
)


def revisions(ctx: Context) -> Iterator[Read]:
    yield from forge.revisions(ctx)


def reads_forge(ctx: Context) -> bool:
    return forge.needs_forge(ctx)


def check(ctx: Context) -> Iterator[Finding]:
    for verdict in forge.judge(ctx):
        if verdict.kind == "not-holder-then":
            yield RULE.at(verdict.source, "/approver", verdict.message)

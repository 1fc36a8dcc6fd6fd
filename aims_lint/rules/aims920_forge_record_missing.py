"""An approval at the forge level must be covered by the record of the pull request that merged it.

With `approval_evidence = "forge"` (or a type or classification raised to
it), the commit that recorded a document's current approval must have come
in through a pull request whose record the approvals workflow
(`.github/workflows/approvals.yml`) wrote at merge time, as a git note under
`refs/notes/aims-approvals` on the merge, squash or rebased tip commit. A
commit pushed straight to the branch has none; nor does a clone that never
fetched the notes ref (the message then says how). A note that is not a
valid record is reported with what is wrong with it. In pull-request mode
the pull request's own approval is not judged: its record is written when
it merges.

Passing::

    # POL-001 v1.1 approved in a commit merged by pull request #12;
    # refs/notes/aims-approvals holds the workflow's record on the merge commit

Failing::

    # POL-001 v1.1 approved in commit abc1234, pushed to main directly:
    # no note under refs/notes/aims-approvals covers it
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals import forge
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS920", "forge-record-missing", Severity.ERROR,
    "An approval at the forge level has no record of the pull request that merged it.",
    needs_history=True,
)


def revisions(ctx: Context) -> Iterator[Read]:
    yield from forge.revisions(ctx)


def reads_forge(ctx: Context) -> bool:
    return forge.needs_forge(ctx)


def check(ctx: Context) -> Iterator[Finding]:
    for verdict in forge.judge(ctx):
        if verdict.kind == "no-record":
            yield RULE.at(verdict.source, "/approver", verdict.message)

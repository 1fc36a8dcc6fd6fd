"""An approved document must name its approver and its approval date.

`status: approved` is a claim an auditor will test: who approved it, and
when. Both `approver` and `approved_on` must be filled in.

Passing::

    status: approved
    approver: top-management
    approved_on: 2026-03-01

Failing::

    status: approved
    approver: top-management
    # approved_on missing
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS303",
    "approval-incomplete",
    Severity.ERROR,
    "Approved documents need an approver and a date.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, doc in ctx.corpus.typed:
        if doc.status != "approved":
            continue
        if not doc.approver:
            yield RULE.at(source, "/approver", "approved document has no approver")
        if doc.approved_on is None and "approved_on" not in source.data:
            yield RULE.at(
                source, "/approved_on", "approved document has no approval date (approved_on)"
            )

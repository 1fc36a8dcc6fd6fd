"""An approval date must not lie in the future.

A document cannot have been approved on a date that has not come yet; a
future `approved_on` is usually a typo in the year. Compared with `--today`.

Passing::

    approved_on: 2026-03-01     # with --today 2026-06-01

Failing::

    approved_on: 2027-03-01     # with --today 2026-06-01
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS304", "approval-in-future", Severity.ERROR, "Approval dates must not be in the future."
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, doc in ctx.corpus.typed:
        if doc.approved_on and doc.approved_on > ctx.today:
            yield RULE.at(
                source,
                "/approved_on",
                f"approved_on {doc.approved_on} is after today ({ctx.today})",
            )

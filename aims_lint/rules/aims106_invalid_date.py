"""Date fields must hold real dates written YYYY-MM-DD.

Review, approval and event dates drive the review rules, so they must be
real calendar dates in ISO format. `banana`, `2026-02-30` and `10/01/2026`
are all refused.

Passing::

    ---
    next_review: 2027-01-10
    ---

Failing::

    ---
    next_review: 2027-02-30
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS106",
    "invalid-date",
    Severity.ERROR,
    "Date fields must hold real dates written YYYY-MM-DD.",
    key=RuleKey.INVALID_DATE,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

"""Every document file must be readable.

A file that exists but cannot be opened (permissions, a broken link) is
reported instead of being skipped, so no document silently drops out of
the check.

Passing::

    (policies/ai-policy.md readable by the user running the check)

Failing::

    (policies/ai-policy.md with mode 000)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS014",
    "unreadable-file",
    Severity.ERROR,
    "Every document file must be readable.",
    key=RuleKey.UNREADABLE_FILE,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

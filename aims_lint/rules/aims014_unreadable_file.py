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

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS014", "unreadable-file", Severity.ERROR, "Every document file must be readable."
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

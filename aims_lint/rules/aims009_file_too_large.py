"""A document must not exceed the configured size limit.

Files larger than `max_file_bytes` (default 1 MiB) are not read, which
bounds the time and memory one file can take. Large evidence belongs in an
attachment referenced from a record, not in the Markdown itself.

Passing::

    (a document of a few kilobytes)

Failing::

    (a 5 MiB export pasted into records/)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS009",
    "file-too-large",
    Severity.ERROR,
    "A document must not exceed the configured size limit.",
    key=RuleKey.FILE_TOO_LARGE,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

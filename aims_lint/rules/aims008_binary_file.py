"""A document must be text, not binary.

A file with NUL bytes in its first 8 KiB is treated as binary and not
parsed. It usually means a file was saved with the wrong extension.

Passing::

    ---
    id: POL-001
    ---

Failing::

    (a .md file holding a PDF or an image)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS008",
    "binary-file",
    Severity.ERROR,
    "A document must be text, not binary.",
    key=RuleKey.BINARY_FILE,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

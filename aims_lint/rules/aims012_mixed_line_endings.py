"""Use one line-ending style per file.

Files with CRLF line endings are read normally; a file that mixes LF and
CRLF usually means two editors fought over it and makes diffs noisy. The
finding names the first line whose ending differs from the rest.

Passing::

    (every line ends in LF)

Failing::

    (line 1 ends in CRLF, line 2 in LF)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS012",
    "mixed-line-endings",
    Severity.WARNING,
    "Use one line-ending style per file.",
    key=RuleKey.MIXED_LINE_ENDINGS,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

"""A document file must not be empty.

An empty (or whitespace-only) Markdown file under a document folder is a
document that was never written. Delete it or fill it in.

Passing::

    ---
    id: POL-001
    ---

Failing::

    (a file of zero bytes)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS007",
    "empty-file",
    Severity.ERROR,
    "A document file must not be empty.",
    key=RuleKey.EMPTY_FILE,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

"""The front-matter block must be closed by a second '---' line.

The block opened by `---` on line 1 must end with a line holding only `---`
(or `...`). Without it the whole file would be read as YAML, so nothing is read.

Passing::

    ---
    id: POL-001
    ---
    Body

Failing::

    ---
    id: POL-001
    Body, but the block never closes
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS002",
    "unclosed-front-matter",
    Severity.ERROR,
    "The front-matter block must be closed by a second '---' line.",
    key=RuleKey.UNCLOSED_FRONT_MATTER,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

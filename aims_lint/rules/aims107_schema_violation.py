"""Values must meet the other constraints of their schema.

Everything else a schema can say: minimum lengths, numeric ranges, unique
list items, item counts. Also raised when a schema was loosened so far that
the built-in rules can no longer read a field.

Passing::

    ---
    title: AI policy
    ---

Failing::

    ---
    title: AI
    ---   # shorter than minLength 3
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS107",
    "schema-violation",
    Severity.ERROR,
    "Values must meet the other constraints of their schema.",
    key=RuleKey.SCHEMA_VIOLATION,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

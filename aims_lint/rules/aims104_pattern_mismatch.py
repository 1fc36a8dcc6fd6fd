"""Values must match the pattern their schema sets.

Clause ids, control ids, versions and references have a fixed shape
(`pattern:` in the schema). Ids are checked by `id-format`; every other
pattern by this rule, except a framework-qualified id (`ISO27001:A.5.1`)
that a schema older than such ids rejects: that is one
`schema-rejects-qualified-ids` finding per schema file (AIMS614).

Passing::

    ---
    clauses: ["6.1.2"]
    ---

Failing::

    ---
    clauses: ["clause 6"]
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS104",
    "pattern-mismatch",
    Severity.ERROR,
    "Values must match the pattern their schema sets.",
    key=RuleKey.PATTERN_MISMATCH,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

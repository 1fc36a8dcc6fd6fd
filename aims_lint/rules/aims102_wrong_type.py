"""Each field must have the type its schema declares.

A version written `1.10` is the number 1.1 to YAML, and `true` is not the
string "true". The finding says which type was expected and, for numbers
where text belongs, how to quote the value.

Passing::

    ---
    version: "1.10"
    ---

Failing::

    ---
    version: 1.10
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS102",
    "wrong-type",
    Severity.ERROR,
    "Each field must have the type its schema declares.",
    key=RuleKey.WRONG_TYPE,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

"""A key may appear only once in a mapping.

YAML forbids duplicate keys, but most parsers silently keep the last value,
so a second `status:` can hide the first one. The finding points at the
repeated key and names the line of the first.

Passing::

    ---
    status: draft
    version: "0.1"
    ---

Failing::

    ---
    status: approved
    version: "1.0"
    status: draft
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS004",
    "duplicate-key",
    Severity.ERROR,
    "A key may appear only once in a mapping.",
    key=RuleKey.DUPLICATE_KEY,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

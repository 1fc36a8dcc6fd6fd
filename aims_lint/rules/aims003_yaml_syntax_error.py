"""The front matter must be valid YAML.

The front matter is parsed as YAML 1.2 with the core schema. A syntax error
is reported at the line and column where the parser stopped; the rest of the
repository is still checked. Tags that build objects (`!!python/...`,
`!!timestamp`, `!!binary`) are refused as errors too.

Passing::

    ---
    title: "AI policy"
    clauses: ["5.2"]
    ---

Failing::

    ---
    title: "AI policy
    clauses: ["5.2"
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS003",
    "yaml-syntax-error",
    Severity.ERROR,
    "The front matter must be valid YAML.",
    key=RuleKey.YAML_SYNTAX_ERROR,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

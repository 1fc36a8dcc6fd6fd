"""Front matter must not use anchors, aliases or deep nesting.

Anchors and aliases (`&a`, `*a`) let a few lines expand into gigabytes
(the "billion laughs" attack), and nesting deeper than 32 levels is never a
document header. Both are refused with a finding instead of being expanded.
The depth limit is aims-lint's own, checked before the YAML library builds
anything: a library that refuses deep nesting itself (libyaml 0.2.6 does, at
1,000 levels) changes neither the finding nor its place.

Passing::

    ---
    clauses: ["5.2", "5.3"]
    ---

Failing::

    ---
    a: &x [1, 2]
    b: *x
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS010",
    "yaml-too-complex",
    Severity.ERROR,
    "Front matter must not use anchors, aliases or deep nesting.",
    key=RuleKey.YAML_TOO_COMPLEX,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

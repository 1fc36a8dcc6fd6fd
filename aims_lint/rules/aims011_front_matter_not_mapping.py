"""Front matter must be a mapping of key: value pairs.

The front matter is the document's metadata record, so it must be a YAML
mapping. An empty block, a list or a bare string cannot hold an id or owner.

Passing::

    ---
    id: POL-001
    ---

Failing::

    ---
    - POL-001
    - AI policy
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS011",
    "front-matter-not-mapping",
    Severity.ERROR,
    "Front matter must be a mapping of key: value pairs.",
    key=RuleKey.FRONT_MATTER_NOT_MAPPING,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

"""A document must start with a YAML front-matter block.

Every document of the management system carries its metadata (id, owner,
status, review dates) in a YAML block between two `---` lines at the very top
of the file. A file without it cannot be identified, owned or reviewed.

Passing::

    ---
    id: POL-001
    title: AI policy
    ---
    # AI policy

Failing::

    # AI policy

    No front matter here.
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS001",
    "no-front-matter",
    Severity.ERROR,
    "A document must start with a YAML front-matter block.",
    key=RuleKey.NO_FRONT_MATTER,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

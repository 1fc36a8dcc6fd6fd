"""Front matter must not use `<<` merge keys.

`<<` was a YAML 1.1 extension that copies the fields of another mapping in.
YAML 1.2 has no such thing, so one reader merges the fields, another keeps a
field literally named `<<`, and what the document says depends on the tool
reading it. The merge key is reported and its entry left out; write the
fields out instead.

Passing::

    ---
    owner: aims-manager
    approver: top-management
    ---

Failing::

    ---
    <<: {owner: aims-manager, approver: top-management}
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS017",
    "merge-key",
    Severity.ERROR,
    "Front matter must not use '<<' merge keys.",
    key=RuleKey.MERGE_KEY,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

"""Each document id must match its type's id pattern.

Ids follow a pattern per document type, taken from the `id` property of
the type's schema (POL-001 for policies, PRO-001 for procedures, REC-001 for
records, SOA-001, ROL-001). Stable, typed ids are what references, the SoA
and the audit trail rely on.

Passing::

    ---
    id: POL-004
    type: policy
    ---

Failing::

    ---
    id: policy-4
    type: policy
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS202",
    "id-format",
    Severity.ERROR,
    "Each document id must match its type's id pattern.",
    key=RuleKey.ID_FORMAT,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

"""Every field the document type's schema requires must be present.

The list of required fields comes from the type's schema in `schemas/`
(`required:`), so an organisation can require more. The finding points at
the mapping where the field should be added.

Passing::

    ---
    id: POL-001
    owner: aims-manager
    ...
    ---

Failing::

    ---
    id: POL-001
    # no owner
    ...
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS101",
    "missing-required-field",
    Severity.ERROR,
    "Every field the document type's schema requires must be present.",
    key=RuleKey.MISSING_REQUIRED_FIELD,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

"""Fields the schema does not declare are refused.

When a schema sets `additionalProperties: false`, a field it does not list
is almost always a typo (`ownr:`) that would otherwise hide a missing
required field. Set `additionalProperties: true` in the schema, or ignore
this rule, to allow free-form fields.

Passing::

    ---
    owner: aims-manager
    ---

Failing::

    ---
    ownr: aims-manager
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS105",
    "unknown-field",
    Severity.ERROR,
    "Fields the schema does not declare are refused.",
    key=RuleKey.UNKNOWN_FIELD,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

"""A field must not still hold a placeholder.

`aims-lint adopt` brings an existing Markdown file in with every required
field present, and writes the ones only a person can fill in (the
classification, the clauses, a record's kind and date) as named
placeholders: `"TODO: ..."` saying what belongs there. Each one is a to-do
until someone writes the real value, so the document cannot pass while a
placeholder is left. The finding replaces the type or vocabulary error the
placeholder text would otherwise cause.

Passing::

    ---
    classification: internal
    ---

Failing::

    ---
    classification: "TODO: one of public, internal, confidential"
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS108",
    "placeholder-value",
    Severity.ERROR,
    "Fields must hold a real value, not a TODO placeholder.",
    key=RuleKey.PLACEHOLDER_VALUE,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

"""Indent front matter with spaces, never tabs.

YAML does not allow tab characters in indentation. The finding points at
the first tab so it can be replaced with spaces.

Passing::

    ---
    holder:
      name: Ada
    ---

Failing::

    ---
    holder:
        name: Ada
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS005",
    "tab-indentation",
    Severity.ERROR,
    "Indent front matter with spaces, never tabs.",
    key=RuleKey.TAB_INDENTATION,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

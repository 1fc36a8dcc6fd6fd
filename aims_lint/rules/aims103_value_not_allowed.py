"""Fields with a fixed vocabulary must use one of its values.

Status, classification, record kind and other fields take one of the
values their schema lists (`enum:`). The finding lists the allowed values
and suggests the closest one.

Passing::

    ---
    status: approved
    ---

Failing::

    ---
    status: aproved
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS103",
    "value-not-allowed",
    Severity.ERROR,
    "Fields with a fixed vocabulary must use one of its values.",
    key=RuleKey.VALUE_NOT_ALLOWED,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

"""Front-matter keys must not be empty.

A key written as `""` (or `''`) names no field. It cannot be addressed in a
JSON pointer the way other fields are, and a reader of the file cannot tell
what was meant. The key is reported where it stands and its entry is left
out; every other field of the document is still checked.

Passing::

    ---
    summary: a named field
    ---

Failing::

    ---
    "": a value with no field name
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS016",
    "empty-key",
    Severity.ERROR,
    "Front-matter keys must not be empty.",
    key=RuleKey.EMPTY_KEY,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

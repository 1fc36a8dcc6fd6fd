"""Front-matter keys must be text, not numbers, booleans, null, lists or mappings.

YAML reads an unquoted `true:`, `1:`, `null:` or `~:` as a boolean, a number
or null, and `? [a, b]` makes a list the key. No field has such a name, and
tools disagree on what they become (`True`, `"true"`, an error), so the key
is reported where it stands and its entry is left out; every other field of
the document is still checked. Quote a key that is meant as a name.

Passing::

    ---
    "2026": value quoted, so the key is the text 2026
    ---

Failing::

    ---
    true: a boolean key
    2026: a number key
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS015",
    "non-string-key",
    Severity.ERROR,
    "Front-matter keys must be text, not numbers, booleans, null, lists or mappings.",
    key=RuleKey.NON_STRING_KEY,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

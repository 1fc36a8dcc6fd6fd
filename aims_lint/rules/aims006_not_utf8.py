"""Documents must be encoded as UTF-8.

Documents are read as UTF-8 (a byte-order mark is accepted and ignored).
A byte that is not valid UTF-8 is reported with its line and column; a
common cause is a file saved as Latin-1 or Windows-1252.

Passing::

    ---
    title: Politique d'IA (UTF-8)
    ---

Failing::

    ---
    title: Politique d'IA (saved as Latin-1: \xe9)
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS006",
    "not-utf8",
    Severity.ERROR,
    "Documents must be encoded as UTF-8.",
    key=RuleKey.NOT_UTF8,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

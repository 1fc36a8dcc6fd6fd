"""Symbolic links must not point outside the repository.

A document that is a symbolic link to a file outside the repository would
publish or lint content nobody reviews in a pull request; it is refused and
not read. Links inside the repository are followed. Folder links are never
followed; one that leaves the repository is reported too, since nothing
below it is checked.

Passing::

    (policies/ai-policy.md is a regular file)

Failing::

    (policies/ai-policy.md -> /etc/passwd)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS013",
    "unsafe-path",
    Severity.ERROR,
    "Symbolic links must not point outside the repository.",
    key=RuleKey.UNSAFE_PATH,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

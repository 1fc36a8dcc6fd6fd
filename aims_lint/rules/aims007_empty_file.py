"""A document file must not be empty.

An empty (or whitespace-only) Markdown file under a document folder is a
document that was never written. Delete it or fill it in.

Passing::

    ---
    id: POL-001
    ---

Failing::

    (a file of zero bytes)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo("AIMS007", "empty-file", Severity.ERROR, "A document file must not be empty.")


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)

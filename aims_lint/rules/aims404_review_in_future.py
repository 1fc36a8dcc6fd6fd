"""A last-review date must not lie in the future.

`last_reviewed` records a review that happened. A future date claims a review
nobody has done yet and would push `next_review` out with it.

Passing::

    last_reviewed: 2026-05-20   # with --today 2026-06-01

Failing::

    last_reviewed: 2026-07-20   # with --today 2026-06-01
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS404", "review-in-future", Severity.ERROR, "Last review must not be in the future."
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, doc in ctx.corpus.typed:
        if doc.last_reviewed and doc.last_reviewed > ctx.today:
            yield RULE.at(
                source,
                "/last_reviewed",
                f"last_reviewed {doc.last_reviewed} is after today ({ctx.today})",
            )

"""The next review must fall within one review cycle of the last review.

`next_review` may be earlier than `last_reviewed` plus `review_cycle_months`
(reviewing sooner is always allowed) but not later: pushing the date out is
how a yearly review quietly becomes a two-yearly one. The cycle comes from
the document or, when it leaves the field out, from the schema's default;
the schema may also cap it (`maximum:`).

Passing::

    last_reviewed: 2026-01-15
    review_cycle_months: 12
    next_review: 2027-01-15

Failing::

    last_reviewed: 2026-01-15
    review_cycle_months: 12
    next_review: 2027-06-15
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.dates import add_months
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS403", "review-cycle-exceeded", Severity.ERROR, "Next review must be within one cycle."
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, doc in ctx.corpus.typed:
        last, due, cycle = doc.last_reviewed, doc.next_review, doc.review_cycle_months
        if not (last and due and cycle) or not doc.active:
            continue
        latest = add_months(last, cycle)
        if due > latest:
            yield RULE.at(
                source,
                "/next_review",
                f"next_review {due} is later than last_reviewed {last} plus {cycle} months ({latest})",
            )

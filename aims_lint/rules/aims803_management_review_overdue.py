"""Top management must review the AI management system at least every 12 months.

Management reviews (ISO/IEC 42001 9.3) lapse silently: nothing commits when
a year passes. The latest approved `management-review` record must have an
`event_date` within `management_review_months` (default 12) of today. The
finding is reported on that record's `event_date`; when there is no approved
review at all, on line 1 of the record schema (`schemas/record.schema.yaml`),
which always exists and defines what the missing record must contain.

Passing::

    record_kind: management-review
    status: approved
    event_date: 2026-03-12      # with --today 2026-11-22

Failing::

    record_kind: management-review
    status: approved
    event_date: 2025-09-30      # more than 12 months before 2026-11-22
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.dates import add_months
from aims_lint.findings import Finding, Severity
from aims_lint.inventory import approved, latest, older_than
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS803", "management-review-overdue", Severity.ERROR,
    "A management review must be recorded at least every 12 months.",
)


def check(ctx: Context) -> Iterator[Finding]:
    months = ctx.settings.management_review_months
    found = latest(approved(ctx.corpus, "management-review"))
    if found is None:
        schema = ctx.schemas.by_type.get("record")
        yield RULE.finding(
            schema.path if schema else ctx.settings.schemas, 1, 1,
            "no approved management review record (record_kind: management-review); "
            f"top management must review the AIMS at least every {months} months",
        )
        return
    source, review = found
    if older_than(review.event_date, months, ctx.today):
        due = add_months(review.event_date, months) if review.event_date else None
        when = f"was due on {due}" if due else "has no event_date"
        yield RULE.at(
            source, "/event_date",
            f"latest management review {review.id} is older than {months} months: the next one {when}",
        )

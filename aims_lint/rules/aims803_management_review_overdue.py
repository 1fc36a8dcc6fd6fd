"""Top management must review the AI management system at least every 12 months.

Management reviews (ISO/IEC 42001 9.3) lapse silently: nothing commits when
a year passes. The latest approved `management-review` record must have an
`event_date` within `management_review_months` (default 12) of today. The
finding is reported on that record's `event_date`. When there is no approved
review at all, it is reported where someone can act: a draft review record,
else the document that plans the review (one citing clause 9.3, such as the
management review procedure), else the scope, the Statement of Applicability
or the roles registry. A new system cannot have held its first review: until
`operating_since` (written by `aims-lint init`) plus the interval has passed,
the finding is a warning that says when the first review is due.

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
from aims_lint.doctypes import MANAGEMENT_REVIEW
from aims_lint.inventory import approved, latest, older_than
from aims_lint.recurring import anchor, first_due, not_yet_due
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS803", "management-review-overdue", Severity.ERROR,
    "A management review must be recorded at least every 12 months.",
)
KIND = MANAGEMENT_REVIEW
CLAUSE = "9.3"


def check(ctx: Context) -> Iterator[Finding]:
    months = ctx.settings.management_review_months
    early = not_yet_due(ctx.settings, months, ctx.today)
    for finding in _findings(ctx, months, early):
        yield finding.with_severity(Severity.WARNING) if early else finding


def _findings(ctx: Context, months: int, early: bool) -> Iterator[Finding]:
    found = latest(approved(ctx.corpus, KIND))
    if found is None:
        due = first_due(ctx.settings, months)
        if early and due is not None:
            message = (
                f"no management review recorded yet; the first is due by {due}, {months} months after "
                f"operating_since {ctx.settings.operating_since}; hold it with top management, then record "
                f'it with `aims-lint new record "Management review" --kind {KIND}` and approve the record'
            )
        else:
            message = (
                f"no approved management review record (record_kind: {KIND}); "
                f"top management must review the AIMS at least every {months} months"
            )
        yield _at_anchor(ctx, message)
        return
    source, review = found
    if older_than(review.event_date, months, ctx.today):
        due = add_months(review.event_date, months) if review.event_date else None
        when = f"was due on {due}" if due else "has no event_date"
        yield RULE.at(
            source, "/event_date",
            f"latest management review {review.id} is older than {months} months: the next one {when}",
        )


def _at_anchor(ctx: Context, message: str) -> Finding:
    place = anchor(ctx.corpus, KIND, CLAUSE)
    if place is None:  # no document at all: the finding is about the repository as a whole
        return RULE.finding(".", 1, 1, message)
    return RULE.at(*place, message)

"""An approved document whose next review date has passed is overdue.

Reviews lapse silently: nothing commits when a date passes. This rule makes
the lapse fail the check (the scheduled CI job runs it daily with the real
date). Only documents in force (`approved`) are judged; drafts and retired
documents are not reviewed. Record the review with `aims-lint review`.

Passing::

    status: approved
    next_review: 2026-09-01     # with --today 2026-06-01

Failing::

    status: approved
    next_review: 2026-05-01     # with --today 2026-06-01
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo("AIMS401", "review-overdue", Severity.ERROR, "Reviews must not be overdue.")


def check(ctx: Context) -> Iterator[Finding]:
    for source, doc in ctx.corpus.typed:
        if doc.status == "approved" and doc.next_review and doc.next_review < ctx.today:
            days = (ctx.today - doc.next_review).days
            plural = "s" if days != 1 else ""
            message = f"review was due on {doc.next_review} ({days} day{plural} overdue)"
            yield RULE.at(source, "/next_review", message)

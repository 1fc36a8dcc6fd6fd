"""A review falling due within the warning window is flagged early.

Gives owners notice before `review-overdue` fails the build. The window is
`due_soon_days` in the configuration (default 30 days).

Passing::

    next_review: 2026-09-01     # with --today 2026-06-01, window 30 days

Failing::

    next_review: 2026-06-20     # with --today 2026-06-01, window 30 days
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo("AIMS402", "review-due-soon", Severity.WARNING, "Reviews due soon are flagged.")


def check(ctx: Context) -> Iterator[Finding]:
    horizon = ctx.today + timedelta(days=ctx.settings.due_soon_days)
    for source, doc in ctx.corpus.typed:
        due = doc.next_review
        if doc.status == "approved" and due and ctx.today <= due <= horizon:
            days = (due - ctx.today).days
            yield RULE.at(source, "/next_review", f"review is due on {due} ({_when(days)})")


def _when(days: int) -> str:
    return "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"

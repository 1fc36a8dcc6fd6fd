"""An open corrective action must be due within the limit set from its nonconformity's date.

A nonconformity is dealt with when its actions are done, so an action due in
two years, or in 2099, keeps the nonconformity open on paper while nothing
happens: AIMS806 never fires because the action is never late. Each action
that is not done must be due no more than `corrective_action_max_days`
(default 90) after the nonconformity's `event_date`. Work that truly takes
longer belongs in an improvement plan or a planned change (6.3), with a
corrective action inside the limit that contains the cause until then.
Done actions are history and are not judged here. The finding is on the
action's `due` line.

Passing::

    event_date: 2026-11-11
    actions:
      - {id: CA-3, owner: platform-lead, due: 2027-02-05, status: open}

Failing::

    event_date: 2026-11-11
    actions:
      - {id: CA-3, owner: platform-lead, due: 2099-12-31, status: open}
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from aims_lint.corrective_actions import open_actions
from aims_lint.doctypes import NONCONFORMITY
from aims_lint.inventory import records
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS857", "corrective-action-due-too-late", Severity.ERROR,
    "Open corrective actions must be due within corrective_action_max_days of the nonconformity.",
)


def check(ctx: Context) -> Iterator[Finding]:
    days = ctx.settings.corrective_action_max_days
    for source, record in records(ctx.corpus, NONCONFORMITY):
        if record.event_date is None:  # the schema reports the missing date
            continue
        latest = record.event_date + timedelta(days=days)
        for action in open_actions(record):
            due = action.due
            if due is not None and due > latest:
                yield RULE.at(
                    source, action.pointer("due"),
                    f"{action.label} of {record.id} is due on {due}, {(due - record.event_date).days} days "
                    f"after the nonconformity ({record.event_date}); corrective actions are due within "
                    f"{days} days (corrective_action_max_days), by {latest}",
                )

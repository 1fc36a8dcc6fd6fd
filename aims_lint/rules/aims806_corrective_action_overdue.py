"""A corrective action of an open nonconformity must not be past its due date.

A corrective action whose `due` date has passed without a `done_on` date
means the nonconformity is not being dealt with as planned, which an auditor
raises as a finding of its own. Either finish the action (set `done_on`) or
agree a new due date and record why.

Passing::

    corrective_actions:
      - action: Retrain the support team on escalation.
        owner: people-lead
        due: 2026-10-01
        done_on: 2026-09-24

Failing::

    corrective_actions:
      - action: Retrain the support team on escalation.
        owner: people-lead
        due: 2026-10-01          # with --today 2026-11-22, no done_on
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import NONCONFORMITY
from aims_lint.inventory import extra, parse_day, records
from aims_lint.positions import join_pointer
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS806", "corrective-action-overdue", Severity.ERROR,
    "Corrective actions of open nonconformities must not be overdue.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, record in records(ctx.corpus, NONCONFORMITY):
        actions = extra(record, "corrective_actions")
        if extra(record, "nc_status") != "open" or not isinstance(actions, list):
            continue
        for index, action in enumerate(actions):
            if not isinstance(action, dict) or action.get("done_on"):
                continue
            due = parse_day(action.get("due"))
            if due is not None and due < ctx.today:
                days = (ctx.today - due).days
                yield RULE.at(
                    source, join_pointer("corrective_actions", index, "due"),
                    f"corrective action {index + 1} of {record.id} was due on {due} ({days} days overdue) "
                    "and has no done_on date",
                )

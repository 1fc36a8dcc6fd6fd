"""A corrective action of an open nonconformity must not be past its due date.

An action still open after its `due` date means the nonconformity is not
being dealt with as planned, which an auditor raises as a finding of its own.
Either finish the action (`status: done`, or a `done_on` date in the 0.1
field `corrective_actions`) or agree a new due date and record why; the new
date still has to fall within the limit AIMS857 sets.

Passing::

    actions:
      - id: CA-1
        action: Retrain the support team on escalation.
        owner: people-lead
        due: 2026-10-01
        status: done
        done_on: 2026-09-24

Failing::

    actions:
      - id: CA-1
        action: Retrain the support team on escalation.
        owner: people-lead
        due: 2026-10-01          # with --today 2026-11-22
        status: open
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.corrective_actions import open_actions
from aims_lint.doctypes import NONCONFORMITY
from aims_lint.inventory import extra, records
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS806", "corrective-action-overdue", Severity.ERROR,
    "Corrective actions of open nonconformities must not be overdue.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, record in records(ctx.corpus, NONCONFORMITY):
        if extra(record, "nc_status") != "open":
            continue
        for action in open_actions(record):
            due = action.due
            if due is not None and due < ctx.today:
                days = (ctx.today - due).days
                yield RULE.at(
                    source, action.pointer("due"),
                    f"{action.label} of {record.id} was due on {due} ({days} days overdue) and is not done",
                )

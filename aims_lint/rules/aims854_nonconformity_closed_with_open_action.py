"""A nonconformity cannot be closed while one of its actions is still open.

ISO/IEC 42001 10.2 has an organisation carry out the actions a nonconformity
needs and review that they worked before it is done with. A record with
`nc_status: closed` whose actions are not all done says the opposite of what
it claims: closing it early takes it off the dashboard and out of the
readiness verdict while the work is unfinished. Each open action is reported
on its `status` line (for the 0.1 field `corrective_actions`, on its
`done_on` line, or on the action when it has none). An action marked done
with a `done_on` after today is not done yet either: it is reported on its
`done_on` line. Finish the action, or reopen the nonconformity. (Only closed
nonconformities are checked: on an open one the date is a plan AIMS857 and
the dashboard already follow.)

Passing::

    nc_status: closed
    actions:
      - id: CA-1
        owner: ml-lead
        due: 2026-07-01
        status: done

Failing::

    nc_status: closed
    actions:
      - id: CA-1
        owner: ml-lead
        due: 2026-07-01
        status: open

    nc_status: closed       # with --today 2026-12-01
    actions:
      - {id: CA-1, owner: ml-lead, due: 2026-12-15, status: done, done_on: 2026-12-10}
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.corrective_actions import actions_of, open_actions
from aims_lint.doctypes import NONCONFORMITY
from aims_lint.inventory import extra, records
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS854", "nonconformity-closed-with-open-action", Severity.ERROR,
    "A nonconformity cannot be closed while an action is open.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, record in records(ctx.corpus, NONCONFORMITY):
        if extra(record, "nc_status") != "closed":
            continue
        for action in open_actions(record):
            yield RULE.at(
                source, action.state_pointer,
                f"nonconformity {record.id} is closed but its {action.label} is not done; "
                "finish the action or set nc_status: open",
            )
        for action in actions_of(record):
            done_on = action.done_on
            if action.done and done_on is not None and done_on > ctx.today:
                yield RULE.at(
                    source, action.pointer("done_on"),
                    f"nonconformity {record.id} is closed but its {action.label} is marked done on "
                    f"{done_on}, after today ({ctx.today}); finish the action or set nc_status: open",
                )

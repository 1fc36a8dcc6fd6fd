"""An open nonconformity needs a corrective action with an owner and a due date.

ISO/IEC 42001 10.2 asks for action on every nonconformity. A nonconformity
record with `nc_status: open` must list at least one entry in
`corrective_actions` that names an owner (a role) and a due date; otherwise
nobody is on the hook to fix it and nothing tells anyone it is late.

Passing::

    nc_status: open
    corrective_actions:
      - action: Add the missing impact assessment step to the release checklist.
        owner: ml-lead
        due: 2026-12-15

Failing::

    nc_status: open
    corrective_actions: []
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aims_lint.doctypes import NONCONFORMITY
from aims_lint.inventory import extra, records
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS805", "corrective-action-missing", Severity.ERROR,
    "Open nonconformities need a corrective action with owner and due date.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, record in records(ctx.corpus, NONCONFORMITY):
        if extra(record, "nc_status") != "open":
            continue
        actions = extra(record, "corrective_actions")
        if not any(_assigned(a) for a in (actions if isinstance(actions, list) else [])):
            pointer = "/corrective_actions" if "corrective_actions" in source.data else "/nc_status"
            yield RULE.at(
                source, pointer,
                f"open nonconformity {record.id} has no corrective action with an owner and a due date",
            )


def _assigned(action: Any) -> bool:
    """Names an owner and a due date (a malformed value is the schema rules' finding, not an owner)."""
    if not isinstance(action, dict):
        return False
    return all(isinstance(action.get(key), str) and action[key].strip() for key in ("owner", "due"))

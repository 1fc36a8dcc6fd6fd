"""An open nonconformity needs a corrective action with an owner and a due date.

ISO/IEC 42001 10.2 asks for action on every nonconformity. A nonconformity
record with `nc_status: open` must list at least one action that names an
owner (a role) and a due date; otherwise nobody is on the hook to fix it and
nothing tells anyone it is late. Actions are read from `actions` and from the
0.1 field `corrective_actions`, which is still accepted.

Passing::

    nc_status: open
    actions:
      - id: CA-1
        action: Add the missing impact assessment step to the release checklist.
        owner: ml-lead
        due: 2026-12-15
        status: open

Failing::

    nc_status: open
    actions: []
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.corrective_actions import FIELDS, actions_of
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
        if not any(_assigned(a.data) for a in actions_of(record)):
            field = next((f for f in FIELDS if f in source.data), None)
            yield RULE.at(
                source, f"/{field}" if field else "/nc_status",
                f"open nonconformity {record.id} has no corrective action with an owner and a due date",
            )


def _assigned(action: dict[str, object]) -> bool:
    """Names an owner and a due date (a malformed value is the schema rules' finding, not an owner)."""
    return all(isinstance(v := action.get(key), str) and v.strip() for key in ("owner", "due"))

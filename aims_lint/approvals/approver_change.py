"""Whose approval an approved version needs: the approver the previous approved version named.

An approval is judged against its own `approver` field, which the approving
commit itself may set. Re-pointing that field in the same commit as the
approval would let whoever holds another role approve a document they
were never meant to approve (make yourself the approver, then approve).
So an approval that changes the approver needs the evidence of the
approver before the change: the role that approved the document last hands
the authority on by approving the change. The first approval of a document
names its approver itself (there is no earlier one to ask).
"""

from __future__ import annotations

from aims_lint.approvals.events import approval_events
from aims_lint.approvals.model import ApprovalEvent
from aims_lint.history import History


def approver_to_judge(history: History, path: str, event: ApprovalEvent) -> str | None:
    """The role id whose holder must back `event`: the previous approved version's approver when
    `event` changed it, else the approver `event` names."""
    previous: ApprovalEvent | None = None
    for earlier in approval_events(history, path):
        if earlier.commit.sha == event.commit.sha:
            break
        previous = earlier
    if previous is not None and previous.approver and previous.approver != event.approver:
        return previous.approver
    return event.approver

"""In a pull request, a changed approved document must record its new approval.

Runs with `aims-lint check --base REV`. A document that was approved at the
base and whose content changed must either record the new approval (a later
`approved_on`, another `approver`, or, for a re-approval on the day of the
previous one, the same `approved_on` with a new `version`, which is what
`aims-lint review --bump` writes) or leave the approved state (`draft` or
`in-review`) until it is approved again; otherwise the old approval appears
to cover the new text.

Passing::

    # at the base: status approved, approved_on 2026-01-10; in the pull request:
    status: in-review

Failing::

    # at the base: status approved, approved_on 2026-01-10; in the pull request:
    status: approved
    approved_on: 2026-01-10   # unchanged
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS903", "approval-not-updated", Severity.ERROR,
    "Changed approved documents must record a new approval or leave approved (--base).",
    needs_history=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    base = ctx.history.base if ctx.history is not None else None
    if base is None:
        return
    for source, doc, before in base.edited(ctx.corpus.typed):
        if doc.status != "approved" or before.data.get("status") != "approved":
            continue
        old_day, new_day = str(before.data.get("approved_on")), str(source.data.get("approved_on"))
        if new_day > old_day or before.data.get("approver") != source.data.get("approver"):
            continue
        # Approved again the same day: the date cannot move, so the new version records the approval.
        if new_day == old_day and before.data.get("version") != source.data.get("version"):
            continue
        yield RULE.at(source, "/approved_on", f"approved document changed since {base.rev} but its approval "
                      f"(approved_on {new_day}) was not updated; record the new approval, or set status "
                      "to draft or in-review until it is approved")

"""Above the claim level, an approval is checked on the commit that records it: commit it.

With `approval_evidence` "trailer", "signed" or "forge", what backs an
approval is the commit that recorded it. A document whose work-tree front
matter states an approval (`version`, `approved_on`, `approver`) that no
commit in the history recorded has no evidence yet: typically a local run
before the commit, where this warning says what the commit needs. In CI,
where the checked tree is a commit, it means the approval was never
committed as it reads. Shallow clones are AIMS907.

Passing::

    # the work tree's approval (version 2.1, approved_on 2026-03-01) is committed

Failing::

    # approved_on changed to 2026-03-01 in the work tree, not committed yet
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals.recording import git_backed, judged, reads_for
from aims_lint.config import ApprovalLevel
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS913", "approval-not-committed", Severity.WARNING,
    "An approval above the claim level must be in the committed history.", needs_history=True,
)
NEEDS = {
    "trailer": "with an Approved-by trailer naming the approver role's holder",
    "signed": "signed by the approver role's holder (or tag it with their signed tag)",
    "forge": "through a pull request the approver role's holder approves",
}


def check(ctx: Context) -> Iterator[Finding]:
    for item in judged(ctx, git_backed):
        if item.event is not None:
            continue
        data = item.source.data
        doc_id = data.get("id") or item.source.path
        version = f" v{data['version']}" if data.get("version") else ""
        yield RULE.at(item.source, "/approved_on", (
            f"{doc_id}{version}: this approval is not in the committed history, so its "
            f"{item.level} evidence cannot be checked; commit it {_needs(item.level)}"))


def revisions(ctx: Context) -> Iterator[Read]:
    return reads_for(ctx, git_backed)


def _needs(level: ApprovalLevel) -> str:
    return NEEDS.get(level, "")

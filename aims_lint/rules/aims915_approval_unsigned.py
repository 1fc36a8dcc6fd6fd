"""At the "signed" level, the commit that recorded an approval must be signed, or carry a signed tag.

A trailer names the approver, but anyone who can push can write one. An SSH
signature by a key the roles registry gives the approver role's holder shows
the holder approved. This rule reports an approval whose recording commit
has no signature and no signed tag pointing at it: typically a commit made
without `-S`, or a squash or rebase merge, which drops the branch's
signatures (tag the landed commit with `git tag -s` then). Applies to the
documents whose `approval_evidence` (or `approval_evidence_by`) level is
"signed"; needs git history. The other signature rules (AIMS916-AIMS919) say
what is wrong with a signature that is there.

Passing::

    # the approval commit, made with `git commit -S` by Mara Lindqvist, whose key
    # the roles registry lists under top-management's holder
    approver: top-management

Failing::

    # the same commit made without -S, and no signed tag points at it
    approver: top-management
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals import signed
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS915", "approval-unsigned", Severity.ERROR,
    'At the "signed" level, the approval commit (or a tag on it) must be signed.', needs_history=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, judgement in signed.judged(ctx, "unsigned"):
        yield RULE.at(source, "/approver", (
            f"{signed.approved_in(judgement)}, which is not signed and has no signed tag; it needs "
            f"a signature by {signed.holders_text(judgement)}: sign the commit (git commit -S) or "
            "tag it (git tag -s)"))


def revisions(ctx: Context) -> Iterator[Read]:
    return signed.revisions(ctx)


def signed_commits(ctx: Context) -> Iterator[str]:
    return signed.signed_commits(ctx)

"""At the "signed" level, an approval must be signed by whoever held the approver role on its date.

A good signature by a key the registry lists shows who signed; it proves
the approval only if that person held the approver role on `approved_on`.
Past holders count for the days they held the role (`previous_holders`
with `from` and `until`), so an approval signed by the previous CEO while
in office still verifies after the hand-over, and one signed by someone
else does not. This rule reports an approval whose closest signature is
good but by someone who did not hold the role that day. Applies to
documents at the "signed" level; needs git history.

Passing::

    approver: top-management     # held by Mara Lindqvist since 2024-03-01
    approved_on: 2026-03-02      # the commit is signed with Mara Lindqvist's key

Failing::

    approver: top-management
    approved_on: 2026-03-02      # the commit is signed with Tomás Ferreira's key (aims-manager)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals import signed
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS918", "approval-signed-by-wrong-person", Severity.ERROR,
    'At the "signed" level, the approval must be signed by the approver role\'s holder on the day.',
    needs_history=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, judgement in signed.judged(ctx, "wrong-person"):
        check_ = judgement.check
        signer = signed.person(judgement.owner, check_.principal if check_ is not None else None)
        day = f"on {judgement.day}" if judgement.day else "on the approval date"
        yield RULE.at(source, "/approver", (
            f"{signed.approved_in(judgement)}, and {signed.signature_of(check_)} is by {signer}, "
            f"who did not hold {judgement.role.id} {day}; it needs the signature of "
            f"{signed.holders_text(judgement)}"))


def revisions(ctx: Context) -> Iterator[Read]:
    return signed.revisions(ctx)


def signed_commits(ctx: Context) -> Iterator[str]:
    return signed.signed_commits(ctx)

"""At the "signed" level, an approval must be signed with a key the roles registry lists.

A good signature by a key nobody listed proves only that someone holding
that key signed. The registry is where the organisation says whose key is
whose (`keys:` in a holder's mapping, current and past holders), and the
allowed-signers file git verifies against is made from it: from the registry
as last approved before the approval commit (`approvals/trust.py`), so a key
added in the work tree, or in the very change that approves the registry,
is not listed yet. This rule
reports an approval whose closest signature is good but made with a key no
holder lists (or listed for a holder without an e-mail, which git needs as
the key's principal). Applies to documents at the "signed" level; needs git
history.

Passing::

    holder: {name: Mara Lindqvist, email: mara.lindqvist@fennwick.example,
             keys: ["ssh-ed25519 AAAAC3Nz...mara mara@laptop"]}
    # the approval commit is signed with that key

Failing::

    holder: {name: Mara Lindqvist, email: mara.lindqvist@fennwick.example}
    # the approval commit is signed with a key the registry does not list
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals import signed
from aims_lint.approvals.key_owners import KeyOwner
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS917", "approval-signed-by-unknown-key", Severity.ERROR,
    'At the "signed" level, the approval must be signed with a key the roles registry lists.',
    needs_history=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, judgement in signed.judged(ctx, "unknown-key"):
        check_ = judgement.check
        key = check_.fingerprint if check_ is not None and check_.fingerprint else "an unknown key"
        owner = judgement.owner
        if isinstance(owner, KeyOwner):
            why = (f"which the roles registry lists for {signed.person(owner, None)} ({owner.role}) "
                   "without an e-mail git can verify it under; give that holder an e-mail")
        else:
            why = (f"which no holder in the roles registry lists; add it to the keys of "
                   f"{signed.holders_text(judgement)} if it is theirs")
        yield RULE.at(source, "/approver", (
            f"{signed.approved_in(judgement)}, and {signed.signature_of(check_)} is by key {key}, {why}"))


def revisions(ctx: Context) -> Iterator[Read]:
    return signed.revisions(ctx)


def signed_commits(ctx: Context) -> Iterator[str]:
    return signed.signed_commits(ctx)

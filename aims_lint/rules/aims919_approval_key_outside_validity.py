"""At the "signed" level, the approver's key must be valid on the signature's date.

A holder's key may be bounded (`{key: ..., valid_after: DATE, valid_before:
DATE}`): from the day it was issued, until the day it was retired or lost.
git checks the bounds against the signature's date, which is the commit's
committer date (a tag's tagger date) and is set by the signer, so this
catches a retired key used by mistake, not a signer who lies about the
time. This rule reports an approval whose closest signature is by the
holder's own key outside those dates. Applies to documents at the "signed"
level; needs git history.

Passing::

    keys: [{key: "ssh-ed25519 AAAAC3Nz...", valid_after: 2026-01-01}]
    # the approval commit is signed with it, committed on 2026-03-02

Failing::

    keys: [{key: "ssh-ed25519 AAAAC3Nz...", valid_before: 2026-01-01}]
    # the approval commit is signed with it, committed on 2026-03-02
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals import signed
from aims_lint.approvals.key_owners import KeyOwner
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS919", "approval-key-outside-validity", Severity.ERROR,
    'At the "signed" level, the signing key must be valid on the signature\'s date.',
    needs_history=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, judgement in signed.judged(ctx, "outside-validity"):
        check_, owner = judgement.check, judgement.owner
        when = check_.signed_at.date().isoformat() if check_ and check_.signed_at else "an unknown date"
        dates = _dates(owner) if isinstance(owner, KeyOwner) else "its dates"
        key = check_.fingerprint if check_ is not None else "?"
        yield RULE.at(source, "/approver", (
            f"{signed.approved_in(judgement)}, and {signed.signature_of(check_)} is by "
            f"{_name(owner)}'s key {key}, dated {when} (the signer's own clock), "
            f"outside the key's validity ({dates}); sign again with a current key"))


def _name(owner: object) -> str:
    holder = owner.holder if isinstance(owner, KeyOwner) else None
    return (holder.name or holder.email or "?") if holder is not None else "a registry holder"


def _dates(owner: KeyOwner) -> str:
    after, before = owner.key.valid_after, owner.key.valid_before
    parts = ([f"from {after}"] if after else []) + ([f"before {before}"] if before else [])
    return " ".join(parts) or "no dates"


def revisions(ctx: Context) -> Iterator[Read]:
    return signed.revisions(ctx)


def signed_commits(ctx: Context) -> Iterator[str]:
    return signed.signed_commits(ctx)

"""At the "signed" level, the signature on an approval commit (or its tag) must verify.

git asks `ssh-keygen` whether the signature matches the commit (or tag) it
is on. One that does not was made over other content (the commit was
altered after signing) or is damaged; one git cannot check at all (an
OpenPGP signature, which aims-lint does not verify, or a revoked key)
proves nothing either. This rule reports the approval when no signature on
it proves the approval and the closest one failed in this way. Applies to
documents at the "signed" level; needs git history.

Passing::

    # the approval commit carries Mara Lindqvist's SSH signature over its own content
    approver: top-management

Failing::

    # the commit's message was changed after it was signed: git says
    # "Signature verification failed: incorrect signature"
    approver: top-management
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals import signed
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS916", "approval-signature-bad", Severity.ERROR,
    'At the "signed" level, the approval\'s signature must verify.', needs_history=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, judgement in signed.judged(ctx, "bad"):
        check_ = judgement.check
        said = f" (git: {check_.detail})" if check_ is not None and check_.detail else ""
        status = check_.status if check_ is not None else "bad"
        yield RULE.at(source, "/approver", (
            f"{signed.approved_in(judgement)}, and {signed.signature_of(check_)} does not verify: "
            f"{status}{said}; it needs an SSH signature by {signed.holders_text(judgement)}: "
            "a signed tag on the commit (git tag -s) will do"))


def revisions(ctx: Context) -> Iterator[Read]:
    return signed.revisions(ctx)


def signed_commits(ctx: Context) -> Iterator[str]:
    return signed.signed_commits(ctx)

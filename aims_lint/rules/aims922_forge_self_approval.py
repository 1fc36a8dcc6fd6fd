"""At the forge level, the holder's approval of a change they wrote needs an independent one too.

Segregation of duties, as the forge saw it: the issue asks that the review
not come from the change's only author. The pull request's commits carry
author and committer e-mails the pusher chose, so the holder counts as an
author when they opened the pull request, or are the author or committer
of any of its commits (by GitHub login, or by the e-mail in the roles
registry for commits without an account), or when the pull request has
more commits than GitHub's API lists (250), so the lists may be incomplete.
Then the holder's own review is no independent look, whatever others did:
another approving review of the final head is needed, by a repository
member (GitHub's author_association OWNER, MEMBER or COLLABORATOR) who is
none of the change's authors. Any other GitHub account's review does not
count, nor does one from a note that does not record the association.

Passing::

    # pull request #12: commits by tferreira, approved by mlindqvist (top-management)

Failing::

    # pull request #12, opened by tferreira: every commit committed by mlindqvist,
    # approved by mlindqvist, and by sock-puppet (author_association NONE)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals import forge
from aims_lint.history import Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS922", "forge-self-approval", Severity.ERROR,
    "The holder approved a change they are an author of, and no independent member approved it too.",
    needs_history=True,
)


def revisions(ctx: Context) -> Iterator[Read]:
    yield from forge.revisions(ctx)


def reads_forge(ctx: Context) -> bool:
    return forge.needs_forge(ctx)


def check(ctx: Context) -> Iterator[Finding]:
    for verdict in forge.judge(ctx):
        if verdict.kind == "self-approved":
            yield RULE.at(verdict.source, "/approver", verdict.message)

"""The approver recorded for a change should not be its only author.

Segregation of duties: someone other than the author should approve a
change to a controlled document. For every commit in a document's history
with an `Approved-by:` trailer, the change's authors (the commit author and
any `Co-authored-by:`; for a merge commit, the authors of the document's
commits it brought in) are compared with each approver. People are matched
by e-mail or name directly, or through the roles registry: a holder's name,
e-mail and GitHub handle (`Approved-by: @mlindqvist` matches commits by
Mara Lindqvist's e-mail), past holders included (`previous_holders`), and
approvers are read as the approval rules read them (a squash merge's body
counts, `aims_lint/approvals/approvers.py`). A warning, not an error: small teams sometimes
have no second person, and the auditor should see that choice. One finding
per document, on its `approver`.

Passing::

    # commit by Tomás Ferreira <tomas.ferreira@example.org>, message ends with
    Approved-by: Mara Lindqvist <mara.lindqvist@example.org>

Failing::

    # commit by Mara Lindqvist <mara.lindqvist@example.org>, message ends with
    Approved-by: @mlindqvist      # her GitHub handle in the roles registry
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals.approvers import approved_by, registry_identities, shown
from aims_lint.history import Commit, FileHistory, History
from aims_lint.history.graph import brought_in, mainline
from aims_lint.history.identity import Keys, person_keys, same_person, trailer_keys
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS906", "segregation-of-duties", Severity.WARNING,
    "A change's approver should not be its only author.", needs_history=True,
)
SHOWN = 3


def check(ctx: Context) -> Iterator[Finding]:
    history = ctx.history
    if history is None or not history.available:
        return
    holders = registry_identities(ctx.corpus)
    main = mainline(history.log) if any(c.is_merge for c in history.log.commits.values()) else frozenset()
    for source, _ in ctx.corpus.typed:
        file = history.of(source.path)
        own = [c for c in file.commits if self_approved(history, file, c, holders, main)]
        if own:
            yield RULE.at(source, "/approver", _message(own))


def self_approved(history: History, file: FileHistory, commit: Commit, holders: list[Keys],
                  main: frozenset[str]) -> bool:
    approvers = [trailer_keys(v) for v in approved_by(commit)]
    if not approvers:
        return False
    authors = _authors(history, file, commit, main)
    return any(all(same_person(a, approver, holders) for a in authors) for approver in approvers)


def _authors(history: History, file: FileHistory, commit: Commit, main: frozenset[str]) -> list[Keys]:
    """Who wrote the change: for a merge, the authors of this document's commits it brought in."""
    commits = [commit]
    if commit.is_merge:
        brought = brought_in(history.log, commit, main)
        commits = [c for c in file.commits if c.sha in brought and not c.is_merge] or commits
    keys = [person_keys(c.author.person) for c in commits]
    keys += [trailer_keys(v) for c in commits for v in c.trailer_values("Co-authored-by")]
    return keys


def _message(own: list[Commit]) -> str:
    named = ", ".join(f"{c.short_sha} ({c.day}, approved by {shown(approved_by(c)[0])})"
                      for c in own[:SHOWN])
    more = f" and {len(own) - SHOWN} more" if len(own) > SHOWN else ""
    return f"change approved by its only author: {named}{more}; have someone else approve changes"

"""A role that owns or approves documents must have a current holder.

A registry entry with `holder: null` (or no holder name) is a vacant role.
Documents it owns have nobody accountable for them, which auditors treat as a
gap in 5.3. The finding is raised on each document that names the role: an
error on an approved document, which is in force with nobody answering for
it; a warning on a draft or a document in review, where filling in the holder
is still part of the to-do list (a new system from `aims-lint init` starts
with every holder vacant and every document a draft).

Passing::

    roles:
      - id: aims-manager
        holder: {name: Ada Lovelace, email: ada@example.org}

Failing::

    roles:
      - id: aims-manager
        holder: null
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.roles import role_references
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS302", "vacant-role", Severity.ERROR, "Owner and approver roles must have a holder."
)


def check(ctx: Context) -> Iterator[Finding]:
    roles = ctx.corpus.roles
    for source, doc in ctx.corpus.typed:
        if not doc.active:
            continue
        for pointer, role_id in role_references(doc):
            role = roles.get(role_id)
            if role is not None and role.vacant:
                finding = RULE.at(
                    source, pointer, f"role '{role_id}' has no current holder in the roles registry"
                )
                yield finding if doc.status == "approved" else finding.with_severity(Severity.WARNING)

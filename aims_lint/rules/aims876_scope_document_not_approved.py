"""The scope document must be approved.

A scope still in draft or in review is a proposal: top management has not
yet agreed what the AIMS covers, so nothing else can be judged against it
(ISO/IEC 42001 4.3, 5.1). When no scope document in force
(`aims_lint/scope.py`) is approved, each of them gets a finding on its
`status`. A draft next to an approved scope document is work in progress
and passes.

Passing::

    # policies/aims-scope.md
    status: approved
    clauses: ["4.3"]
    systems_in_scope: [REC-020]

Failing::

    # policies/aims-scope.md, the only scope document
    status: draft
    clauses: ["4.3"]
    systems_in_scope: [REC-020]
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.scope import scope_documents

RULE = RuleInfo(
    "AIMS876", "scope-document-not-approved", Severity.ERROR, "The scope document must be approved."
)


def check(ctx: Context) -> Iterator[Finding]:
    documents = scope_documents(ctx.corpus)
    if any(doc.status == "approved" for _, doc in documents):
        return
    for source, doc in documents:
        yield RULE.at(
            source, "/status",
            f"scope document {doc.id} is {doc.status}; no approved document draws the scope of the AIMS",
        )

"""Documented information the standard requires must have an approved document, not only a draft.

The catalog lists the documented information ISO/IEC 42001 requires (the
scope, the AI policy, the risk processes, the SoA, the results of
assessments, audits and reviews, ...; `aims-lint readiness` shows each). An
item counts as provided only by an approved document of the expected type
and record kind that cites the item's clause (`documented_information.py`,
the same test readiness uses). When no document provides it but drafts or
documents in review stand for it, each of them gets one finding on its
`status`, naming the items it would provide once approved: until then the
management system has a proposal where the standard asks for a decision.
This is how the scope document's approval is checked. An approved document
that lacks a field the item expects (the scope's `systems_in_scope`) is
left to that item's own rule (AIMS875); an item nobody has even drafted is
shown as missing by `readiness`. A system being set up is all drafts: until
`operating_since` plus `min_operating_months` (the operating period Stage 1
asks for anyway) the finding is a warning that says by when to approve;
without `operating_since` there is no grace (`aims_lint/recurring.py`).

Passing::

    # policies/ai-policy.md
    type: policy
    status: approved
    clauses: ["5.2"]

Failing::

    # policies/ai-policy.md, and no approved policy cites 5.2
    type: policy
    status: draft
    clauses: ["5.2"]
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import DocumentedInformation, load_catalog
from aims_lint.document import SourceFile
from aims_lint.documented_information import provides, stands_for
from aims_lint.model import Document
from aims_lint.recurring import first_due, not_yet_due
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS876", "documented-information-missing", Severity.ERROR,
    "Required documented information needs an approved document, not only a draft.",
)


def check(ctx: Context) -> Iterator[Finding]:
    docs = [(s, d) for s, d in ctx.corpus.typed if d.active]
    waiting: dict[str, tuple[SourceFile, Document, list[DocumentedInformation]]] = {}
    for item in load_catalog().documented_information:
        if any(provides(d, item) for _, d in docs):
            continue
        for source, doc in docs:
            if doc.status != "approved" and stands_for(doc, item):
                waiting.setdefault(source.path, (source, doc, []))[2].append(item)
    months = ctx.settings.min_operating_months
    early = not_yet_due(ctx.settings, months, ctx.today)
    by = f" by {first_due(ctx.settings, months)}" if early else ""
    for path in sorted(waiting):
        source, doc, items = waiting[path]
        named = "; ".join(f"{i.title} ({i.clause})" for i in items)
        finding = RULE.at(
            source, "/status",
            f"{doc.id} is {doc.status}, and no approved document provides what it stands for: {named}; "
            f"approve it{by}, or another document that provides it",
        )
        yield finding.with_severity(Severity.WARNING) if early else finding

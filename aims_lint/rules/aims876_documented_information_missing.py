"""Documented information a standard requires must have an approved document, not only a draft.

Each configured framework's catalog lists the documented information it
requires: ISO/IEC 42001's scope, AI policy, risk processes, SoA, results of
assessments, audits and reviews, ...; ISO/IEC 27001's ISMS scope,
information security policy, its own SoA and records (`aims-lint readiness`
shows each). An item counts as provided only by an approved document of the
expected type and record kind that cites the item's clause in its framework
(`ISO27001:4.3`; `documented_information.py`, the same test readiness uses).
Each framework is judged on its own: a document standing for items of two
frameworks gets a finding for each framework that lacks an approved one, and
another framework's finding names it and cites its clauses qualified.
When no document provides an item but drafts or documents in review stand
for it, each of them gets one finding on its
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

    # policies/isms-scope.md, with frameworks = ["iso42001", "iso27001-2022"] and no approved
    # policy citing ISO27001:4.3: "... in ISO/IEC 27001:2022: Scope of the ISMS (ISO27001:4.3)"
    type: policy
    status: draft
    clauses: ["ISO27001:4.3"]
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import DocumentedInformation, available, load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, qualified
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
    months = ctx.settings.min_operating_months
    early = not_yet_due(ctx.settings, months, ctx.today)
    by = f" by {first_due(ctx.settings, months)}" if early else ""
    found: list[tuple[str, int, Finding]] = []
    for order, fw in enumerate(_frameworks(ctx)):
        for source, doc, items in _waiting(fw, docs):
            found.append((source.path, order, _finding(fw, source, doc, items, by, early)))
    for _, _, finding in sorted(found, key=lambda f: (f[0], f[1])):
        yield finding


def _frameworks(ctx: Context) -> list[str]:
    """ISO/IEC 42001 and every other configured framework this version has a catalog for."""
    known = set(available())
    return [fw for fw in dict.fromkeys([DEFAULT_FRAMEWORK, *ctx.settings.frameworks]) if fw in known]


def _waiting(
    fw: str, docs: list[tuple[SourceFile, Document]]
) -> list[tuple[SourceFile, Document, list[DocumentedInformation]]]:
    """Documents not approved that stand for items of `fw` no approved document provides, by path."""
    waiting: dict[str, tuple[SourceFile, Document, list[DocumentedInformation]]] = {}
    for item in load_catalog(fw).documented_information:
        if any(provides(d, item, fw) for _, d in docs):
            continue
        for source, doc in docs:
            if doc.status != "approved" and stands_for(doc, item, fw):
                waiting.setdefault(source.path, (source, doc, []))[2].append(item)
    return [waiting[path] for path in sorted(waiting)]


def _finding(fw: str, source: SourceFile, doc: Document, items: list[DocumentedInformation], by: str,
             early: bool) -> Finding:
    named = "; ".join(f"{i.title} ({qualified(fw, i.clause)})" for i in items)
    # ISO/IEC 42001's message is as it always was; another framework's names it
    where = "" if fw == DEFAULT_FRAMEWORK else f" in {load_catalog(fw).standard}"
    finding = RULE.at(
        source, "/status",
        f"{doc.id} is {doc.status}, and no approved document provides what it stands for{where}: {named}; "
        f"approve it{by}, or another document that provides it",
    )
    return finding.with_severity(Severity.WARNING) if early else finding

"""The management system must have a scope document that names its AI systems.

Clause 4.3 asks for the boundary of the AIMS to be written down, and the AI
systems it covers are the part an auditor tests first. A scope document is a
document in force that cites clause 4.3 and lists the inventory's AI system
records in `systems_in_scope` (`aims_lint/scope.py`). Without one, any
policy could claim 4.3 and readiness would count the scope as written. The
finding goes where the missing scope is claimed: on the `clauses` entry of
every document in force other than a record that cites 4.3 (a record citing it, such
as an audit report, shows an activity about the scope, not the scope), on `systems_in_scope` of a document
that names systems without citing 4.3, and, when nothing claims a scope, on
`in_scope` of every in-scope AI system, which the scope would have to name.

Passing::

    # policies/aims-scope.md
    clauses: ["4.3"]
    systems_in_scope: [REC-020, REC-021]

Failing::

    # policies/ai-policy.md, and no document declares systems_in_scope
    clauses: ["5.2", "4.3"]
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import covers
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, parse
from aims_lint.doctypes import AI_SYSTEM
from aims_lint.inventory import extra, records
from aims_lint.model import Record
from aims_lint.positions import join_pointer
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.scope import SCOPE_CLAUSE, SCOPE_FIELD, cites_scope, declares_scope, scope_documents

RULE = RuleInfo(
    "AIMS875", "scope-document-missing", Severity.ERROR,
    "A document in force must cite clause 4.3 and name the AI systems in scope.",
)
HOW = f"cite clause {SCOPE_CLAUSE} and list the AI system records in {SCOPE_FIELD}"


def check(ctx: Context) -> Iterator[Finding]:
    if scope_documents(ctx.corpus):
        return
    claimed = False
    for source, doc in ctx.corpus.typed:
        if not doc.active:
            continue
        for index, written in enumerate(() if isinstance(doc, Record) else doc.clauses):
            # Read like `doc.clause_ids()`: `ISO42001:4.3` is 4.3, `ISO27001:4.3` is not 42001's; the
            # index stays the written list's, so the finding points at the line as written.
            cited = parse(written)
            listed = cited.local
            if cited.framework == DEFAULT_FRAMEWORK and covers(listed, SCOPE_CLAUSE):
                claimed = True
                yield RULE.at(
                    source, join_pointer("clauses", index),
                    f"{doc.id} cites clause {listed} but no document in force names the AI systems "
                    f"in scope; the scope document must {HOW}",
                )
        if declares_scope(doc) and not cites_scope(doc):
            claimed = True
            yield RULE.at(
                source, f"/{SCOPE_FIELD}",
                f"{doc.id} names systems in scope but does not cite clause {SCOPE_CLAUSE}; "
                f"add \"{SCOPE_CLAUSE}\" to its clauses",
            )
    if claimed:
        return
    for source, system in records(ctx.corpus, AI_SYSTEM):
        if extra(system, "in_scope") is True:
            yield RULE.at(
                source, "/in_scope",
                f"AI system {system.id} is in scope, but no document draws the scope; the scope "
                f"document must {HOW}",
            )

"""Every in-scope AI system in the inventory must be named by the scope document.

The inventory says which AI systems the AIMS covers (`in_scope: true`), the
scope document (`systems_in_scope`, `aims_lint/scope.py`) says what top
management agreed it covers. When they disagree, assessments and controls
are planned for a boundary nobody approved (ISO/IEC 42001 4.3, A.4.2). The
finding is on the system's `in_scope`. Without any scope document AIMS875
reports instead.

Passing::

    # records/ai-system-chat.md: id REC-010, in_scope: true
    # policies/aims-scope.md:    systems_in_scope: [REC-010]

Failing::

    # records/ai-system-chat.md: id REC-010, in_scope: true
    # policies/aims-scope.md:    systems_in_scope: [REC-011]
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import AI_SYSTEM
from aims_lint.inventory import extra, records
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.scope import SCOPE_FIELD, scope_documents, systems_in_scope

RULE = RuleInfo(
    "AIMS877", "scope-system-unlisted", Severity.ERROR,
    "In-scope AI systems must be named by the scope document.",
)


def check(ctx: Context) -> Iterator[Finding]:
    documents = scope_documents(ctx.corpus)
    if not documents:
        return
    named = systems_in_scope(documents)
    where = ", ".join(doc.id for _, doc in documents)
    for source, system in records(ctx.corpus, AI_SYSTEM):
        if extra(system, "in_scope") is True and system.id not in named:
            yield RULE.at(
                source, "/in_scope",
                f"AI system {system.id} is marked in scope but the scope document ({where}) does not "
                f"list it in {SCOPE_FIELD}; add it there or set in_scope: false",
            )

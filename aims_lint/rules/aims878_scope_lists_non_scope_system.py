"""The scope document must name only AI systems the inventory has in scope.

An entry of `systems_in_scope` (`aims_lint/scope.py`) that names an AI
system marked `in_scope: false`, or a document that is not an AI system
record at all, tells the auditor the AIMS covers something it does not
assess: the inventory and the scope contradict each other (ISO/IEC 42001
4.3). The finding is on the entry. An id no document has is AIMS501's.

Passing::

    # policies/aims-scope.md:   systems_in_scope: [REC-010]
    # records/ai-system-chat.md: id REC-010, in_scope: true

Failing::

    # policies/aims-scope.md:   systems_in_scope: [REC-010, POL-001]
    # records/ai-system-chat.md: id REC-010, in_scope: false
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import AI_SYSTEM
from aims_lint.inventory import extra
from aims_lint.model import Record
from aims_lint.positions import join_pointer
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.scope import SCOPE_FIELD, listed, scope_documents

RULE = RuleInfo(
    "AIMS878", "scope-lists-non-scope-system", Severity.ERROR,
    "The scope document names only in-scope AI systems.",
)


def check(ctx: Context) -> Iterator[Finding]:
    systems = {
        doc.id: doc
        for source, doc in ctx.corpus.typed
        if source.behaviour == AI_SYSTEM and isinstance(doc, Record)
    }
    for source, doc in scope_documents(ctx.corpus):
        for index, target in listed(doc):
            system = systems.get(target)
            pointer = join_pointer(SCOPE_FIELD, index)
            marked = extra(system, "in_scope") if system is not None else None
            if system is not None and marked is not True:
                # say what the inventory holds: false, or a value that is no boolean (the schema's finding)
                shown = "false" if marked is False else "not true"
                yield RULE.at(
                    source, pointer,
                    f"{target} is an AI system the inventory does not mark in scope (in_scope: {shown}); "
                    "remove it from the scope or bring the system into scope",
                )
            elif system is None and ctx.corpus.get(target) is not None:
                yield RULE.at(
                    source, pointer, f"{target} is not an AI system record; {SCOPE_FIELD} lists AI systems",
                )

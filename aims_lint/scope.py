"""The scope of the management system (ISO/IEC 42001 4.3): which document draws it, and what it names.

A scope document is a document in force that cites clause 4.3 and names the
AI systems the AIMS covers in `systems_in_scope` (a list of the inventory's
record ids; `schemas/policy.schema.yaml` declares it). Citing 4.3 alone is
not enough: any policy can list "4.3" among its clauses, so the boundary must
be data a rule can hold against the inventory. The scope rules (AIMS875,
AIMS877, AIMS878; AIMS876 checks its approval as it does for every required
item) and the readiness report's `scope` item (the catalog's
`expected_fields`) ask the same question through this module.
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.body_spec import BodySection, BodySpec
from aims_lint.catalog import covers
from aims_lint.corpus import Corpus
from aims_lint.document import SourceFile
from aims_lint.model import Document

SCOPE_CLAUSE = "4.3"
SCOPE_FIELD = "systems_in_scope"

Scoped = tuple[SourceFile, Document]


def declares_scope(doc: Document) -> bool:
    """The document names systems in scope: a list with at least one entry, as readiness asks
    (an empty list draws no boundary; the catalog's `expected_fields` wants a value)."""
    value = (doc.model_extra or {}).get(SCOPE_FIELD)
    return isinstance(value, list) and bool(value)


def cites_scope(doc: Document) -> bool:
    return any(covers(listed, SCOPE_CLAUSE) for listed in doc.clause_ids())


def scope_documents(corpus: Corpus) -> list[Scoped]:
    """Documents in force that cite clause 4.3 and declare `systems_in_scope`, in path order."""
    return [(s, d) for s, d in corpus.typed if d.active and declares_scope(d) and cites_scope(d)]


def listed(doc: Document) -> Iterator[tuple[int, str]]:
    """(index, id) of the string entries of `systems_in_scope`; other values are the schema's business."""
    values = (doc.model_extra or {}).get(SCOPE_FIELD)
    if isinstance(values, list):
        for index, value in enumerate(values):
            if isinstance(value, str):
                yield index, value


def systems_in_scope(documents: list[Scoped]) -> frozenset[str]:
    """Every id the scope documents name: scope may be split over several documents."""
    return frozenset(value for _, doc in documents for _, value in listed(doc))


# The sections a scope document's body must have, on top of its type's `x-aims.body` (AIMS1006).
# A schema's body applies to every document of the type and cannot depend on a field, and a
# scope is a policy by type; so what makes a body a scope lives here, next to what makes a
# document one, and is read with the same body reader. Names are matched as body sections are
# ("## Scope (4.3)" is "Scope"); the aliases cover the usual ways of titling each part.
SCOPE_BODY = BodySpec(
    sections=(
        BodySection(
            "Issues",
            (
                "Issues that affect the AIMS",
                "External and internal issues",
                "Internal and external issues",
                "Context",
            ),
            30,
        ),
        BodySection(
            "Interested parties",
            ("Interested parties and their requirements", "Needs and expectations of interested parties"),
            30,
        ),
        BodySection(
            "Scope",
            ("Boundaries", "Scope and boundaries", "Boundaries and applicability", "AI systems in scope"),
            60,
        ),
    )
)
"""What an auditor reads the scope for: the issues (4.1) and interested parties (4.2) it rests
on, and the boundary itself (4.3): which AI systems, activities, sites and what is left out."""

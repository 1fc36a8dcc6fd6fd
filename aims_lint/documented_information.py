"""Which document provides a piece of documented information the catalog expects.

One answer for the readiness report (`aims_lint/readiness/`) and the rule that
reports an item nobody has approved (AIMS876): a document provides an item
when it is approved, of one of the item's `expected_types` (a record: of one
of its `expected_record_kinds`, when it names any), cites the item's clause
or one of its sub-clauses, and carries every `expected_fields` entry with a
value (the scope's `systems_in_scope`). Each framework's catalog has its own
items: a document provides one when it cites the clause in that framework
(`ISO27001:6.1.3`), and a Statement of Applicability provides only its own
framework's SoA item (the 27001 SoA is not the 42001 one).
"""

from __future__ import annotations

from aims_lint.catalog import DocumentedInformation, covers
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK
from aims_lint.catalog.references import soa_framework
from aims_lint.model import Document, Record, StatementOfApplicability


def stands_for(doc: Document, item: DocumentedInformation, framework: str = DEFAULT_FRAMEWORK) -> bool:
    """The document is of the kind that provides `item` of `framework`'s catalog and cites its clause
    there (approved or not)."""
    if doc.type not in item.expected_types:
        return False
    if not any(covers(c, item.clause) for c in doc.clause_ids(framework)):
        return False
    if isinstance(doc, StatementOfApplicability) and soa_framework(doc.model_extra or {}) != framework:
        return False
    kinds = item.expected_record_kinds
    return not (isinstance(doc, Record) and kinds and doc.record_kind not in kinds)


def missing_fields(doc: Document, item: DocumentedInformation) -> tuple[str, ...]:
    extra = doc.model_extra or {}
    return tuple(name for name in item.expected_fields if not extra.get(name))


def provides(doc: Document, item: DocumentedInformation, framework: str = DEFAULT_FRAMEWORK) -> bool:
    return doc.status == "approved" and stands_for(doc, item, framework) and not missing_fields(doc, item)

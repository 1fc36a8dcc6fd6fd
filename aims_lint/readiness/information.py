"""Documented information: whether an approved document of the expected kind provides each item."""

from __future__ import annotations

from aims_lint.catalog import DocumentedInformation
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, qualified
from aims_lint.documented_information import missing_fields, stands_for
from aims_lint.model import Document
from aims_lint.readiness.evidence import ids, is_approved, standing, why
from aims_lint.readiness.report import DRAFT, ERRORS, MISSING, PRESENT, InformationStatus


def information_status(
    item: DocumentedInformation, docs: list[Document], errors: dict[str, list[str]],
    framework: str = DEFAULT_FRAMEWORK,
) -> InformationStatus:
    providing = [d for d in docs if _provides(d, item, framework)]
    good, errored, drafts = standing(providing, errors)
    evidence = ids(d for d in providing if is_approved(d))
    state = PRESENT if good else ERRORS if errored else DRAFT if drafts else MISSING
    expected = " or ".join(item.expected_record_kinds or item.expected_types)
    nothing = f"no document provides it (expected: {expected} citing {qualified(framework, item.clause)})"
    return InformationStatus(
        item.id, item.title, item.clause, item.expected_types, evidence, bool(good),
        state=state, drafts=drafts, errored=errored, reason="" if good else why(errored, drafts, nothing),
    )


def _provides(doc: Document, item: DocumentedInformation, framework: str) -> bool:
    """Whether `doc` is the kind of document that provides `item` (approved or not), with the
    fields the item expects: the test AIMS876 makes too (aims_lint/documented_information.py)."""
    return stands_for(doc, item, framework) and not missing_fields(doc, item)


"""Whether a document an SoA names in `implemented_by` can carry out a control.

One answer for the rule that an implemented or partial control must name
approved implementing documents (AIMS705) and for the readiness report,
which counts a control as implemented only when its implementing documents
meet that standard and have no error findings either
(`aims_lint/readiness/controls.py`). A mapped control is not an implemented
one: a document that does not exist, is retired or superseded, or is not
approved yet implements nothing.
"""

from __future__ import annotations

from aims_lint.corpus import Corpus


def implementer_problem(corpus: Corpus, doc_id: str) -> str | None:
    """Why `doc_id` cannot implement a control ("does not exist", "is retired", "is not approved
    (status: draft)"), or None when it is an approved document in force."""
    doc = corpus.get(doc_id)
    if doc is None:
        return "does not exist"
    if not doc.active:
        return f"is {doc.status}"
    if doc.status != "approved":
        return f"is not approved (status: {doc.status})"
    return None

"""Clause coverage: the approved documents and records citing each clause of the management system."""

from __future__ import annotations

from aims_lint.catalog import Clause, covers
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, qualified
from aims_lint.model import Document, Record
from aims_lint.readiness.evidence import ids, is_approved, standing, why
from aims_lint.readiness.report import ClauseCoverage


def _cites(doc: Document, clause_id: str, framework: str) -> bool:
    return any(covers(listed, clause_id) for listed in doc.clause_ids(framework))


def clause_coverage(
    clause: Clause, docs: list[Document], absent: set[str], errors: dict[str, list[str]],
    framework: str = DEFAULT_FRAMEWORK,
) -> ClauseCoverage:
    """A clause of `framework` is covered when an approved, error-free document cites it or one below it."""
    citing = [d for d in docs if _cites(d, clause.id, framework)]
    approved = [d for d in citing if is_approved(d)]
    good, errored, drafts = standing(citing, errors)
    return ClauseCoverage(
        clause.id, clause.title,
        documents=ids(d for d in approved if not isinstance(d, Record)),
        records=ids(d for d in approved if isinstance(d, Record)),
        drafts=drafts,
        missing=tuple(sorted(i.id for i in clause.documented_information if i.id in absent)),
        covered=bool(good),
        errored=errored,
        reason="" if good else why(errored, drafts, _nothing(clause.id, framework)),
    )



def _nothing(clause_id: str, framework: str) -> str:
    """The reason when nothing cites a clause; another framework's says how to cite it."""
    if framework == DEFAULT_FRAMEWORK:
        return "no document cites it"
    return f"no document cites it (as {qualified(framework, clause_id)} in clauses)"

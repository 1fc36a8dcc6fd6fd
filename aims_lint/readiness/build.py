"""Build the report of one lint run."""

from __future__ import annotations

from aims_lint.catalog import load_catalog
from aims_lint.config import Settings
from aims_lint.readiness.blockers import document_blockers, error_blockers, sorted_blockers
from aims_lint.readiness.clauses import clause_coverage
from aims_lint.readiness.controls import control_status
from aims_lint.readiness.evidence import errors_by_id
from aims_lint.readiness.information import information_status
from aims_lint.readiness.report import Readiness
from aims_lint.readiness.summary import finding_counts, summary
from aims_lint.results import LintResult
from aims_lint.soa import current
from aims_lint.stage1 import record_blockers


def build_readiness(result: LintResult, settings: Settings) -> Readiness:
    """The report of one lint run; `settings` are those it ran with (cycle, operating period)."""
    catalog = load_catalog()
    docs = [d for _, d in result.corpus.typed if d.active]
    errors = errors_by_id(result)
    soa = current(result.corpus)
    information = tuple(information_status(item, docs, errors) for item in catalog.documented_information)
    absent = {i.id for i in information if not i.present}
    clauses = tuple(clause_coverage(c, docs, absent, errors) for c in catalog.clauses)
    controls = tuple(control_status(c, docs, soa, errors, result.corpus) for c in catalog.controls)
    blockers = sorted_blockers([
        *error_blockers(result),
        *document_blockers(information, result.corpus),
        *record_blockers(result, settings),
    ])
    return Readiness(
        standard=catalog.standard,
        today=result.today.isoformat(),
        soa=soa.source.path if soa else None,
        clauses=clauses,
        controls=controls,
        documented_information=information,
        findings=finding_counts(result),
        summary=summary(clauses, controls, information),
        ready=not blockers,
        blockers=blockers,
    )


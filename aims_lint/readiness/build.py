"""Build the report of one lint run: ISO/IEC 42001 at the top, and an entry per configured framework."""

from __future__ import annotations

from aims_lint.ai_act.artefacts import FRAMEWORK as AI_ACT
from aims_lint.catalog import available, load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK
from aims_lint.catalog.frameworks import framework as framework_row
from aims_lint.config import Settings
from aims_lint.model import Document
from aims_lint.readiness.ai_act import ai_act_entry
from aims_lint.readiness.blockers import error_blockers, sorted_blockers
from aims_lint.readiness.certifiable import entry, own_blockers, parts
from aims_lint.readiness.coverage import coverage_entry
from aims_lint.readiness.evidence import errors_by_id
from aims_lint.readiness.report import FrameworkReadiness, Readiness
from aims_lint.readiness.summary import finding_counts, summary
from aims_lint.results import LintResult
from aims_lint.stage1 import Blocker, record_blockers


def build_readiness(result: LintResult, settings: Settings) -> Readiness:
    """The report of one lint run; `settings` are those it ran with (cycle, operating period, frameworks).

    The verdict counts the blockers of every configured certifiable framework; a framework
    not configured is not reported and never blocks.
    """
    catalog = load_catalog()
    corpus = result.corpus
    docs = [d for _, d in corpus.typed if d.active]
    errors = errors_by_id(result)
    base = parts(catalog, docs, errors, corpus)
    # the error findings and the record prerequisites are the management system's, whatever the framework
    shared = [*error_blockers(result), *record_blockers(result, settings)]
    own = own_blockers(catalog, base, corpus)
    frameworks = {DEFAULT_FRAMEWORK: entry(catalog, base, [*shared, *own])}
    for fw in settings.frameworks:
        if fw not in frameworks and fw in available():
            frameworks[fw] = _framework(fw, result, docs, errors, shared)
    blockers = sorted_blockers([
        *shared, *own,
        *(b for e in frameworks.values() if e.certifiable for b in e.blockers),
    ])
    return Readiness(
        standard=catalog.standard,
        today=result.today.isoformat(),
        soa=base.soa.source.path if base.soa else None,
        clauses=base.clauses,
        controls=base.controls,
        documented_information=base.information,
        findings=finding_counts(result),
        summary=summary(base.clauses, base.controls, base.information),
        ready=not blockers,
        blockers=blockers,
        frameworks=frameworks,
    )


def _framework(
    fw: str, result: LintResult, docs: list[Document], errors: dict[str, list[str]], shared: list[Blocker]
) -> FrameworkReadiness:
    catalog = load_catalog(fw)
    row = framework_row(fw)
    if row is not None and row.certifiable:
        found = parts(catalog, docs, errors, result.corpus)
        return entry(catalog, found, [*shared, *own_blockers(catalog, found, result.corpus)])
    if fw == AI_ACT:
        return ai_act_entry(catalog, result.corpus, docs, errors, result.today)
    return coverage_entry(catalog, docs, errors, result.today)

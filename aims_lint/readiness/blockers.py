"""The blockers of the verdict: every counted error finding and every unmet Stage 1 prerequisite."""

from __future__ import annotations

from aims_lint.catalog import Catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, qualified
from aims_lint.corpus import Corpus
from aims_lint.doctypes import SOA
from aims_lint.readiness.evidence import active_source
from aims_lint.readiness.report import InformationStatus
from aims_lint.results import LintResult, Severity
from aims_lint.stage1 import DOCUMENTED_INFORMATION_MISSING, DOCUMENTS, REPOSITORY, SOA_NOT_APPROVED, Blocker


def sorted_blockers(blockers: list[Blocker], *, unique: bool = True) -> tuple[Blocker, ...]:
    chosen = set(blockers) if unique else blockers
    return tuple(sorted(chosen, key=lambda b: (b.path, b.line, b.code, b.message)))


def error_blockers(result: LintResult) -> list[Blocker]:
    """Every counted error finding blocks Stage 1 readiness."""
    return [
        Blocker(f.rule, f.message, f.path, f.line)
        for f in result.findings
        if f.counts and f.severity is Severity.ERROR
    ]


def document_blockers(
    information: tuple[InformationStatus, ...], corpus: Corpus, catalog: Catalog | None = None
) -> list[Blocker]:
    """The scope, the AI policy and the SoA, and every other item the catalog expects, must each be
    provided by an approved document without error findings. Another framework's (`catalog`)
    messages start with its name and cite its clauses as documents do (`ISO27001:4.3`)."""
    fw = catalog.framework if catalog is not None else DEFAULT_FRAMEWORK
    lead = f"{catalog.standard}: " if catalog is not None and fw != DEFAULT_FRAMEWORK else ""
    found = []
    for item in information:
        if item.present:
            continue
        # another framework's SoA item has an id of its own, and the SoA's code all the same
        code = DOCUMENTS.get(item.id) or (SOA_NOT_APPROVED if SOA in item.expected_types
                                          else DOCUMENTED_INFORMATION_MISSING)
        # on the document someone has to approve or correct; on the repository when there is none
        candidates = [e.id for e in item.errored] + list(item.drafts)
        source = active_source(corpus, candidates[0]) if candidates else None
        path, line = (source.path, source.locate("/status")[0]) if source else (REPOSITORY, 1)
        message = (
            f"{lead}{item.title} ({qualified(fw, item.clause)}) is not approved and free of errors: "
            f"{item.reason}"
        )
        found.append(Blocker(code, message, path, line))
    return found


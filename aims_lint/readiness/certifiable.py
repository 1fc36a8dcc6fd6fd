"""A certifiable framework's readiness: its clauses, documented information and SoA, as for ISO/IEC 42001.

ISO/IEC 27001:2022 is read exactly as ISO/IEC 42001 is: a clause is covered
when an approved, error-free document cites it (`ISO27001:6.1.3`), a piece
of the catalog's documented information is present when an approved
document of the expected kind citing its clause provides it, and each Annex
A control has the decision and implementation its own SoA (`framework:
iso27001-2022`) records. Its blockers are the unmet documented information
and a missing or unapproved SoA, each message naming the framework; the
error findings and the record prerequisites (audit cycle, management
review, operating period) are the management system's, shared by every
certifiable framework.
"""

from __future__ import annotations

from dataclasses import dataclass

from aims_lint.catalog import Catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK
from aims_lint.corpus import Corpus
from aims_lint.doctypes import SOA
from aims_lint.model import Document
from aims_lint.readiness.blockers import document_blockers, sorted_blockers
from aims_lint.readiness.clauses import clause_coverage
from aims_lint.readiness.controls import control_status
from aims_lint.readiness.information import information_status
from aims_lint.readiness.report import (
    ClauseCoverage,
    ControlStatus,
    FrameworkItem,
    FrameworkReadiness,
    InformationStatus,
)
from aims_lint.readiness.summary import summary
from aims_lint.soa import Soa, current
from aims_lint.stage1 import REPOSITORY, SOA_NOT_APPROVED, Blocker


@dataclass(frozen=True)
class Parts:
    """The three tables of a certifiable framework, and the SoA its controls are read from."""

    soa: Soa | None
    information: tuple[InformationStatus, ...]
    clauses: tuple[ClauseCoverage, ...]
    controls: tuple[ControlStatus, ...]


def parts(catalog: Catalog, docs: list[Document], errors: dict[str, list[str]], corpus: Corpus) -> Parts:
    fw = catalog.framework
    soa = current(corpus, fw)
    information = tuple(information_status(i, docs, errors, fw) for i in catalog.documented_information)
    absent = {i.id for i in information if not i.present}
    clauses = tuple(clause_coverage(c, docs, absent, errors, fw) for c in catalog.clauses)
    controls = tuple(control_status(c, docs, soa, errors, corpus, fw) for c in catalog.controls)
    return Parts(soa, information, clauses, controls)


def own_blockers(catalog: Catalog, found: Parts, corpus: Corpus) -> list[Blocker]:
    """What only this framework lacks: its documented information, and an SoA of its own."""
    blockers = document_blockers(found.information, corpus, catalog)
    if catalog.framework == DEFAULT_FRAMEWORK or any(SOA in i.expected_types for i in found.information):
        return blockers  # the catalog's own SoA item already judges it
    soa = found.soa
    if soa is None:
        blockers.append(Blocker(
            SOA_NOT_APPROVED,
            f"{catalog.standard}: no Statement of Applicability: add an soa document with framework: "
            f"{catalog.framework} that decides on each of its {len(catalog.controls)} controls, "
            "and approve it",
            REPOSITORY, 1,
        ))
    elif not soa.approved:
        blockers.append(Blocker(
            SOA_NOT_APPROVED,
            f"{catalog.standard}: its Statement of Applicability is not approved (status: {soa.status})",
            soa.source.path, soa.source.locate("/status")[0],
        ))
    return blockers


def entry(catalog: Catalog, found: Parts, blockers: list[Blocker]) -> FrameworkReadiness:
    """The framework's entry; `blockers` are its own and the management system's shared ones."""
    chosen = sorted_blockers(blockers)
    return FrameworkReadiness(
        standard=catalog.standard,
        certifiable=True,
        ready=not chosen,
        soa=found.soa.source.path if found.soa else None,
        summary=summary(found.clauses, found.controls, found.information),
        items=items(found),
        blockers=chosen,
    )


def items(found: Parts) -> tuple[FrameworkItem, ...]:
    """Documented information, clauses and controls as the entry's items, each table in catalog order."""
    return (
        *(FrameworkItem(i.id, i.title, i.present, i.reason, i.evidence, "documented-information",
                        drafts=i.drafts, errored=i.errored, clause=i.clause) for i in found.information),
        *(FrameworkItem(c.id, c.title, c.covered, c.reason, tuple(sorted({*c.documents, *c.records})),
                        "clause", drafts=c.drafts, errored=c.errored) for c in found.clauses),
        *(FrameworkItem(k.id, k.title, k.covered, k.reason, tuple(sorted({*k.implemented_by, *k.documents})),
                        "control", drafts=k.drafts, errored=k.errored, decision=k.decision,
                        implementation=k.implementation, counted_as=k.counted_as, operating=k.operating,
                        unsupported=k.unsupported)
          for k in found.controls),
    )

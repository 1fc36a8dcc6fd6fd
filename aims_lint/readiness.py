"""Certification readiness: the gap assessment as data, built from one lint result.

For every clause of ISO/IEC 42001 the documents and records that cover it;
for every Annex A control the SoA decision, implementation and implementing
documents; for every piece of documented information the standard expects,
whether an approved document provides it; and a summary with counts. The
builder is a pure function of the lint result, so the command, the site and
the evidence bundle all show the same numbers.

Only documents in force and approved count as evidence; drafts are listed
separately as work in progress. A document covers a clause when its
`clauses` lists that clause or one of its sub-clauses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from aims_lint.catalog import Clause, Control, DocumentedInformation, covers, load_catalog
from aims_lint.documented_information import provides
from aims_lint.model import Document, Record, StatementOfApplicability
from aims_lint.results import LintResult, Severity
from aims_lint.soa import Soa, current

WITHHELD = "withheld"  # a control's decision when the reader may not see the SoA (see `withhold`)


@dataclass(frozen=True)
class ClauseCoverage:
    id: str
    title: str
    documents: tuple[str, ...]  # approved policies, procedures, SoA, roles registry
    records: tuple[str, ...]  # approved records
    drafts: tuple[str, ...]  # documents in progress (not approved yet) that cover it
    missing: tuple[str, ...]  # ids of this clause's documented information not present
    # Whether an approved document or record covers it: kept when `withhold` shortens the lists.
    covered: bool = False


@dataclass(frozen=True)
class ControlStatus:
    id: str
    title: str
    objective: str
    # included, excluded, undecided, not-listed (absent from the SoA), or withheld (the SoA
    # is not published for the reader, see `withhold`)
    decision: str
    reasons: tuple[str, ...]
    implementation: str | None
    implemented_by: tuple[str, ...]
    documents: tuple[str, ...]  # documents in force that list the control in `controls`


@dataclass(frozen=True)
class InformationStatus:
    id: str
    title: str
    clause: str
    expected_types: tuple[str, ...]
    evidence: tuple[str, ...]  # approved documents that provide it
    present: bool = False  # kept when `withhold` shortens `evidence`


@dataclass(frozen=True)
class Blocker:
    """What stands between the system and a Stage 1 audit: an error finding, or an unmet prerequisite."""

    code: str  # the rule code of an error finding (AIMS...), or a prerequisite's code
    message: str
    path: str
    line: int


@dataclass(frozen=True)
class Readiness:
    standard: str
    today: str
    soa: str | None  # path of the SoA the controls are read from
    clauses: tuple[ClauseCoverage, ...]
    controls: tuple[ControlStatus, ...]
    documented_information: tuple[InformationStatus, ...]
    findings: dict[str, Any]
    # Counted when the report is built, so the figures stay those of the whole system
    # when `withhold` hides documents from a reader.
    summary: dict[str, dict[str, int | float]] = field(default_factory=dict)
    # The verdict: ready for Stage 1 when nothing blocks it. `blockers` is sorted by path, line, code.
    ready: bool = False
    blockers: tuple[Blocker, ...] = ()
    # One entry per further framework (ISO/IEC 27001, NIST AI RMF, EU AI Act): the frameworks issue fills it.
    frameworks: dict[str, Any] = field(default_factory=dict)


def build_readiness(result: LintResult) -> Readiness:
    catalog = load_catalog()
    docs = [d for _, d in result.corpus.typed if d.active]
    soa = current(result.corpus)
    information = tuple(_information(item, docs) for item in catalog.documented_information)
    absent = {i.id for i in information if not i.present}
    clauses = tuple(_clause(c, docs, absent) for c in catalog.clauses)
    controls = tuple(_control(c, docs, soa) for c in catalog.controls)
    blockers = _blockers(result)
    return Readiness(
        standard=catalog.standard,
        today=result.today.isoformat(),
        soa=soa.source.path if soa else None,
        clauses=clauses,
        controls=controls,
        documented_information=information,
        findings=_findings(result),
        summary=_summary(clauses, controls, information),
        ready=not blockers,
        blockers=blockers,
    )


def _blockers(result: LintResult) -> tuple[Blocker, ...]:
    """Every counted error finding blocks Stage 1 readiness."""
    found = {
        Blocker(f.rule, f.message, f.path, f.line)
        for f in result.findings
        if f.counts and f.severity is Severity.ERROR
    }
    return tuple(sorted(found, key=lambda b: (b.path, b.line, b.code, b.message)))


def withhold(r: Readiness, hidden: Callable[[str], bool]) -> Readiness:
    """The report for a reader who may not see the documents `hidden` names (an audience).

    Their ids leave every list and a hidden SoA's path leaves `soa`; when the
    SoA is hidden, so is what only it says: each control's decision becomes
    `withheld`, with no reasons, implementation or implementing documents.
    Coverage (`covered`, `present`) and the summary, counted before, stay
    those of the whole management system.
    """
    def keep(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(i for i in ids if not hidden(i))

    soa_hidden = r.soa is not None and hidden(r.soa)
    return replace(
        r,
        soa=None if soa_hidden else r.soa,
        clauses=tuple(replace(c, documents=keep(c.documents), records=keep(c.records), drafts=keep(c.drafts))
                      for c in r.clauses),
        controls=tuple(_withhold_control(c, keep, soa_hidden) for c in r.controls),
        documented_information=tuple(replace(i, evidence=keep(i.evidence)) for i in r.documented_information),
        # the verdict stays the whole system's; a blocker on a document the reader may not see is left out
        blockers=tuple(b for b in r.blockers if not hidden(b.path)),
    )


def _withhold_control(
    c: ControlStatus, keep: Callable[[tuple[str, ...]], tuple[str, ...]], soa_hidden: bool
) -> ControlStatus:
    if soa_hidden:
        c = replace(c, decision=WITHHELD, reasons=(), implementation=None, implemented_by=())
    return replace(c, implemented_by=keep(c.implemented_by), documents=keep(c.documents))


def readiness_json(r: Readiness) -> dict[str, Any]:
    """The report as JSON-ready data: clauses and controls in catalog order, every other list sorted.

    For a reader who may not see every document, pass the report through `withhold` first.
    """
    return {key: _lists(value) for key, value in asdict(r).items()}


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    return value


def _approved(doc: Document) -> bool:
    return doc.status == "approved"


def _cites(doc: Document, clause_id: str) -> bool:
    return any(covers(listed, clause_id) for listed in doc.clauses)


def _clause(clause: Clause, docs: list[Document], absent: set[str]) -> ClauseCoverage:
    citing = [d for d in docs if _cites(d, clause.id)]
    approved = [d for d in citing if _approved(d)]
    return ClauseCoverage(
        clause.id, clause.title,
        documents=_ids(d for d in approved if not isinstance(d, Record)),
        records=_ids(d for d in approved if isinstance(d, Record)),
        drafts=_ids(d for d in citing if not _approved(d)),
        missing=tuple(sorted(i.id for i in clause.documented_information if i.id in absent)),
        covered=bool(approved),
    )


def _control(control: Control, docs: list[Document], soa: Soa | None) -> ControlStatus:
    entry = soa.decision(control.id) if soa else None
    decision = "not-listed"
    if entry is not None:
        decision = {True: "included", False: "excluded", None: "undecided"}[entry.applicable]
    return ControlStatus(
        control.id, control.title, control.parent or "", decision,
        reasons=tuple(sorted(entry.reasons)) if entry else (),
        implementation=entry.implementation if entry else None,
        implemented_by=tuple(sorted(entry.implemented_by)) if entry else (),
        documents=_ids(
            d for d in docs if control.id in d.controls and not isinstance(d, StatementOfApplicability)
        ),
    )


def _information(item: DocumentedInformation, docs: list[Document]) -> InformationStatus:
    evidence = _ids(d for d in docs if _provides(d, item))
    return InformationStatus(item.id, item.title, item.clause, item.expected_types, evidence, bool(evidence))


def _provides(doc: Document, item: DocumentedInformation) -> bool:
    return provides(doc, item)  # the same answer AIMS876 gives (aims_lint/documented_information.py)


def _ids(docs: Any) -> tuple[str, ...]:
    return tuple(sorted({d.id for d in docs}))


def _findings(result: LintResult) -> dict[str, Any]:
    counted = Counter(f.rule for f in result.findings if f.counts)
    return {
        "errors": result.errors,
        "warnings": result.warnings,
        "suppressed": result.suppressed,
        "by_rule": dict(sorted(counted.items())),
    }


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _summary(
    clauses: tuple[ClauseCoverage, ...],
    controls: tuple[ControlStatus, ...],
    information: tuple[InformationStatus, ...],
) -> dict[str, dict[str, int | float]]:
    covered = sum(1 for c in clauses if c.covered)
    present = sum(1 for i in information if i.present)
    return {
        "clauses": {"total": len(clauses), "covered": covered, "percent": _percent(covered, len(clauses))},
        "controls": _control_summary(controls),
        "documented_information": {
            "total": len(information), "present": present, "percent": _percent(present, len(information)),
        },
    }


def _control_summary(controls: tuple[ControlStatus, ...]) -> dict[str, int | float]:
    decisions = Counter(c.decision for c in controls)
    included = [c for c in controls if c.decision == "included"]
    status = Counter(c.implementation or "unknown" for c in included)
    decided = decisions["included"] + decisions["excluded"]
    return {
        "total": len(controls),
        "included": decisions["included"],
        "excluded": decisions["excluded"],
        "undecided": decisions["undecided"],
        "not_listed": decisions["not-listed"],
        "decided_percent": _percent(decided, len(controls)),
        "implemented": status["implemented"],
        "partial": status["partial"],
        "planned": status["planned"],
        "not_implemented": status["not-implemented"],
        "implemented_percent": _percent(status["implemented"], len(included)),
    }

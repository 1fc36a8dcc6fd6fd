"""Certification readiness: the gap assessment as data, built from one lint result.

For every clause of ISO/IEC 42001 the documents and records that cover it;
for every Annex A control the SoA decision, implementation and implementing
documents; for every piece of documented information the standard expects,
whether an approved document provides it; and a summary with counts. The
builder is a pure function of the lint result, so the command, the site and
the evidence bundle all show the same numbers.

Only documents in force and approved count as evidence; drafts are listed
separately as work in progress. A document covers a clause when its
`clauses` lists that clause or one of its sub-clauses. Readiness reads the
same findings `check` produced: a clause, control or item counts as covered
only when an approved document that addresses it has no error finding, and
each one that is not covered says why in `reason` ("POL-003 has 2 errors
(AIMS101, AIMS1002)", "only drafts: SOA-001", "no approved document cites
it"). An `implemented` control that no approved record shows operating
(`aims_lint.soa.operating_records`) counts as partial.

The verdict: the system is ready for Stage 1 when nothing blocks it, where
every counted error finding is a blocker and so is every unmet Stage 1
prerequisite (`aims_lint.stage1`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from aims_lint.catalog import Clause, Control, DocumentedInformation, covers, load_catalog
from aims_lint.config import Settings
from aims_lint.corpus import Corpus
from aims_lint.document import SourceFile
from aims_lint.documented_information import missing_fields, stands_for
from aims_lint.model import Document, Record, StatementOfApplicability
from aims_lint.results import LintResult, Severity
from aims_lint.soa import Soa, current, operating_records
from aims_lint.stage1 import DOCUMENTED_INFORMATION_MISSING, DOCUMENTS, REPOSITORY, Blocker, record_blockers

__all__ = [
    "WITHHELD", "Blocker", "ClauseCoverage", "ControlStatus", "Errored", "InformationStatus", "Readiness",
    "build_readiness", "finding_counts", "readiness_json", "verdict", "withhold",
]

WITHHELD = "withheld"  # a control's decision when the reader may not see the SoA (see `withhold`)
# A blocker's message when it lies on a document the reader may not see (see `withhold`).
WITHHELD_BLOCKER = "on a document not published for this audience"
# An information item's `state`: provided by an approved document without errors; only by approved
# documents with errors; only by drafts; by nothing.
PRESENT, ERRORS, DRAFT, MISSING = "present", "errors", "draft", "missing"


@dataclass(frozen=True)
class Errored:
    """An approved document that would count as evidence but has error findings."""

    id: str
    errors: int  # counted error findings on it
    codes: tuple[str, ...]  # their rule codes, sorted, once each


@dataclass(frozen=True)
class ClauseCoverage:
    id: str
    title: str
    documents: tuple[str, ...]  # approved policies, procedures, SoA, roles registry
    records: tuple[str, ...]  # approved records
    drafts: tuple[str, ...]  # documents in progress (not approved yet) that cover it
    missing: tuple[str, ...]  # ids of this clause's documented information not present
    # Whether an approved document or record without error findings covers it: kept when
    # `withhold` shortens the lists.
    covered: bool = False
    errored: tuple[Errored, ...] = ()  # approved documents and records citing it that have errors
    reason: str = ""  # why it is not covered; "" when it is


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
    operating: tuple[str, ...] = ()  # approved records that show it operating (`soa.operating_records`)
    # The implementation as readiness counts it: `implemented` only with a record showing it operating
    # and an approved, error-free document implementing or listing it; else at most `partial`.
    counted_as: str | None = None
    # Included, and an approved document without error findings implements or lists it.
    covered: bool = False
    errored: tuple[Errored, ...] = ()  # approved documents implementing or listing it that have errors
    drafts: tuple[str, ...] = ()  # drafts implementing or listing it
    reason: str = ""  # why it is not covered or counts only as partial; "" otherwise


@dataclass(frozen=True)
class InformationStatus:
    id: str
    title: str
    clause: str
    expected_types: tuple[str, ...]
    evidence: tuple[str, ...]  # approved documents that provide it
    # An approved document without error findings provides it; kept when `withhold` shortens `evidence`.
    present: bool = False
    state: str = MISSING  # present, errors (only erroneous approved documents), draft (only drafts), missing
    drafts: tuple[str, ...] = ()  # drafts that would provide it once approved
    errored: tuple[Errored, ...] = ()  # approved documents providing it that have errors
    reason: str = ""  # why it is not present; "" when it is


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
    # One entry per further framework (ISO/IEC 27001, NIST AI RMF, EU AI Act), keyed by the framework's
    # catalog id; the frameworks issue fills it. Intended shape of an entry (docs/readiness.md):
    # {"standard", "summary", "items": [{"id", "title", "covered", "reason", "documents"}], "blockers"}.
    frameworks: dict[str, Any] = field(default_factory=dict)


def build_readiness(result: LintResult, settings: Settings) -> Readiness:
    """The report of one lint run; `settings` are those it ran with (cycle, operating period)."""
    catalog = load_catalog()
    docs = [d for _, d in result.corpus.typed if d.active]
    errors = _errors_by_id(result)
    soa = current(result.corpus)
    information = tuple(_information(item, docs, errors) for item in catalog.documented_information)
    absent = {i.id for i in information if not i.present}
    clauses = tuple(_clause(c, docs, absent, errors) for c in catalog.clauses)
    controls = tuple(_control(c, docs, soa, errors, result.corpus) for c in catalog.controls)
    blockers = _sorted([
        *_error_blockers(result),
        *_document_blockers(information, result.corpus),
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
        summary=_summary(clauses, controls, information),
        ready=not blockers,
        blockers=blockers,
    )


def _sorted(blockers: list[Blocker], *, unique: bool = True) -> tuple[Blocker, ...]:
    chosen = set(blockers) if unique else blockers
    return tuple(sorted(chosen, key=lambda b: (b.path, b.line, b.code, b.message)))


def _error_blockers(result: LintResult) -> list[Blocker]:
    """Every counted error finding blocks Stage 1 readiness."""
    return [
        Blocker(f.rule, f.message, f.path, f.line)
        for f in result.findings
        if f.counts and f.severity is Severity.ERROR
    ]


def _document_blockers(information: tuple[InformationStatus, ...], corpus: Corpus) -> list[Blocker]:
    """The scope, the AI policy and the SoA, and every other item the catalog expects, must each be
    provided by an approved document without error findings."""
    found = []
    for item in information:
        if item.present:
            continue
        code = DOCUMENTS.get(item.id, DOCUMENTED_INFORMATION_MISSING)
        # on the document someone has to approve or correct; on the repository when there is none
        candidates = [e.id for e in item.errored] + list(item.drafts)
        source = _source(corpus, candidates[0]) if candidates else None
        path, line = (source.path, source.locate("/status")[0]) if source else (REPOSITORY, 1)
        message = f"{item.title} ({item.clause}) is not approved and free of errors: {item.reason}"
        found.append(Blocker(code, message, path, line))
    return found


def _source(corpus: Corpus, doc_id: str) -> SourceFile | None:
    matches = corpus.by_id.get(doc_id, [])
    return next((s for s, d in matches if d.active), None)


def _errors_by_id(result: LintResult) -> dict[str, list[str]]:
    """Rule codes of the counted error findings on each document in force, by its id."""
    by_path: dict[str, list[str]] = {}
    for f in result.findings:
        if f.counts and f.severity is Severity.ERROR:
            by_path.setdefault(f.path, []).append(f.rule)
    found: dict[str, list[str]] = {}
    for source, doc in result.corpus.typed:
        if doc.active and source.path in by_path:
            found.setdefault(doc.id, []).extend(by_path[source.path])
    return found


def _standing(
    docs: list[Document], errors: dict[str, list[str]]
) -> tuple[tuple[str, ...], tuple[Errored, ...], tuple[str, ...]]:
    """Of the documents addressing something: approved without errors, approved with errors, drafts."""
    good = _ids(d for d in docs if _approved(d) and d.id not in errors)
    errored = tuple(
        Errored(i, len(errors[i]), tuple(sorted(set(errors[i]))))
        for i in _ids(d for d in docs if _approved(d) and d.id in errors)
    )
    drafts = _ids(d for d in docs if not _approved(d))
    return good, errored, drafts


def _why(errored: tuple[Errored, ...], drafts: tuple[str, ...], nothing: str,
         hidden_errored: int = 0, hidden_drafts: int = 0) -> str:
    """Why something is not covered, from what addresses it; `hidden_*` count documents not named."""
    parts = [f"{e.id} has {e.errors} error{'' if e.errors == 1 else 's'} ({', '.join(e.codes)})"
             for e in errored]
    if hidden_errored:
        parts.append(f"{hidden_errored} document(s) not published for this audience have errors")
    names = [*drafts, *([f"{hidden_drafts} not published for this audience"] if hidden_drafts else [])]
    if names:
        parts.append(f"{'drafts' if parts else 'only drafts'}: {', '.join(names)}")
    return "; ".join(parts) or nothing


def withhold(
    r: Readiness, hidden: Callable[[str], bool], names_withheld: Callable[[str], bool] | None = None
) -> Readiness:
    """The report for a reader who may not see the documents `hidden` names (an audience).

    Their ids leave every list and a hidden SoA's path leaves `soa`; when the
    SoA is hidden, so is what only it says: each control's decision becomes
    `withheld`, with no reasons, implementation or implementing documents.
    A reason that named a hidden document counts it instead. Coverage
    (`covered`, `present`), the summary and the verdict (`ready`), counted
    before, stay those of the whole management system: a blocker on a hidden
    document keeps its code, but its message becomes `WITHHELD_BLOCKER` and
    its path "" (line 0); a blocker whose message `names_withheld` gets the
    same message.
    """
    def keep(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(i for i in ids if not hidden(i))

    soa_hidden = r.soa is not None and hidden(r.soa)
    return replace(
        r,
        soa=None if soa_hidden else r.soa,
        clauses=tuple(_withhold_clause(c, keep, hidden) for c in r.clauses),
        controls=tuple(_withhold_control(c, keep, hidden, soa_hidden) for c in r.controls),
        documented_information=tuple(
            _withhold_information(i, keep, hidden) for i in r.documented_information
        ),
        # every blocker stays, so their number matches the verdict's even when withheld ones look alike
        blockers=_sorted([_withhold_blocker(b, hidden, names_withheld) for b in r.blockers], unique=False),
    )


def _withhold_blocker(
    b: Blocker, hidden: Callable[[str], bool], names_withheld: Callable[[str], bool] | None
) -> Blocker:
    if b.path != REPOSITORY and hidden(b.path):
        return Blocker(b.code, WITHHELD_BLOCKER, "", 0)
    if names_withheld is not None and names_withheld(b.message):
        return replace(b, message=WITHHELD_BLOCKER)
    return b


def _hidden_counts(
    errored: tuple[Errored, ...], drafts: tuple[str, ...], hidden: Callable[[str], bool]
) -> tuple[tuple[Errored, ...], tuple[str, ...], int, int]:
    shown = tuple(e for e in errored if not hidden(e.id))
    shown_drafts = tuple(d for d in drafts if not hidden(d))
    return shown, shown_drafts, len(errored) - len(shown), len(drafts) - len(shown_drafts)


def _withhold_clause(
    c: ClauseCoverage, keep: Callable[[tuple[str, ...]], tuple[str, ...]], hidden: Callable[[str], bool]
) -> ClauseCoverage:
    errored, drafts, he, hd = _hidden_counts(c.errored, c.drafts, hidden)
    reason = c.reason if c.covered or not (he or hd) else _why(errored, drafts, c.reason, he, hd)
    return replace(c, documents=keep(c.documents), records=keep(c.records), drafts=drafts, errored=errored,
                   reason=reason)


def _withhold_information(
    i: InformationStatus, keep: Callable[[tuple[str, ...]], tuple[str, ...]], hidden: Callable[[str], bool]
) -> InformationStatus:
    errored, drafts, he, hd = _hidden_counts(i.errored, i.drafts, hidden)
    reason = i.reason if i.present or not (he or hd) else _why(errored, drafts, i.reason, he, hd)
    return replace(i, evidence=keep(i.evidence), drafts=drafts, errored=errored, reason=reason)


def _withhold_control(
    c: ControlStatus, keep: Callable[[tuple[str, ...]], tuple[str, ...]], hidden: Callable[[str], bool],
    soa_hidden: bool,
) -> ControlStatus:
    errored, drafts, he, hd = _hidden_counts(c.errored, c.drafts, hidden)
    if soa_hidden:
        # the decision, the implementation and why it counts as it does are the SoA's to tell
        return replace(c, decision=WITHHELD, reasons=(), implementation=None, implemented_by=(),
                       documents=keep(c.documents), operating=keep(c.operating), counted_as=None,
                       errored=errored, drafts=drafts, reason="")
    reason = c.reason if not (he or hd) else _control_reason(c.decision, c.implementation, c.id, c.covered,
                                                             bool(c.operating), errored, drafts, he, hd)
    return replace(c, implemented_by=keep(c.implemented_by), documents=keep(c.documents),
                   operating=keep(c.operating), errored=errored, drafts=drafts, reason=reason)


def verdict(r: Readiness) -> str:
    """The verdict line, as the command, the site's readiness page and the dashboard show it."""
    if r.ready:
        return "READY for a Stage 1 audit"
    return f"NOT READY for a Stage 1 audit: {len(r.blockers)} blocker(s)"


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
    return any(covers(listed, clause_id) for listed in doc.clause_ids())


def _clause(
    clause: Clause, docs: list[Document], absent: set[str], errors: dict[str, list[str]]
) -> ClauseCoverage:
    citing = [d for d in docs if _cites(d, clause.id)]
    approved = [d for d in citing if _approved(d)]
    good, errored, drafts = _standing(citing, errors)
    return ClauseCoverage(
        clause.id, clause.title,
        documents=_ids(d for d in approved if not isinstance(d, Record)),
        records=_ids(d for d in approved if isinstance(d, Record)),
        drafts=drafts,
        missing=tuple(sorted(i.id for i in clause.documented_information if i.id in absent)),
        covered=bool(good),
        errored=errored,
        reason="" if good else _why(errored, drafts, "no document cites it"),
    )


def _control(
    control: Control, docs: list[Document], soa: Soa | None, errors: dict[str, list[str]], corpus: Corpus
) -> ControlStatus:
    entry = soa.decision(control.id) if soa else None
    decision = "not-listed"
    if entry is not None:
        decision = {True: "included", False: "excluded", None: "undecided"}[entry.applicable]
    implemented_by = tuple(sorted(entry.implemented_by)) if entry else ()
    listing = [
        d for d in docs if control.id in d.control_ids() and not isinstance(d, StatementOfApplicability)
    ]
    listed = {d.id for d in listing}
    addressing = listing + [d for d in docs if d.id in implemented_by and d.id not in listed]
    good, errored, drafts = _standing(addressing, errors)
    operating = operating_records(corpus, control.id)
    implementation = entry.implementation if entry else None
    covered = decision == "included" and bool(good)
    counted_as = implementation if decision == "included" else None
    if counted_as == "implemented" and not (covered and operating):
        counted_as = "partial"
    return ControlStatus(
        control.id, control.title, control.parent or "", decision,
        reasons=tuple(sorted(entry.reasons)) if entry else (),
        implementation=implementation,
        implemented_by=implemented_by,
        documents=_ids(listing),
        operating=operating,
        counted_as=counted_as,
        covered=covered,
        errored=errored,
        drafts=drafts,
        reason=_control_reason(
            decision, implementation, control.id, covered, bool(operating), errored, drafts
        ),
    )


def _control_reason(
    decision: str, implementation: str | None, control: str, covered: bool, operating: bool,
    errored: tuple[Errored, ...], drafts: tuple[str, ...], hidden_errored: int = 0, hidden_drafts: int = 0,
) -> str:
    if decision != "included":
        return {
            "excluded": "excluded in the SoA",
            "undecided": "not decided in the SoA",
            WITHHELD: "",
        }.get(decision, "not in the SoA")
    parts = []
    if not covered:
        parts.append(_why(errored, drafts, "no approved document implements or lists it",
                          hidden_errored, hidden_drafts))
    if implementation == "implemented" and not operating:
        parts.append(
            f"counted as partial: the SoA says implemented, but no approved record lists {control} "
            "in controls to show it operating"
        )
    return "; ".join(parts)


def _information(
    item: DocumentedInformation, docs: list[Document], errors: dict[str, list[str]]
) -> InformationStatus:
    providing = [d for d in docs if _provides(d, item)]
    good, errored, drafts = _standing(providing, errors)
    evidence = _ids(d for d in providing if _approved(d))
    state = PRESENT if good else ERRORS if errored else DRAFT if drafts else MISSING
    expected = " or ".join(item.expected_record_kinds or item.expected_types)
    nothing = f"no document provides it (expected: {expected} citing {item.clause})"
    return InformationStatus(
        item.id, item.title, item.clause, item.expected_types, evidence, bool(good),
        state=state, drafts=drafts, errored=errored, reason="" if good else _why(errored, drafts, nothing),
    )


def _provides(doc: Document, item: DocumentedInformation) -> bool:
    """Whether `doc` is the kind of document that provides `item` (approved or not), with the
    fields the item expects: the test AIMS876 makes too (aims_lint/documented_information.py)."""
    return stands_for(doc, item) and not missing_fields(doc, item)


def _ids(docs: Any) -> tuple[str, ...]:
    return tuple(sorted({d.id for d in docs}))


def finding_counts(result: LintResult) -> dict[str, Any]:
    """The report's `findings`: counts of the findings shown, by severity and by rule."""
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
    # as readiness counts them: `implemented` only with a record showing the control operating
    status = Counter(c.counted_as or "unknown" for c in included)
    decided = decisions["included"] + decisions["excluded"]
    return {
        "total": len(controls),
        "included": decisions["included"],
        "covered": sum(1 for c in included if c.covered),
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

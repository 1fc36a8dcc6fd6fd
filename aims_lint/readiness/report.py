"""The readiness report's data: what covers each clause, control and item, and the verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aims_lint.stage1 import Blocker

WITHHELD = "withheld"  # a control's decision when the reader may not see the SoA (see `withhold`)
# A blocker's message when it lies on a document the reader may not see (see `withhold`).
WITHHELD_BLOCKER = "on a document not published for this audience"
# An EU AI Act duty's title when its AI system's record is not published for the reader.
WITHHELD_SYSTEM = "an AI system not published for this audience"
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
class Unsupported:
    """A document the SoA names in `implemented_by` that does not carry out the control yet: it does not
    exist, is not in force or not approved (AIMS705's test, `soa.implementer_problem`), or has errors."""

    id: str
    problem: str  # "is not approved (status: draft)", "has 2 errors (AIMS101, AIMS1002)"


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
    # The implementation as readiness counts it: `implemented` only with a record showing it operating,
    # an approved, error-free document implementing or listing it, and every document in
    # `implemented_by` approved, in force and free of errors; else at most `partial`, and
    # `not-implemented` when none of `implemented_by` is (see `unsupported`).
    counted_as: str | None = None
    # Included, and an approved document without error findings implements or lists it.
    covered: bool = False
    errored: tuple[Errored, ...] = ()  # approved documents implementing or listing it that have errors
    drafts: tuple[str, ...] = ()  # drafts implementing or listing it
    reason: str = ""  # why it is not covered or counts below the SoA's implementation; "" otherwise
    # Of `implemented_by` (an implemented or partial control only), the documents that do not carry
    # it out yet, sorted by id.
    unsupported: tuple[Unsupported, ...] = ()


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
class FrameworkItem:
    """One thing a framework asks for, as readiness judges it: a clause, a piece of documented
    information, a control, a subcategory, an article."""

    id: str  # the framework's own id, without prefix: "A.5.1", "GOVERN-1.1", "Art-27"
    title: str
    covered: bool  # an approved document in force without error findings addresses it
    reason: str  # why it is not covered (or a control counts only as partial); "" otherwise
    documents: tuple[str, ...]  # approved documents and records in force that address it
    kind: str  # the catalog's kind ("clause", "control", "subcategory", "article"), "documented-information"
    drafts: tuple[str, ...] = ()  # documents not approved yet that address it
    errored: tuple[Errored, ...] = ()  # approved documents addressing it that have error findings
    # A piece of documented information: the clause that asks for it ("4.3"); None for every other item.
    clause: str | None = None
    # A control of a certifiable framework: the SoA's decision and implementation, and how readiness
    # counts the implementation (`ControlStatus`); None for every other item.
    decision: str | None = None
    implementation: str | None = None
    counted_as: str | None = None
    operating: tuple[str, ...] = ()  # a control: approved records that show it operating
    # A control: the implementing documents that do not carry it out yet (`ControlStatus.unsupported`).
    unsupported: tuple[Unsupported, ...] = ()
    # The day the item starts to apply (a law applied in stages); until then it is listed, not counted.
    applies_from: str | None = None
    counted: bool = True  # counted in the summary: it applies on the report's day (and is not `recommended`)
    # An EU AI Act duty in force whose evidence the rules only recommend (AI literacy, Art. 4: AIMS1113
    # is a warning): listed among the items, never counted, so it cannot block coverage.
    recommended: bool = False
    # An EU AI Act duty (kind "obligation"): the article it comes from ("Art-50"), and the AI systems
    # it is owed for (inventory record ids: one, or every system a duty of the organisation serves).
    article: str | None = None
    systems: tuple[str, ...] = ()


@dataclass(frozen=True)
class FrameworkReadiness:
    """The readiness of one configured framework."""

    standard: str  # the catalog's title: "ISO/IEC 27001:2022"
    certifiable: bool  # readiness is Stage 1 readiness (with an SoA); else coverage
    # Certifiable: nothing blocks it. Otherwise: every counted item is covered (it never blocks the verdict).
    ready: bool
    soa: str | None  # the path of the framework's current SoA (certifiable ones only)
    summary: dict[str, dict[str, int | float]]
    items: tuple[FrameworkItem, ...]  # certifiable: documented information, clauses, then controls
    blockers: tuple[Blocker, ...]  # sorted by path, line, code; always empty for a non-certifiable one
    # The EU AI Act (empty for every other framework): duties known but not in force on the report's day,
    # listed with the day each applies from, not counted; and the articles documents cite that bring no
    # duty counted or upcoming, shown, not counted.
    upcoming: tuple[FrameworkItem, ...] = ()
    cited: tuple[FrameworkItem, ...] = ()
    note: str = ""  # what the summary does not say: why nothing is counted, systems whose duties are unknown


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
    # One entry per configured framework, keyed by its catalog id: ISO/IEC 42001 first (its entry
    # repeats this report in the common shape), then the others in the order of the `frameworks`
    # setting (docs/readiness.md, "Frameworks").
    frameworks: dict[str, FrameworkReadiness] = field(default_factory=dict)


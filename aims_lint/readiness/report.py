"""The readiness report's data: what covers each clause, control and item, and the verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aims_lint.stage1 import Blocker

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


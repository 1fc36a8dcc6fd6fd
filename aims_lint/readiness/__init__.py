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

The package: `report` (the data), `build` (one lint run to a report),
`evidence` (what counts as evidence and why not), `clauses`, `controls` and
`information` (the three tables), `blockers`, `summary`, `withhold` (the
report for an audience) and `output` (verdict line and JSON). Every
configured framework has an entry in `Readiness.frameworks`: `certifiable`
(ISO/IEC 42001 and ISO/IEC 27001, with their SoA), `coverage` (the NIST AI
RMF: every subcategory addressed) and `ai_act` (the EU AI Act: every duty
that applies to the AI systems in use met, from `aims_lint.ai_act`).
"""

from __future__ import annotations

from aims_lint.readiness.build import build_readiness
from aims_lint.readiness.output import readiness_json, verdict
from aims_lint.readiness.report import (
    WITHHELD,
    WITHHELD_BLOCKER,
    ClauseCoverage,
    ControlStatus,
    Errored,
    FrameworkItem,
    FrameworkReadiness,
    InformationStatus,
    Readiness,
)
from aims_lint.readiness.summary import finding_counts
from aims_lint.readiness.withhold import withhold
from aims_lint.stage1 import Blocker

__all__ = [
    "WITHHELD", "WITHHELD_BLOCKER", "Blocker", "ClauseCoverage", "ControlStatus", "Errored",
    "FrameworkItem", "FrameworkReadiness", "InformationStatus", "Readiness", "build_readiness",
    "finding_counts", "readiness_json", "verdict", "withhold",
]

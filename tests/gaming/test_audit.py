"""Gaming attempts 2 and 3 of issue 12: an audit programme without clause 8, an empty audit report.

Each edits the example as a hurried adopter would, re-approves and commits it,
and must meet an error on the right file and line that `readiness` names as a
blocker (AIMS804 for the programme, AIMS850 for the report).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gaming.attempts import Attempt

pytestmark = pytest.mark.slow

PROGRAMME = "records/internal-audit-programme-2026-2027.md"
# The programme plans the ISMS audits too (ISO27001:...), so clause 8 is dropped from both systems.
ALL_CLAUSES = 'scope_clauses: ["4", "5", "6", "7", "8", "9", "10",'


def _line(attempt: Attempt, rel: str, starts: str) -> int:
    """The 1-based line of `rel` that starts with `starts`."""
    lines = attempt.read(rel).splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.startswith(starts))


def test_an_audit_programme_that_skips_clause_8_is_blocked(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    assert not [f for f in attempt.errors(PROGRAMME) if f["rule"] == "AIMS804"]
    attempt.replace(PROGRAMME, ALL_CLAUSES, 'scope_clauses: ["4", "5", "6", "7", "9", "10",')
    # the body's plan, too: the 2027 audits no longer look at operation
    attempt.replace(PROGRAMME, "| 8.1\u20138.4, 10.2 |", "| 10.2 |")
    attempt.replace(PROGRAMME, "| 4 to 10 (full system) |", "| 4 to 7, 9 and 10 |")
    attempt.reapprove(PROGRAMME)
    attempt.commit("Audit programme: operation is covered by the release checks")
    error = attempt.assert_blocked("AIMS804", PROGRAMME, line=_line(attempt, PROGRAMME, "scope_clauses:"))
    assert "does not plan clause(s) 8 " in error["message"]


def test_an_empty_audit_report_listing_clauses_4_to_10_is_blocked(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    report = "records/internal-audit-2026-03.md"
    attempt.write(report, """---
id: REC-090
title: "Internal audit report IA-2026-03: the whole AIMS"
type: record
record_kind: internal-audit
status: approved
version: "1.0"
owner: internal-auditor
approver: top-management
approved_on: 2026-12-03
event_date: 2026-12-03
retention_years: 6
classification: internal
summary: Audit of the whole AIMS.
clauses: ["4", "5", "6", "7", "8", "9", "10"]
---

# Internal audit report IA-2026-03

## Scope

Clauses 4 to 10.

## Findings

## Conclusion

The AIMS conforms.
""")
    attempt.commit("Record the full-system internal audit")
    error = attempt.assert_blocked("AIMS850", report, line=_line(attempt, report, "clauses:"))
    assert "claims clause(s) 4, 5, 6, 7, 8, 9, 10 in clauses" in error["message"]

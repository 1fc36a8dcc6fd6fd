"""Gaming attempts 5 and 7 of issue 12: risk assessments that say nothing, and a quiet downgrade.

5. The impact and risk assessments of TriageFlow are replaced by the unfilled
   templates (only the id, title, approval and `assesses` fields kept, so the
   presence checks still see an approved assessment of the system), while the
   system is rated `unacceptable` and in operation. The risk assessment then
   lists no risks: AIMS864 on its `risks` line. (The unfilled impact
   assessment is the body rules' finding, AIMS1001-AIMS1009.)
7. TriageFlow, rated high, is downgraded to low while its assessments are
   re-dated to 2023. Its latest risk assessment still finds high risks, so the
   declared level disagrees: AIMS863 on the system's `risk_level` line. (The
   age of the 2023 assessments is the reassessment rules' finding.)

Each change is re-approved and committed, as a careful-looking adopter would.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.gaming.attempts import PROJECT, Attempt

pytestmark = pytest.mark.slow

SYSTEM = "records/ai-system-triageflow-classifier.md"
RISK = "records/risk-assessment-triageflow-2026.md"
IMPACT = "records/impact-assessment-triageflow-2026.md"
# What an adopter keeps from the real assessment so that it still counts as one.
KEPT = ("id", "title", "status", "version", "owner", "approver", "approved_on", "event_date", "assesses")


def _line(attempt: Attempt, rel: str, start: str) -> int:
    lines = attempt.read(rel).splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.startswith(start))


def _unfilled(attempt: Attempt, rel: str, template: str) -> str:
    """The repository's template for the kind, with the real record's kept fields in it."""
    original = attempt.read(rel)
    text = (PROJECT / "templates" / template).read_text(encoding="utf-8")
    for key in KEPT:
        found = re.search(rf"^{key}: .*$", original, flags=re.MULTILINE)
        assert found, f"{rel} has no {key}"
        line = found.group(0)
        if re.search(rf"^{key}: ", text, flags=re.MULTILINE):
            text = re.sub(rf"^{key}: .*$", lambda _, kept=line: kept, text, count=1, flags=re.MULTILINE)
        else:
            text = text.replace("\nstatus: ", f"\n{line}\nstatus: ", 1)
    title = re.search(r"^title: (.*)$", original, flags=re.MULTILINE)
    assert title
    return text.replace("{{ title }}", title.group(1).strip('"'))


def test_attempt_5_unfilled_assessments_of_an_unacceptable_risk_system(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    attempt.replace(SYSTEM, "risk_level: high\n", "risk_level: unacceptable\n")
    assert "lifecycle_stage: operation\n" in attempt.read(SYSTEM)
    attempt.reapprove(SYSTEM)
    attempt.write(RISK, _unfilled(attempt, RISK, "record-risk-assessment.md"))
    attempt.write(IMPACT, _unfilled(attempt, IMPACT, "record-impact-assessment.md"))
    for rel in (RISK, IMPACT):
        assert "Fill this in" in attempt.read(rel) and "status: approved" in attempt.read(rel)
        attempt.reapprove(rel)
    attempt.commit("Rate TriageFlow unacceptable; reset its assessments to the current templates")
    attempt.assert_blocked("AIMS864", RISK, line=_line(attempt, RISK, "risks: []"))


def test_attempt_7_a_high_risk_system_downgraded_with_2023_assessments(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    attempt.replace(SYSTEM, "risk_level: high\n", "risk_level: low\n")
    attempt.replace(SYSTEM, "; rated high risk.", "; rated low risk.")
    attempt.reapprove(SYSTEM)
    for rel in (RISK, IMPACT):
        attempt.sub(rel, r"^event_date: .*$", "event_date: 2023-11-22")
        attempt.reapprove(rel)
    attempt.commit("TriageFlow: low risk, as assessed in 2023")
    error = attempt.assert_blocked("AIMS863", SYSTEM, line=_line(attempt, SYSTEM, "risk_level: low"))
    assert "declares risk_level low" in error["message"] and "rates it high" in error["message"]


PLAN = "records/risk-treatment-plan-2026.md"  # REC-004: top management's acceptance of R-TF-03


def test_an_acceptance_that_never_runs_out_no_expires(tmp_path: Path) -> None:
    """The review's attack on AIMS860: drop `expires`, and the acceptance could never expire."""
    attempt = Attempt.of_example(tmp_path)
    attempt.replace(PLAN, "accepted_on: 2026-11-18, expires: 2027-11-18}", "accepted_on: 2026-11-18}")
    attempt.reapprove(PLAN)
    attempt.commit("Top management accepts R-TF-03 for good")
    error = attempt.assert_blocked("AIMS862", PLAN, line=attempt.line_of(PLAN, "accepted_on: 2026-11-18"))
    assert "no expires date" in error["message"]


def test_an_acceptance_that_never_runs_out_2099(tmp_path: Path) -> None:
    """The same attack with a date so far away that it never comes: AIMS867 on the `expires` line."""
    attempt = Attempt.of_example(tmp_path)
    attempt.replace(PLAN, "expires: 2027-11-18}", "expires: 2099-12-31}")
    attempt.reapprove(PLAN)
    attempt.commit("Top management accepts R-TF-03 until 2099")
    error = attempt.assert_blocked("AIMS867", PLAN, line=attempt.line_of(PLAN, "accepted_on: 2026-11-18"))
    assert "longer than 12 months" in error["message"]

"""Gaming attempt 8 (supplier assessments dated 2019) and the reassessment rule on git history.

Every test works on a fresh git copy of the example (one commit, 2026-12-02)
and commits its attempt on 2026-12-03; `check` and `readiness` run with
--today 2026-12-03. Lines are looked up in the file as committed, so the
tests hold when other fields are added to the example's headers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gaming.attempts import Attempt

pytestmark = pytest.mark.slow

HALDEN = "records/supplier-assessment-halden-ai-2026.md"
QUILLSTACK = "records/supplier-assessment-quillstack-2026.md"
SUPPORT = "records/ai-system-support-assistant.md"
SUPPORT_IMPACT = "records/impact-assessment-support-assistant-2026.md"
SUPPORT_RISK = "records/risk-assessment-support-assistant-2026.md"
TRIAGEFLOW = "records/ai-system-triageflow-classifier.md"
TRIAGEFLOW_RELEASE = "records/release-triageflow-3-1-0.md"
TRIAGEFLOW_IMPACT = "records/impact-assessment-triageflow-2026.md"
TRIAGEFLOW_RISK = "records/risk-assessment-triageflow-2026.md"
NEW_MODEL = "the language model is Halden Chat 4 (version 4.3 since 27 November 2026)"


def line_of(attempt: Attempt, rel: str, key: str) -> int:
    """The 1-based line of a front-matter key in the document as it is now."""
    lines = attempt.read(rel).splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.startswith(f"{key}:"))


def rules_on(attempt: Attempt, rule: str) -> list[tuple[str, int]]:
    return sorted((f["path"], f["line"]) for f in attempt.errors() if f["rule"] == rule)


def test_supplier_assessments_dated_2019_are_blocked(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    # What a hurried adopter changes to pass off two old assessments: the date, the year
    # in the title and heading, and a fresh approval so change control is satisfied.
    for rel, name in ((HALDEN, "Halden AI GmbH"), (QUILLSTACK, "Quillstack Inc.")):
        attempt.sub(rel, r"^event_date: .*$", "event_date: 2019-11-02")
        attempt.sub(rel, r"2026 reassessment\"$", '2019 assessment"')
        attempt.replace(rel, f"# Supplier assessment: {name}, 2026", f"# Supplier assessment: {name}, 2019")
        attempt.reapprove(rel)
    attempt.commit("Supplier assessments: use the 2019 assessments")
    for rel in (HALDEN, QUILLSTACK):
        attempt.assert_blocked("AIMS802", rel, line=line_of(attempt, rel, "event_date"))
    message = next(f["message"] for f in attempt.errors(HALDEN) if f["rule"] == "AIMS802")
    assert "(event_date 2019-11-02)" in message and "REC-022" in message


def test_the_example_copy_in_one_commit_needs_no_reassessment(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    assert rules_on(attempt, "AIMS865") == []


def test_a_new_model_version_after_the_assessments_is_blocked(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    attempt.sub(SUPPORT, r"the language model is Halden Chat 4 \(version 4\.2 since 7 September 2026\)",
                NEW_MODEL)
    attempt.reapprove(SUPPORT)
    attempt.commit("Support assistant: Halden Chat 4.3")
    for rel in (SUPPORT_IMPACT, SUPPORT_RISK):
        attempt.assert_blocked("AIMS865", rel, line=line_of(attempt, rel, "event_date"))
    message = next(f["message"] for f in attempt.errors(SUPPORT_RISK) if f["rule"] == "AIMS865")
    assert "AI system REC-022: its record changed in" in message
    assert "(2026-12-03, 'Support assistant: Halden Chat 4.3')" in message

    # Reassessed: both assessments say what the new version changes and are approved again.
    for rel in (SUPPORT_IMPACT, SUPPORT_RISK):
        note = "\nReassessed for Halden Chat 4.3: no impact or risk re-rated.\n"
        attempt.write(rel, attempt.read(rel) + note)
        attempt.reapprove(rel)
    attempt.commit("Reassess the support assistant for Halden Chat 4.3", when="2026-12-03T16:00:00+00:00")
    assert rules_on(attempt, "AIMS865") == []


def test_a_periodic_review_of_the_system_record_needs_no_reassessment(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    attempt.sub(SUPPORT, r"^last_reviewed: .*$", "last_reviewed: 2026-12-03")
    attempt.sub(SUPPORT, r"^next_review: .*$", "next_review: 2027-11-30")
    attempt.commit("Periodic review of the support assistant record")
    assert rules_on(attempt, "AIMS865") == []
    assert attempt.errors() == []


def test_a_changed_release_record_is_blocked(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    # Done properly: the inventory record names its release, and the assessments are
    # approved again for it in the same commit.
    attempt.sub(TRIAGEFLOW, r"^in_scope: true$", "in_scope: true\nrelease: REC-025")
    for rel in (TRIAGEFLOW, TRIAGEFLOW_IMPACT, TRIAGEFLOW_RISK):
        attempt.reapprove(rel)
    attempt.commit("TriageFlow: name the release record; assessments approved for 3.1.0")
    assert rules_on(attempt, "AIMS865") == []

    attempt.replace(TRIAGEFLOW_RELEASE, "| Promoted to all clinics | 6 October 2026 |",
                    "| Promoted to all clinics | 6 October 2026; hotfix 3.1.1 retrained on "
                    "2,000 more letters, 29 November 2026 |")
    attempt.reapprove(TRIAGEFLOW_RELEASE)
    attempt.commit("TriageFlow 3.1.1", when="2026-12-03T16:00:00+00:00")
    for rel in (TRIAGEFLOW_IMPACT, TRIAGEFLOW_RISK):
        attempt.assert_blocked("AIMS865", rel, line=line_of(attempt, rel, "event_date"))
    message = next(f["message"] for f in attempt.errors(TRIAGEFLOW_RISK) if f["rule"] == "AIMS865")
    assert "AI system REC-020: its release REC-025 changed in" in message

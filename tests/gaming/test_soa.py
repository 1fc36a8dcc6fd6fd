"""Gaming the Statement of Applicability (issue 12, attempt 6), and its evidence of operation.

Attempt 6 excludes the impact-assessment controls, verification and validation
and data quality with the justification "n/a", re-approves the SoA and commits
it. Each of those justifications must be an error on its own line, and
readiness must refuse. A control switched to `implemented` with no record of
it operating is a warning (AIMS871), not an error.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.gaming.attempts import Attempt

pytestmark = pytest.mark.slow

SOA = "policies/statement-of-applicability.md"
STOCK_EXCLUDED = ("A.5.2", "A.5.3", "A.5.4", "A.5.5", "A.6.2.4", "A.7.4")


def _entry(control: str) -> str:
    """The pattern of one SoA entry, up to (not including) the next entry or the end of the list."""
    return rf"^  - control: {re.escape(control)}\n(?:    .*\n)+"


def _line_of(text: str, needle: str, after: str) -> int:
    start = text.index(after)
    return text[:text.index(needle, start)].count("\n") + 1


def test_attempt_6_stock_exclusions_are_errors_at_each_justification(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    for control in STOCK_EXCLUDED:
        attempt.sub(SOA, _entry(control), (
            f"  - control: {control}\n    applicable: false\n    reasons: [not-relevant]\n"
            "    justification: n/a\n"
        ))
    attempt.reapprove(SOA)
    attempt.commit("SoA: exclude controls we do not need yet")
    text = attempt.read(SOA)
    lines = {c: _line_of(text, "justification: n/a", f"  - control: {c}\n") for c in STOCK_EXCLUDED}
    found = {f["line"]: f for f in attempt.errors(SOA) if f["rule"] == "AIMS870"}
    assert sorted(found) == sorted(lines.values())
    for control, line in lines.items():
        assert f"excluded control {control} is the stock phrase 'n/a'" in found[line]["message"]
    attempt.assert_blocked("AIMS870", SOA, line=lines["A.6.2.4"])


def test_a_control_switched_to_implemented_without_a_record_warns(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    # A.6.2.2 is partial in the example because no record shows it operating yet.
    partial = r"(^  - control: A\.6\.2\.2\n(?:    .*\n)*?    implementation: )partial$"
    attempt.sub(SOA, partial, r"\1implemented")
    attempt.reapprove(SOA)
    attempt.commit("SoA: requirements specification is implemented")
    text = attempt.read(SOA)
    line = _line_of(text, "implementation: implemented", "  - control: A.6.2.2\n")
    findings = [f for f in attempt.findings() if f["path"] == SOA]
    assert [(f["rule"], f["severity"], f["line"]) for f in findings] == [("AIMS871", "warning", line)]
    assert "no approved record lists A.6.2.2 in controls" in findings[0]["message"]
    assert attempt.errors() == []


def test_the_example_backs_every_implemented_control_with_a_record(tmp_path: Path) -> None:
    """The issue's "19 of the 29 controls marked implemented link no record": none now."""
    attempt = Attempt.of_example(tmp_path)
    assert [f for f in attempt.findings() if f["rule"] in ("AIMS870", "AIMS871")] == []

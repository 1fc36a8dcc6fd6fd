"""Gaming attempts 4, 9 and 10 of issue 12: improvement records that only look complete.

Each attempt edits a copy of the example the way a hurried adopter would,
re-approves and commits it, and must leave an error on the edited field's line
that `readiness` names as a blocker. Lines are looked up in the edited file,
so the tests follow the example when other fields are added above them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.gaming.attempts import Attempt

pytestmark = pytest.mark.slow

REVIEW = "records/management-review-2026-11.md"
OPEN_NC = "records/nc-2026-02-release-sign-off.md"  # the example's one open minor nonconformity


def test_the_example_has_no_error_on_these_records(tmp_path: Path) -> None:
    """The starting point: without the attempts, none of these records has an error."""
    attempt = Attempt.of_example(tmp_path)
    assert [e for e in attempt.errors() if e["path"] in (REVIEW, OPEN_NC)] == []


def test_4_a_management_review_with_no_inputs_and_no_decisions(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    attempt.sub(REVIEW, r"^inputs: \[.*\]$", "inputs: []")
    attempt.sub(REVIEW, r"^decisions:\n(?:  .*\n)+", "decisions: []\n")
    # The body's inputs and decisions go too: from the inputs heading up to the actions table.
    body = r"^## Inputs and conclusions\n.*?(?=^## Actions$)"
    attempt.sub(REVIEW, body, "", flags=re.MULTILINE | re.DOTALL)
    attempt.reapprove(REVIEW)
    attempt.commit("Shorter management review minutes")
    inputs = attempt.assert_blocked("AIMS859", REVIEW, line=attempt.line_of(REVIEW, "inputs: []"))
    assert "9.3.2.a" in inputs["message"] and "9.3.2.e" in inputs["message"]
    found = attempt.errors(REVIEW)
    decisions = [e for e in found if e["rule"] == "AIMS859" and "no decision" in e["message"]]
    assert [e["line"] for e in decisions] == [attempt.line_of(REVIEW, "decisions: []")]


def test_9_a_nonconformity_closed_with_an_open_action_and_no_cause(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    attempt.replace(OPEN_NC, "nc_status: open\n", "nc_status: closed\n")
    attempt.sub(OPEN_NC, r"^cause: .*\n", "")
    attempt.reapprove(OPEN_NC)
    attempt.commit("Close NC-2026-02")
    # CA-3 is still open: the finding is on its status line.
    still_open = attempt.line_of(OPEN_NC, "    status: open")
    attempt.assert_blocked("AIMS854", OPEN_NC, line=still_open)
    closed = attempt.line_of(OPEN_NC, "nc_status: closed")
    attempt.assert_blocked("AIMS855", OPEN_NC, line=closed)
    attempt.assert_blocked("AIMS856", OPEN_NC, line=closed)  # and no effectiveness check either


def test_10_a_corrective_action_due_date_pushed_to_2099(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    attempt.replace(OPEN_NC, "    due: 2027-02-05\n", "    due: 2099-12-31\n")
    attempt.reapprove(OPEN_NC)
    attempt.commit("Re-plan NC-2026-02 action 3")
    error = attempt.assert_blocked("AIMS857", OPEN_NC, line=attempt.line_of(OPEN_NC, "due: 2099-12-31"))
    assert "by 2027-02-09" in error["message"]


CLOSED_NC = "records/nc-2026-01-unassessed-coding-assistant.md"  # the example's closed nonconformity


def test_a_closed_nonconformity_with_a_token_effectiveness_check(tmp_path: Path) -> None:
    """The review's attack on AIMS855/AIMS856: every field filled, none of them saying anything;
    the check dated before the last action was done, and another action "done" next year."""
    attempt = Attempt.of_example(tmp_path)
    attempt.sub(CLOSED_NC, r"^cause: .*$", "cause: human error")
    attempt.sub(CLOSED_NC, r"^  result: .*$", "  result: ok")
    attempt.replace(CLOSED_NC, "    done_on: 2026-06-09\n", "    done_on: 2027-01-09\n")
    attempt.replace(CLOSED_NC, "  checked_on: 2026-08-31\n", "  checked_on: 2026-08-20\n")
    attempt.reapprove(CLOSED_NC)
    attempt.commit("NC-2026-01: shorter closure notes")
    cause_line = attempt.line_of(CLOSED_NC, "cause: human error")
    cause = attempt.assert_blocked("AIMS855", CLOSED_NC, line=cause_line)
    assert "stock phrase 'human error'" in cause["message"]
    found = attempt.errors(CLOSED_NC)
    checks = sorted((e["line"], e["message"]) for e in found if e["rule"] == "AIMS856")
    assert [line for line, _ in checks] == [
        attempt.line_of(CLOSED_NC, "  checked_on: 2026-08-20"), attempt.line_of(CLOSED_NC, "  result: ok"),
    ]
    assert "before its action CA-2 was done (2027-01-09)" in checks[0][1]
    attempt.assert_blocked("AIMS854", CLOSED_NC, line=attempt.line_of(CLOSED_NC, "done_on: 2027-01-09"))

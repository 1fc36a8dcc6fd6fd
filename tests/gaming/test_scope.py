"""Gaming attempt 11 of issue 12: the scope document deleted while another policy claims clause 4.3.

Citing "4.3" used to be enough for readiness to count the scope as written.
The scope document is now the document that cites 4.3 and names the AI
systems in scope (`systems_in_scope`), so the claim without it is an error
where it is made: on the claiming policy's `clauses` entry.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gaming.attempts import Attempt

pytestmark = pytest.mark.slow


def test_the_scope_deleted_while_the_ai_policy_claims_4_3(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    attempt.delete("policies/aims-scope.md")
    attempt.replace(
        "policies/ai-policy.md", 'clauses: ["5.1", "5.2", "6.2"]', 'clauses: ["4.3", "5.1", "5.2", "6.2"]'
    )
    attempt.reapprove("policies/ai-policy.md")
    attempt.commit("Fold the scope into the AI policy")
    error = attempt.assert_blocked("AIMS875", "policies/ai-policy.md", line=16)
    assert "POL-001 cites clause 4.3" in error["message"]
    scope = next(i for i in attempt.readiness().json()["documented_information"] if i["id"] == "scope")
    assert scope["present"] is False


def test_a_system_dropped_from_the_scope_while_the_inventory_keeps_it_in(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    attempt.replace(
        "policies/aims-scope.md", "systems_in_scope: [REC-020, REC-021, REC-022, REC-023]",
        "systems_in_scope: [REC-020, REC-022, REC-023]",
    )
    attempt.reapprove("policies/aims-scope.md")
    attempt.commit("Scope: leave the summariser out until it ships")
    attempt.assert_blocked("AIMS877", "records/ai-system-referral-summariser.md", line=24)


def test_the_scope_reduced_to_one_sentence_said_twelve_times(tmp_path: Path) -> None:
    """The reviewer's attempt: the whole scope body is one sentence repeated twelve times."""
    rel = "policies/aims-scope.md"
    attempt = Attempt.of_example(tmp_path)
    sentence = "The AIMS covers every AI system that Fennwick develops, buys or uses."
    attempt.set_body(rel, "\n" + " ".join([sentence] * 12) + "\n")
    attempt.reapprove(rel)
    attempt.commit("A shorter scope statement")
    line = attempt.line_of(rel, "The AIMS covers every AI system")
    found = attempt.assert_blocked("AIMS1006", rel, line=line)
    assert "no section 'Interested parties'" in found["message"]
    attempt.assert_blocked("AIMS1005", rel, line=line)

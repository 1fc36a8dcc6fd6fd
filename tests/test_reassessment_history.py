"""AIMS865 across branches: a change the reassessment never saw is after it; one merged with it is not.

The rule orders commits as `git log --date-order` lists them. Rule cases
cannot fork a branch from an older commit, so these two build the repository
with `GitRepo` directly: the system record changes on a branch while the
assessment is re-approved on main (or on the same branch), then the branch
is merged.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.conftest import new_repo, run_lint
from tests.test_history_repo import GitRepo

TODAY = date(2026, 6, 1)
SYSTEM = "records/ai-system-chat.md"
RISK = "records/risk-chat.md"


def _system(version: str, body: str) -> str:
    return f"""---
id: REC-010
title: Support chat assistant
type: record
record_kind: ai-system
status: approved
version: "{version}"
owner: aims-manager
approver: aims-manager
approved_on: 2026-01-05
event_date: 2026-01-05
retention_years: 5
classification: internal
clauses: ["8.1"]
lifecycle_stage: operation
risk_level: medium
sourcing: in-house
in_scope: true
---
{body}
"""


def _risk(version: str, approved_on: str) -> str:
    return f"""---
id: REC-021
title: Risk assessment of the support chat assistant
type: record
record_kind: risk-assessment
status: approved
version: "{version}"
owner: aims-manager
approver: aims-manager
approved_on: {approved_on}
event_date: 2026-01-10
retention_years: 5
classification: internal
clauses: ["8.2"]
assesses: [REC-010]
---
Risks of the support chat assistant.
"""


def _start(tmp_path: Path) -> GitRepo:
    files = {SYSTEM: _system("1.0", "Model 1.0."), RISK: _risk("1.0", "2026-01-10")}
    root = new_repo(tmp_path / "repo", files)
    repo = GitRepo(root)
    repo.commit("Start", "2026-01-12")
    repo.git("checkout", "-q", "-b", "model-2")
    repo.commit("Model 2.0", "2026-02-01", {SYSTEM: _system("1.1", "Model 2.0, retrained on 2026 data.")})
    return repo


def _findings(repo: GitRepo) -> list[tuple[str, int, str]]:
    result = run_lint(repo.root, TODAY)
    return [(f.path, f.line, f.message) for f in result.findings if f.rule == "AIMS865"]


def test_a_branch_change_the_reassessment_on_main_never_saw_is_after_it(tmp_path: Path) -> None:
    repo = _start(tmp_path)
    repo.git("checkout", "-q", "main")
    repo.commit("Re-approve the risk assessment", "2026-02-03", {RISK: _risk("1.1", "2026-02-03")})
    repo.merge("model-2", "Merge model 2.0", "2026-02-04")
    found = _findings(repo)
    assert [(path, line) for path, line, _ in found] == [(RISK, 11)]
    assert "its record changed in" in found[0][2] and "'Merge model 2.0'" in found[0][2]


def test_a_reassessment_on_the_same_branch_is_merged_with_the_change(tmp_path: Path) -> None:
    repo = _start(tmp_path)
    repo.commit("Reassess for model 2.0", "2026-02-03", {RISK: _risk("1.1", "2026-02-03")})
    repo.git("checkout", "-q", "main")
    repo.commit("Unrelated", "2026-02-03", {"procedures/.keep": ""})
    repo.merge("model-2", "Merge model 2.0", "2026-02-04")
    assert _findings(repo) == []

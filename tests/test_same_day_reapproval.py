"""A re-approval on the day of the previous approval, recorded with `review --bump minor`, passes `--base`.

The documented flow (docs/recording-reviews.md): edit an approved document on
a branch, record the new approval with `aims-lint review ID --by ROLE --bump
minor --message`, commit with that message, and open the pull request. When
the previous approval was the same day, `approved_on` cannot move forward; the
new version is what shows the approval was recorded in the branch.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aims_lint.cli import main
from tests.conftest import new_repo
from tests.test_history_repo import GitRepo

DAY = "2026-01-10"  # the base AI policy was approved on this day
POLICY = "policies/ai-policy.md"


@pytest.fixture
def branch(tmp_path: Path) -> GitRepo:
    """main with the approved AI policy; branch `topic` with its text edited the same day."""
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", f"{DAY}T09:00:00+00:00")
    repo.git("checkout", "-q", "-b", "topic")
    with (repo.root / POLICY).open("a", encoding="utf-8") as handle:
        handle.write("\nA clarification agreed at the board meeting.\n")
    return repo


def history_findings(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[tuple[str, str]]]:
    capsys.readouterr()
    args = ["check", "--root", str(repo.root), "--today", DAY, "--base", "main", "--select", "AIMS9"]
    code = main([*args, "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    return code, [(f["rule"], f["path"]) for f in findings]


def test_review_bump_minor_on_the_day_of_the_last_approval_passes_base_mode(
    branch: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["review", "POL-001", "--by", "top-management", "--bump", "minor", "--message"]
    assert main([*args, "--today", DAY, "--root", str(branch.root)]) == 0
    message = capsys.readouterr().out
    text = (branch.root / POLICY).read_text(encoding="utf-8")
    for line in ('version: "1.1"', "approver: top-management", f"approved_on: {DAY}"):  # the date cannot move
        assert f"\n{line}\n" in text
    branch.commit(message, f"{DAY}T15:00:00+00:00")
    assert history_findings(branch, capsys) == (0, [])


def test_the_same_day_without_a_new_version_still_needs_the_approval(
    branch: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    branch.commit("Clarify the AI policy", f"{DAY}T15:00:00+00:00")
    code, findings = history_findings(branch, capsys)
    assert code == 1
    assert ("AIMS903", POLICY) in findings and ("AIMS902", POLICY) in findings

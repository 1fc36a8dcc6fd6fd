"""History-aware rules on real repositories, through the command line where the issue says "done when"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aims_lint.cli import main
from aims_lint.config import load_settings
from aims_lint.engine import lint
from aims_lint.results import Finding
from tests.conftest import TODAY, new_repo
from tests.test_history_repo import GitRepo

MARA = "Mara Lindqvist <mara.lindqvist@fennwick.example>"
TOMAS = "Tomás Ferreira <tomas.ferreira@fennwick.example>"
POLICY = "policies/ai-policy.md"
Capture = pytest.CaptureFixture[str]
EDIT = {POLICY: {"append": "\nA sentence nobody approved.\n"}}


def _check(root: Path, capsys: Capture, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    code = main(["check", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)["findings"]


def _rules(findings: list[dict[str, Any]], prefix: str = "AIMS9") -> list[tuple[str, str, int]]:
    return [(f["rule"], f["path"], f["line"]) for f in findings if f["rule"].startswith(prefix)]


def _started(tmp_path: Path) -> GitRepo:
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", "2026-01-12")
    return repo


def test_an_unapproved_body_change_fails_the_check_on_that_file(tmp_path: Path, capsys: Capture) -> None:
    repo = _started(tmp_path)
    code, before = _check(repo.root, capsys, "--select", "AIMS9")
    assert code == 0 and _rules(before) == []
    repo.commit("Reword the scope", "2026-02-01", EDIT)
    code, after = _check(repo.root, capsys, "--select", "AIMS9")
    assert code == 1
    assert _rules(after) == [("AIMS901", POLICY, 9)]


def test_base_mode_flags_an_unbumped_version_on_a_branch(tmp_path: Path, capsys: Capture) -> None:
    repo = _started(tmp_path)
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Reword", "2026-01-12", EDIT)  # same day as the start: AIMS901 stays quiet
    code, findings = _check(repo.root, capsys, "--select", "AIMS902", "--base", "main")
    assert code == 1
    assert _rules(findings) == [("AIMS902", POLICY, 6)]
    code, without_base = _check(repo.root, capsys, "--select", "AIMS902")
    assert code == 0 and _rules(without_base) == []


def test_base_mode_sees_uncommitted_edits_and_compares_with_the_merge_base(tmp_path: Path) -> None:
    repo = _started(tmp_path)
    repo.git("checkout", "-q", "-b", "topic")
    repo.git("checkout", "-q", "main")
    repo.commit("Edited on main meanwhile", "2026-01-13", {"policies/roles.md": {"append": "\nMain.\n"}})
    repo.git("checkout", "-q", "topic")
    with (repo.root / POLICY).open("a", encoding="utf-8") as handle:
        handle.write("\nNot committed yet.\n")
    result = lint(load_settings(repo.root, {"select": ("AIMS902",)}), TODAY, base="main")
    assert [(f.rule, f.path) for f in result.findings] == [("AIMS902", POLICY)]  # roles.md is main's change


def test_a_merge_approved_by_the_only_author_of_its_branch_is_a_warning(tmp_path: Path) -> None:
    repo = _started(tmp_path)
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Clarify", "2026-03-01", {POLICY: {"append": "\nClarified.\n"}}, author=MARA)
    repo.git("checkout", "-q", "main")
    repo.merge("topic", "Merge pull request #5 from fennwick/topic\n\nApproved-by: @mlindqvist", "2026-03-02",
               author=TOMAS)
    found = _lint_rule(repo.root, "AIMS906")
    assert [(f.path, f.line, f.severity.value) for f in found] == [(POLICY, 8, "warning")]
    assert "approved by @mlindqvist" in found[0].message


def test_a_merge_approved_by_someone_who_did_not_write_it_passes(tmp_path: Path) -> None:
    repo = _started(tmp_path)
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Clarify", "2026-03-01", {POLICY: {"append": "\nClarified.\n"}}, author=TOMAS)
    repo.git("checkout", "-q", "main")
    repo.merge("topic", "Merge pull request #5 from fennwick/topic\n\nApproved-by: @mlindqvist", "2026-03-02",
               author=MARA)
    assert _lint_rule(repo.root, "AIMS906") == []


@pytest.mark.parametrize("approver", [
    MARA, "mara.lindqvist@fennwick.example", "@mlindqvist", "mara lindqvist",
    "Mara L. <12345+mlindqvist@users.noreply.github.com>",
])
def test_identities_match_directly_or_through_the_roles_registry(tmp_path: Path, approver: str) -> None:
    repo = _started(tmp_path)
    repo.commit(f"Clarify\n\nApproved-by: {approver}", "2026-03-01", {POLICY: {"append": "\nC.\n"}},
                author=MARA)
    assert len(_lint_rule(repo.root, "AIMS906")) == 1


def test_an_approver_the_registry_cannot_tie_to_the_author_passes(tmp_path: Path) -> None:
    repo = _started(tmp_path)
    repo.commit("Clarify\n\nApproved-by: @praman", "2026-03-01", {POLICY: {"append": "\nC.\n"}}, author=MARA)
    assert _lint_rule(repo.root, "AIMS906") == []


def test_a_renamed_document_is_judged_across_its_names(tmp_path: Path) -> None:
    repo = _started(tmp_path)
    repo.commit("Reword", "2026-02-01", EDIT)
    repo.move(POLICY, "policies/artificial-intelligence.md")
    repo.commit("Rename", "2026-02-02")
    found = _lint_rule(repo.root, "AIMS901")
    assert [f.path for f in found] == ["policies/artificial-intelligence.md"]
    assert "'Reword'" in found[0].message and "'Rename'" not in found[0].message


NEW_POLICY = """---
id: POL-001
title: Model release policy
type: policy
status: draft
version: "0.1"
owner: ml-lead
approver: top-management
classification: internal
last_reviewed: 2026-01-10
next_review: 2027-01-10
clauses: ["8.1"]
---

# Model release policy

Every model release is checked against its impact assessment before it ships.
"""


def test_an_approved_document_deleted_on_a_branch_and_its_id_reused(tmp_path: Path) -> None:
    repo = _started(tmp_path)
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Replace the policy", "2026-01-12", {POLICY: None, "policies/model-release.md": NEW_POLICY})
    result = lint(load_settings(repo.root, {"select": ("AIMS904", "AIMS905")}), TODAY, base="main")
    got = [(f.rule, f.path, f.line) for f in result.findings]
    assert got == [("AIMS905", POLICY, 1), ("AIMS904", "policies/model-release.md", 2)]


def test_a_move_with_git_mv_is_neither_a_deletion_nor_a_reuse(tmp_path: Path) -> None:
    repo = _started(tmp_path)
    repo.git("checkout", "-q", "-b", "topic")
    repo.move(POLICY, "policies/artificial-intelligence.md")
    repo.commit("Move", "2026-01-12")
    result = lint(load_settings(repo.root, {"select": ("AIMS90",)}), TODAY, base="main")
    assert result.findings == []


def _lint_rule(root: Path, code: str) -> list[Finding]:
    return [f for f in lint(load_settings(root, {"select": (code,)}), TODAY).findings if f.rule == code]

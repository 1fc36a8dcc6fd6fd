"""Missing history is one clear finding (AIMS907), never a traceback or a silently empty history."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aims_lint.cli import main
from aims_lint.results import Finding, Severity
from tests.conftest import PROJECT, new_repo, run_lint
from tests.test_history_repo import GitRepo, clean_env

TODAY = "2026-06-01"
Capture = pytest.CaptureFixture[str]


def _history_findings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule.startswith("AIMS9")]


@pytest.fixture
def shallow(tmp_path: Path) -> Path:
    """A clone cut to its last commit, as actions/checkout makes by default."""
    origin = GitRepo(new_repo(tmp_path / "origin"))
    origin.commit("Start", "2026-01-12")
    origin.commit("Edit", "2026-02-01", {"policies/ai-policy.md": {"append": "\nUnapproved.\n"}})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin.root}", str(clone)],
                   check=True, env=clean_env(), capture_output=True)
    return clone


def test_a_shallow_clone_is_one_warning(shallow: Path) -> None:
    found = _history_findings(run_lint(shallow).findings)
    assert [(f.rule, f.path, f.line, f.severity) for f in found] == [("AIMS907", ".", 1, Severity.WARNING)]
    assert "shallow clone" in found[0].message and "fetch-depth: 0" in found[0].message


def test_a_shallow_clone_is_an_error_in_pull_request_mode(shallow: Path, capsys: Capture) -> None:
    code = main(["check", "--root", str(shallow), "--today", TODAY, "--base", "HEAD", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    found = [f for f in report["findings"] if f["rule"].startswith("AIMS9")]
    assert code == 1
    assert [(f["rule"], f["severity"]) for f in found] == [("AIMS907", "error")]


def test_a_folder_without_git_is_one_warning(tmp_path: Path) -> None:
    found = _history_findings(run_lint(new_repo(tmp_path / "plain")).findings)
    assert [(f.rule, f.severity) for f in found] == [("AIMS907", Severity.WARNING)]
    assert "is not inside a git repository" in found[0].message


def test_missing_history_is_reported_even_when_only_a_history_rule_is_selected(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "plain")
    assert [f.rule for f in run_lint(root, select=("AIMS901",)).findings] == ["AIMS907"]
    assert run_lint(root, select=("AIMS901",), ignore=("AIMS907",)).findings == []


def test_history_is_not_read_when_no_selected_rule_needs_it(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "plain")
    assert _history_findings(run_lint(root, select=("AIMS3",)).findings) == []


def test_without_a_git_binary_the_check_still_runs(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    GitRepo(root).commit("Start", "2026-01-12")
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PYTHONPATH"))}
    env.update({"PATH": str(empty), "PYTHONPATH": str(PROJECT)})
    done = subprocess.run(
        [sys.executable, "-m", "aims_lint", "check", "--root", str(root), "--today", TODAY, "--format=json"],
        env=env, capture_output=True, text=True, check=False, cwd=PROJECT,
    )
    assert "Traceback" not in done.stderr, done.stderr
    found = [f for f in json.loads(done.stdout)["findings"] if f["rule"].startswith("AIMS9")]
    assert [(f["rule"], f["severity"]) for f in found] == [("AIMS907", "warning")]
    assert "git is not installed" in found[0]["message"]


def test_the_history_command_says_why_there_is_no_history(shallow: Path, capsys: Capture) -> None:
    assert main(["history", "--root", str(shallow), "POL-001"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "shallow clone" in captured.err


def test_checking_some_files_still_says_history_is_missing(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "plain")
    found = _history_findings(run_lint(root, only=["policies/ai-policy.md"]).findings)
    assert [(f.rule, f.path) for f in found] == [("AIMS907", ".")]

"""`History` is honest data: past revisions are loaded before rules run, and nothing in it runs git.

Rules read documents as they were at past commits (AIMS901, AIMS904). The
engine loads every revision they declare in `revisions(ctx)` in one git
process before any rule runs; after that a `History` answers from memory,
holds no process, cannot be changed, and refuses a question nobody declared.
"""

from __future__ import annotations

import copy
import json
import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from aims_lint.cli import main
from aims_lint.config import load_settings
from aims_lint.history import History, RevisionNotLoaded, load_history
from aims_lint.rule import ReadsRevisions
from aims_lint.rules import aims901_changed_after_approval, aims904_id_reused
from tests.conftest import PROJECT, TODAY, new_repo
from tests.test_history_repo import GitRepo

POLICY = "policies/ai-policy.md"
EDIT = {POLICY: {"append": "\nA sentence nobody approved.\n"}}
REVIEW = {POLICY: {"append": "\nAnother one.\n"}}


def _edited(tmp_path: Path) -> tuple[GitRepo, str]:
    repo = GitRepo(new_repo(tmp_path / "repo"))
    first = repo.commit("Start", "2026-01-12")
    repo.commit("Reword", "2026-02-01", EDIT)
    repo.commit("Reword again", "2026-02-03", REVIEW)
    return repo, first


def _loaded(repo: GitRepo, first: str) -> History:
    history = load_history(load_settings(repo.root))
    return history.with_revisions([((first, POLICY), None), ((first, "policies/none.md"), None)],
                                  repo.root, {}, history.max_bytes)


def test_loaded_revisions_answer_without_git(tmp_path: Path) -> None:
    repo, first = _edited(tmp_path)
    history = _loaded(repo, first)
    shutil.rmtree(repo.root / ".git")  # whatever is asked now cannot come from git
    assert history.front_matter(first, POLICY)["id"] == "POL-001"  # type: ignore[index]
    assert history.snapshot(first, POLICY) is not None
    assert history.front_matter(first, "policies/none.md") is None


def test_a_history_holds_no_process_and_cannot_be_changed(tmp_path: Path) -> None:
    repo, first = _edited(tmp_path)
    history = _loaded(repo, first)
    again = pickle.loads(pickle.dumps(history))  # a live process or pipe would not pickle
    assert again.front_matter(first, POLICY) == history.front_matter(first, POLICY)
    assert copy.deepcopy(history).log == history.log
    with pytest.raises(TypeError):
        history.revisions[(first, "policies/x.md")] = None  # type: ignore[index]


def test_a_revision_nobody_declared_is_refused_not_read(tmp_path: Path) -> None:
    repo, first = _edited(tmp_path)
    history = load_history(load_settings(repo.root))
    with pytest.raises(RevisionNotLoaded, match="revisions\\(ctx\\)"):
        history.front_matter(first, POLICY)


def test_the_rules_that_read_revisions_declare_them() -> None:
    assert isinstance(aims901_changed_after_approval, ReadsRevisions)
    assert isinstance(aims904_id_reused, ReadsRevisions)


def _logging_git(tmp_path: Path) -> tuple[Path, Path]:
    """A `git` first on PATH that writes each command's name and first option, then runs the real git."""
    real = shutil.which("git")
    assert real is not None
    folder, log = tmp_path / "shim", tmp_path / "git-commands.txt"
    folder.mkdir()
    shim = folder / "git"
    script = f'#!/bin/sh\nprintf "%s %s\\n" "$1" "$2" >> "{log}"\nexec "{real}" "$@"\n'
    shim.write_text(script, encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    return folder, log


def test_a_check_starts_git_a_fixed_number_of_times(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    repo, _ = _edited(tmp_path)
    shim, log = _logging_git(tmp_path)
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")
    code = main(["check", "--root", str(repo.root), "--today", TODAY.isoformat(), "--format", "json"])
    found = [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert code == 1 and "AIMS901" in found
    # Open, refuse a shallow clone, resolve HEAD, one log, one batch of past revisions: no `git
    # version`, no process per revision, none kept running.
    assert log.read_text(encoding="utf-8").splitlines() == [
        "rev-parse --show-toplevel", "rev-parse --is-shallow-repository", "rev-parse --verify",
        "log -z", "cat-file --batch",
    ]


def test_a_check_imports_no_git_library(tmp_path: Path) -> None:
    repo, _ = _edited(tmp_path)
    argv = ["check", "--root", str(repo.root), "--today", TODAY.isoformat(), "--format", "json"]
    script = ("import sys\nfrom aims_lint.cli import main\n"
              f"code = main({argv!r})\n"
              "assert code == 1, code\nassert 'git' not in sys.modules, 'GitPython was imported'\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False,
                          cwd=PROJECT, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert done.returncode == 0, done.stderr


def test_when_revisions_cannot_be_read_the_history_says_why(tmp_path: Path) -> None:
    repo, first = _edited(tmp_path)
    history = load_history(load_settings(repo.root))
    shutil.rmtree(repo.root / ".git")
    broken = history.with_revisions([((first, POLICY), None)], repo.root, {}, history.max_bytes)
    assert not broken.available
    assert str(broken.problem).startswith("cannot read past revisions of documents: git")

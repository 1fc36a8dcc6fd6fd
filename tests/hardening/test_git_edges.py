"""Git edge cases: each gives a correct history or one clear finding, never a traceback.

Every test builds a real repository with fixed dates (tests/test_history_repo.py)
and asks what a user asks: `aims-lint history ID --format json`, or
`aims-lint check`. SECURITY.md counts the tests in this module.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from aims_lint.cli import main
from tests.conftest import new_repo, run_lint
from tests.test_history_repo import GitRepo, clean_env

Capture = pytest.CaptureFixture[str]
DOC = "policies/ai-policy.md"
DAY = "2026-06-01"


def history(root: Path, target: str, capsys: Capture) -> tuple[int, dict[str, Any] | None, str]:
    code = main(["history", target, "--root", str(root), "--format", "json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, (json.loads(out) if code == 0 else None), err


def subjects(data: dict[str, Any] | None) -> list[str]:
    assert data is not None
    return [c["subject"] for c in data["commits"]]


def notice(root: Path) -> list[str]:
    """Messages of the history findings a check reports."""
    return [f.message for f in run_lint(root).findings if f.rule == "AIMS907"]


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", "2026-01-12")
    return repo


def test_no_repository(tmp_path: Path, capsys: Capture) -> None:
    root = new_repo(tmp_path / "plain")
    code, _, err = history(root, "POL-001", capsys)
    assert code == 1 and "not inside a git repository" in err
    assert len(notice(root)) == 1


def test_shallow_clone(repo: GitRepo, tmp_path: Path, capsys: Capture) -> None:
    repo.commit("Edit", "2026-02-01", {DOC: {"append": "\nMore.\n"}})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
                   check=True, env=clean_env(), capture_output=True)
    code, _, err = history(clone, "POL-001", capsys)
    assert code == 1 and "shallow clone" in err and "fetch-depth: 0" in err
    assert ["shallow clone" in m for m in notice(clone)] == [True]


def test_detached_head(repo: GitRepo, capsys: Capture) -> None:
    first = repo.git("rev-parse", "HEAD")
    repo.commit("Edit", "2026-02-01", {DOC: {"append": "\nMore.\n"}})
    repo.git("checkout", "-q", "--detach", first)
    code, data, _ = history(repo.root, "POL-001", capsys)
    assert code == 0 and subjects(data) == ["Start"]  # the history as of the checked-out commit


def test_unborn_branch(tmp_path: Path, capsys: Capture) -> None:
    root = GitRepo(new_repo(tmp_path / "repo")).root  # git init, nothing committed
    code, data, _ = history(root, "POL-001", capsys)
    assert code == 0 and data is not None
    assert data["commits"] == [] and data["created"] is None and data["last_changed"] is None
    assert notice(root) == []  # an empty history is the truth here, not a failure


def test_a_file_never_committed(repo: GitRepo, capsys: Capture) -> None:
    text = (repo.root / DOC).read_text(encoding="utf-8").replace("POL-001", "POL-002")
    (repo.root / "policies" / "draft.md").write_text(text, encoding="utf-8")
    code, data, _ = history(repo.root, "POL-002", capsys)
    assert code == 0 and data is not None and data["path"] == "policies/draft.md" and data["commits"] == []


def test_renames_across_folders(repo: GitRepo, capsys: Capture) -> None:
    repo.move(DOC, "procedures/misfiled.md")
    repo.commit("File it in the wrong place", "2026-02-01")
    repo.move("procedures/misfiled.md", "policies/governance/ai-policy.md")
    repo.commit("File it in the right place", "2026-03-01")
    code, data, _ = history(repo.root, "POL-001", capsys)
    assert code == 0 and data is not None
    assert data["path"] == "policies/governance/ai-policy.md"
    assert data["previous_paths"] == ["procedures/misfiled.md", DOC]
    assert subjects(data) == ["File it in the right place", "File it in the wrong place", "Start"]


def test_merge_commits(repo: GitRepo, capsys: Capture) -> None:
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Edit on a branch", "2026-02-01", {DOC: {"append": "\nBranch.\n"}})
    repo.git("checkout", "-q", "main")
    repo.commit("Unrelated change", "2026-02-02", {"policies/roles.md": {"append": "\nMore.\n"}})
    repo.merge("topic", "Merge pull request #7 from topic", "2026-02-03")
    code, data, _ = history(repo.root, "POL-001", capsys)
    assert code == 0 and data is not None
    merge = data["commits"][0]
    assert merge["subject"] == "Merge pull request #7 from topic" and merge["pull_request"] == 7
    assert len(merge["parents"]) == 2
    assert "Edit on a branch" in subjects(data) and "Unrelated change" not in subjects(data)


def test_non_ascii_author_and_file_names(repo: GitRepo, capsys: Capture) -> None:
    name = "policies/política de IA.md"
    repo.move(DOC, name)
    repo.commit("Renombrar", "2026-02-01", author="Zoë Ünal-Ødegård 李小龍 <zoë@exämple.org>")
    code, data, _ = history(repo.root, name, capsys)
    assert code == 0 and data is not None and data["path"] == name
    assert data["commits"][0]["author"] == {"name": "Zoë Ünal-Ødegård 李小龍", "email": "zoë@exämple.org",
                                            "date": "2026-02-01T12:00:00+00:00"}


CONTROL = "Fix \x1b[31mred\x1b[0m bell\x07 back\x08space tab\there"


def test_control_characters_in_messages_and_names(repo: GitRepo, capsys: Capture) -> None:
    repo.commit(f"{CONTROL}\n\nApproved-by: Eve \x1b[2J<eve@example.org>", "2026-02-01",
                {DOC: {"append": "\nMore.\n"}}, author="Mal\x1b[1mlory <m@example.org>")
    code, data, _ = history(repo.root, "POL-001", capsys)
    assert code == 0 and data is not None
    newest = data["commits"][0]
    assert newest["subject"] == CONTROL  # kept exactly in JSON (escaped there as \u001b)
    assert newest["trailers"] == [{"key": "Approved-by", "value": "Eve \x1b[2J<eve@example.org>"}]
    assert main(["history", "POL-001", "--root", str(repo.root)]) == 0
    text = capsys.readouterr().out
    assert "\x1b" not in text and "\x07" not in text and "\\x1b[31mred" in text  # shown, never obeyed


def test_a_message_in_a_legacy_encoding(repo: GitRepo, capsys: Capture) -> None:
    repo.git("config", "i18n.commitEncoding", "ISO-8859-1")
    (repo.root / DOC).write_bytes((repo.root / DOC).read_bytes() + b"\nMore.\n")
    repo.git("add", "-A")
    message = repo.root / "message.txt"
    message.write_bytes("Révision de la politique".encode("latin-1"))
    repo.git("commit", "-q", "-F", str(message), env=repo._who("Zoë <z@example.org>", None, "2026-02-01"))
    code, data, _ = history(repo.root, "POL-001", capsys)
    assert code == 0 and subjects(data)[0] == "Révision de la politique"


def test_an_empty_message_and_dates_at_the_edges_of_time_zones(repo: GitRepo, capsys: Capture) -> None:
    repo.commit("Far east", "2026-02-01T00:30:00+14:00", {DOC: {"append": "\nA.\n"}})
    (repo.root / DOC).write_bytes((repo.root / DOC).read_bytes() + b"\nB.\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "--allow-empty-message", "-m", "",
             env=repo._who("Ada <a@example.org>", None, "2026-01-31T23:30:00-12:00"))
    code, data, _ = history(repo.root, "POL-001", capsys)
    assert code == 0 and data is not None
    assert [c["committer"]["date"] for c in data["commits"][:2]] == [
        "2026-01-31T23:30:00-12:00", "2026-02-01T00:30:00+14:00"]
    assert data["commits"][0]["subject"] == ""


def test_odd_file_names_in_history(repo: GitRepo, capsys: Capture) -> None:
    for new in ("policies/-rf.md", "policies/line\nbreak.md"):
        repo.move(DOC if new.endswith("-rf.md") else "policies/-rf.md", new)
        repo.commit(f"Move to {new!r}", "2026-02-01")
    code = main(["history", "POL-001", "--root", str(repo.root), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["path"] == "policies/line\nbreak.md"
    assert data["previous_paths"] == ["policies/-rf.md", DOC]


@pytest.mark.parametrize("target", ["../../x", "policies/../../x", "/etc/passwd"])
def test_history_of_a_path_outside_the_repository(repo: GitRepo, target: str, capsys: Capture) -> None:
    assert main(["history", target, "--root", str(repo.root), "--format", "json"]) == 2
    assert "neither a document id nor a path" in capsys.readouterr().err


def test_revisions_that_look_like_options(repo: GitRepo, tmp_path: Path, capsys: Capture) -> None:
    planted = tmp_path / "pwned"
    for args in (["check", "--today", DAY, "--base", f"--output={planted}"],
                 ["evidence", "--rev", f"--upload-pack=touch {planted}", "--out", str(tmp_path / "e.zip")]):
        code = main([*args, "--root", str(repo.root)])
        out, err = capsys.readouterr()
        assert code == 1 and "Traceback" not in err
        assert "is not a revision" in out + err  # refused before git could read it as an option
        assert not planted.exists()


def test_a_corrupt_object_store(repo: GitRepo, capsys: Capture) -> None:
    tree = repo.git("rev-parse", "HEAD^{tree}")
    (repo.root / ".git" / "objects" / tree[:2] / tree[2:]).unlink()
    messages = notice(repo.root)
    assert len(messages) == 1 and "git" in messages[0]
    code, _, err = history(repo.root, "POL-001", capsys)
    assert code == 1 and "history is unavailable" in err


def test_a_linked_worktree(repo: GitRepo, tmp_path: Path, capsys: Capture) -> None:
    repo.git("branch", "side")
    repo.git("worktree", "add", "-q", str(tmp_path / "side"), "side")
    repo.commit("Only on main", "2026-02-01", {DOC: {"append": "\nMain.\n"}})
    code, data, _ = history(tmp_path / "side", "POL-001", capsys)
    assert code == 0 and subjects(data) == ["Start"]

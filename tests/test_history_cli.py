"""`aims-lint history ID|PATH`: text and JSON, by id or path, renamed, deleted, never committed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aims_lint.cli import main
from tests.conftest import new_repo
from tests.test_history_repo import GitRepo

Capture = pytest.CaptureFixture[str]
MARA = "Mara Lindqvist <mara.lindqvist@fennwick.example>"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", "2026-01-12")
    repo.move("policies/ai-policy.md", "policies/ai.md")
    repo.commit(f"Approve v1.1 (#12)\n\nApproved-by: {MARA}", "2026-03-02T09:15:00+01:00",
                {"policies/ai.md": {"append": "\nApproved text.\n"}})
    return repo


def test_json_by_id(repo: GitRepo, capsys: Capture) -> None:
    assert main(["history", "POL-001", "--root", str(repo.root), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "POL-001" and data["path"] == "policies/ai.md"
    assert data["previous_paths"] == ["policies/ai-policy.md"]
    assert data["created"] == "2026-01-12T12:00:00+00:00"
    assert data["last_changed"] == "2026-03-02T09:15:00+01:00"
    newest = data["commits"][0]
    assert newest["subject"] == "Approve v1.1 (#12)" and newest["pull_request"] == 12
    assert newest["trailers"] == [{"key": "Approved-by", "value": MARA}]
    assert newest["change"] == {"status": "R", "path": "policies/ai.md", "old_path": "policies/ai-policy.md"}
    assert newest["sha"].startswith(newest["short_sha"]) and len(newest["sha"]) == 40
    assert newest["author"]["name"] == "Tomás Ferreira"


def test_text_by_path(repo: GitRepo, capsys: Capture) -> None:
    assert main(["history", str(repo.root / "policies" / "ai.md"), "--root", str(repo.root)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == [
        "POL-001  policies/ai.md",
        "  formerly: policies/ai-policy.md",
        "  created 2026-01-12, last changed 2026-03-02, 2 commit(s)",
    ]
    assert "renamed from policies/ai-policy.md" in out and f"Approved-by: {MARA}" in out


def test_a_deleted_document_by_its_old_path(repo: GitRepo, capsys: Capture) -> None:
    repo.commit("Remove", "2026-04-01", {"policies/ai.md": None})
    assert main(["history", "policies/ai.md", "--root", str(repo.root), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["subject"] for c in data["commits"]] == ["Remove", "Approve v1.1 (#12)", "Start"]


def test_a_document_never_committed(repo: GitRepo, capsys: Capture) -> None:
    (repo.root / "policies" / "new.md").write_text("---\nid: POL-005\n---\n", encoding="utf-8")
    assert main(["history", "policies/new.md", "--root", str(repo.root)]) == 0
    assert "not committed yet" in capsys.readouterr().out


def test_an_unknown_id_is_a_usage_error(repo: GitRepo, capsys: Capture) -> None:
    assert main(["history", "POL-404", "--root", str(repo.root)]) == 2
    assert "neither a document id nor a path" in capsys.readouterr().err

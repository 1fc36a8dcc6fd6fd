"""`aims-lint evidence`: pinned to a commit, read from git objects, byte-identical, verifiable."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from aims_lint.cli import main
from tests.conftest import PROJECT, new_repo
from tests.test_history_repo import GitRepo, clean_env

Capture = pytest.CaptureFixture[str]
POLICY = "policies/ai-policy.md"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", "2026-01-12")
    repo.commit("Reword", "2026-02-01T16:30:00+02:00", {POLICY: {"append": "\nCommitted text.\n"}})
    return repo


def _evidence(repo: GitRepo, out: Path, *extra: str) -> int:
    return main(["evidence", "--root", str(repo.root), "--out", str(out), *extra])


def _read(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_two_runs_give_identical_bytes_and_the_manifest_verifies(repo: GitRepo, tmp_path: Path) -> None:
    first, second = tmp_path / "one.zip", tmp_path / "two" / "bundle.zip"
    assert _evidence(repo, first, "--rev", "HEAD") == 0
    assert _evidence(repo, second, "--rev", repo.git("rev-parse", "HEAD")) == 0
    assert first.read_bytes() == second.read_bytes()
    files = _read(first)
    manifest = json.loads(files.pop("manifest.json"))
    assert manifest["commit"] == repo.git("rev-parse", "HEAD")
    assert manifest["date"] == "2026-02-01T16:30:00+02:00"
    listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    assert listed == {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


def test_the_bundle_holds_findings_readiness_documents_and_histories(repo: GitRepo, tmp_path: Path) -> None:
    assert _evidence(repo, tmp_path / "b.zip") == 0
    names = set(_read(tmp_path / "b.zip"))
    assert {"manifest.json", "findings.json", "readiness.json"} <= names
    assert {f"documents/{POLICY}", "documents/policies/roles.md"} <= names
    assert {f"history/{POLICY}.json", "history/policies/roles.md.json"} <= names


def test_documents_come_from_the_commit_not_the_work_tree(repo: GitRepo, tmp_path: Path) -> None:
    committed = (repo.root / POLICY).read_bytes()
    (repo.root / POLICY).write_text("---\nid: POL-001\n---\nUncommitted.\n", encoding="utf-8")
    assert _evidence(repo, tmp_path / "now.zip") == 0
    assert _read(tmp_path / "now.zip")[f"documents/{POLICY}"] == committed
    assert _evidence(repo, tmp_path / "before.zip", "--rev", "HEAD~1") == 0
    older = _read(tmp_path / "before.zip")
    assert b"Committed text." not in older[f"documents/{POLICY}"]
    history = json.loads(older[f"history/{POLICY}.json"])
    assert [c["subject"] for c in history["commits"]] == ["Start"]


def test_findings_are_judged_as_of_the_commit_date_unless_told(repo: GitRepo, tmp_path: Path) -> None:
    assert _evidence(repo, tmp_path / "a.zip") == 0
    files = _read(tmp_path / "a.zip")
    assert json.loads(files["findings.json"])["today"] == "2026-02-01"
    assert json.loads(files["manifest.json"])["today"] == "2026-02-01"
    assert _evidence(repo, tmp_path / "b.zip", "--today", "2027-06-01") == 0
    later = json.loads(_read(tmp_path / "b.zip")["findings.json"])
    assert later["today"] == "2027-06-01"
    overdue = [f for f in later["findings"] if f["rule"] == "AIMS401" and f["path"] == POLICY]
    assert overdue  # its review was due 2027-01-10


def test_the_findings_see_the_history_up_to_the_commit(repo: GitRepo, tmp_path: Path) -> None:
    assert _evidence(repo, tmp_path / "a.zip") == 0
    findings = json.loads(_read(tmp_path / "a.zip")["findings.json"])["findings"]
    history_rules = sorted((f["rule"], f["path"]) for f in findings if f["rule"].startswith("AIMS9"))
    assert history_rules == [("AIMS901", POLICY)]  # the reword after approval; no AIMS907


def test_entries_are_sorted_with_fixed_times_and_permissions(repo: GitRepo, tmp_path: Path) -> None:
    assert _evidence(repo, tmp_path / "a.zip") == 0
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(2026, 2, 1, 14, 30, 0)}  # the commit time in UTC
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_a_shallow_clone_gets_no_bundle(repo: GitRepo, tmp_path: Path, capsys: Capture) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
                   check=True, env=clean_env(), capture_output=True)
    out = tmp_path / "never.zip"
    assert main(["evidence", "--root", str(clone), "--out", str(out)]) == 1
    assert not out.exists()
    assert "shallow clone" in capsys.readouterr().err


def test_an_unknown_revision_is_reported(repo: GitRepo, tmp_path: Path, capsys: Capture) -> None:
    assert _evidence(repo, tmp_path / "x.zip", "--rev", "v9.9") == 1
    assert "revision 'v9.9' not found" in capsys.readouterr().err


def test_an_aims_root_below_the_repository_top(tmp_path: Path) -> None:
    top = tmp_path / "mono"
    new_repo(top / "compliance")
    (top / "README.md").write_text("Not a document.\n", encoding="utf-8")
    repo = GitRepo(top)
    repo.commit("Start", "2026-01-12")
    out = tmp_path / "a.zip"
    assert main(["evidence", "--root", str(top / "compliance"), "--out", str(out)]) == 0
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
    assert f"documents/{POLICY}" in names and "documents/README.md" not in names


def test_the_bundle_carries_the_site_built_from_the_commit(tmp_path: Path) -> None:
    from tests.complete_aims import complete_files

    root = new_repo(tmp_path / "repo", complete_files())
    (root / "mkdocs.yml").write_bytes((PROJECT / "mkdocs.yml").read_bytes())
    repo = GitRepo(root)
    repo.commit("A complete system", "2026-11-20")
    first, second = tmp_path / "one.zip", tmp_path / "two.zip"
    assert _evidence(repo, first, "--today", "2026-11-22") == 0
    assert _evidence(repo, second, "--today", "2026-11-22") == 0
    assert first.read_bytes() == second.read_bytes()
    files = _read(first)
    assert "site/BUILD-FAILED.txt" not in files
    page = files[f"site/{POLICY.removesuffix('.md')}.html"].decode("utf-8")
    assert "POL-001" in page and "Revision history" in page
    listed = {entry["path"] for entry in json.loads(files["manifest.json"])["files"]}
    assert "site/index.html" in listed


def test_a_revision_whose_site_cannot_build_still_gets_a_bundle(repo: GitRepo, tmp_path: Path) -> None:
    assert _evidence(repo, tmp_path / "b.zip") in (0, 1)
    files = _read(tmp_path / "b.zip")
    assert b"no MkDocs configuration" in files["site/BUILD-FAILED.txt"]
    assert "findings.json" in files


def test_a_file_with_an_unsafe_name_is_reported_and_never_enters_the_bundle(
    repo: GitRepo, tmp_path: Path
) -> None:
    evil = "policies/..\\..\\evil.md"
    text = (repo.root / POLICY).read_text(encoding="utf-8").replace("POL-001", "POL-009")
    repo.commit("Add a file named to climb out on Windows", "2026-02-02", {evil: text})
    assert _evidence(repo, tmp_path / "b.zip") in (0, 1)
    files = _read(tmp_path / "b.zip")
    assert [name for name in files if "\\" in name or "evil" in name] == []
    manifest = json.loads(files["manifest.json"])
    assert [e["path"] for e in manifest["files"] if "evil" in e["path"]] == []
    findings = json.loads(files["findings.json"])["findings"]
    assert [(f["path"], f["rule"]) for f in findings if f["rule"] == "AIMS018"] == [(evil, "AIMS018")]

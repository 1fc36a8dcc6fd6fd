"""Edits that cannot be lost: commands that edit or create documents take turns.

Real processes, started together on a real repository: two `review --bump
minor` runs on one file must raise the version twice (a lost update raises
it once), and two `new` runs must take two different ids. Then the check
under the lock: a file changed by another program between reading and writing
is edited again on its new content, and a file that keeps changing is left
as the other program wrote it, with exit 2.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from aims_lint.repo_lock import EditConflict, lock_path, replace_if_unchanged, repository_lock
from tests.conftest import PROJECT, TODAY, new_repo

DAY = TODAY.isoformat()
TRIALS = 20
REVIEW = ["review", "POL-001", "--by", "top-management", "--bump", "minor", "--today", DAY]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    repo = new_repo(tmp_path / "repo")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def start(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen([sys.executable, "-m", "aims_lint", *args], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=300)
    assert "Traceback" not in err, err
    return process.returncode, out, err


def minor(root: Path) -> int:
    text = (root / "policies" / "ai-policy.md").read_text(encoding="utf-8")
    found = re.search(r'^version: "1\.(\d+)"$', text, re.MULTILINE)
    assert found is not None, text
    return int(found.group(1))


def test_two_reviews_started_together_both_land_every_time(root: Path) -> None:
    for trial in range(TRIALS):
        before = minor(root)
        results = [finish(p) for p in [start(root, *REVIEW), start(root, *REVIEW)]]
        succeeded = sum(1 for code, _, _ in results if code == 0)
        # Every run that exits 0 has its edit in the file: one minor version each.
        assert minor(root) == before + succeeded, (trial, results)
        assert succeeded == 2, (trial, results)  # the lock makes the second wait, not fail
    assert not list((root / "policies").glob(".*.tmp"))


def test_two_new_runs_started_together_take_different_ids(root: Path) -> None:
    taken: list[str] = []
    for trial in range(3):
        runs = [start(root, "new", "policy", f"Policy {trial} {side}", "--today", DAY) for side in "ab"]
        for code, out, err in (finish(p) for p in runs):
            assert code == 0, err
            text = (root / out.strip()).read_text(encoding="utf-8")
            taken.append(re.findall(r"^id: (\S+)$", text, re.MULTILINE)[0])
    assert len(taken) == len(set(taken)) == 6


def test_two_adopt_runs_started_together_take_different_ids(root: Path) -> None:
    names = [f"policies/legacy-{side}.md" for side in "ab"]
    for name in names:
        (root / name).write_text(f"# Legacy {name}\n\nSome text.\n", encoding="utf-8")
    runs = [start(root, "adopt", name, "--today", DAY) for name in names]
    for code, _out, err in (finish(p) for p in runs):
        assert code == 0, err
    ids = [re.findall(r"^id: (\S+)$", (root / n).read_text(encoding="utf-8"), re.MULTILINE)[0] for n in names]
    assert len(set(ids)) == 2, ids


def test_the_lock_lives_in_the_git_folder(root: Path) -> None:
    with repository_lock(root) as held:
        assert held == lock_path(root) == root / ".git" / "aims-lint.lock"
    assert not [p for p in root.iterdir() if "lock" in p.name]  # nothing in the work tree


def test_an_edit_is_redone_once_on_content_another_program_wrote(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(b"read\n")
    path.write_bytes(b"theirs\n")  # another program wrote after we read
    seen: list[bytes] = []

    def change(current: bytes) -> bytes:
        seen.append(current)
        return current + b"ours\n"

    with repository_lock(tmp_path):
        assert replace_if_unchanged(path, b"read\n", change) == b"theirs\nours\n"
    assert seen == [b"theirs\n"] and path.read_bytes() == b"theirs\nours\n"


def test_a_file_that_keeps_changing_is_left_as_the_other_program_wrote_it(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(b"v0\n")
    calls = 0

    def change_while_another_writes(current: bytes) -> bytes:
        nonlocal calls
        calls += 1
        path.write_bytes(f"theirs {calls}\n".encode())  # another program, every time we edit
        return current + b"ours\n"

    with repository_lock(tmp_path), pytest.raises(EditConflict, match="changed by another program"):
        replace_if_unchanged(path, b"v0\n", change_while_another_writes)
    assert path.read_bytes() == b"theirs 2\n" and calls == 2


def test_a_review_that_never_gets_the_lock_exits_2_and_writes_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from aims_lint import repo_lock
    from aims_lint.cli import main

    doc = root / "policies" / "ai-policy.md"
    original = doc.read_bytes()
    monkeypatch.setattr(repo_lock, "WAIT_SECONDS", 0.3)  # the default waits two minutes
    monkeypatch.chdir(root)
    with repository_lock(root):  # another command holds it (flock is per open file, even in one process)
        code = main(["review", "POL-001", "--by", "top-management", "--today", DAY])
    assert code == 2
    assert "another aims-lint command has held the repository lock" in capsys.readouterr().err
    assert doc.read_bytes() == original

"""The subprocess layer under `history/`: real git, real repositories, every failure a clear reason."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from aims_lint.history import HistoryUnavailable, pin
from aims_lint.history.gitcmd import NOT_INSTALLED, Git
from aims_lint.history.gitlog import open_repo, resolve
from tests.conftest import new_repo
from tests.test_history_repo import GitRepo, clean_env


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", "2026-01-05")
    return repo


def test_a_failing_command_says_which_and_why(repo: GitRepo) -> None:
    with pytest.raises(HistoryUnavailable, match=r"^git cat-file failed: fatal: .*no-such-rev"):
        Git(repo.root).run("cat-file", "-t", "no-such-rev")


def test_without_git_on_path_the_reason_says_so(repo: GitRepo, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(HistoryUnavailable, match=f"^{NOT_INSTALLED}$"):
        Git(repo.root).run("status")
    with pytest.raises(HistoryUnavailable, match=f"^{NOT_INSTALLED}$"):
        open_repo(repo.root)


def test_objects_answer_in_order_missing_and_non_files_as_none(repo: GitRepo) -> None:
    git = Git(repo.root)
    head = repo.git("rev-parse", "HEAD")
    names = [f"{head}:policies/ai-policy.md", f"{head}:policies/none.md", f"{head}:policies", "0" * 40]
    answers = list(git.objects(names))
    assert [name for name, _ in answers] == names
    assert answers[0][1] == (repo.root / "policies/ai-policy.md").read_bytes()
    assert [data for _, data in answers[1:]] == [None, None, None]


def test_names_with_spaces_found_or_missing(repo: GitRepo) -> None:
    head = repo.commit("Spaces", "2026-01-06", {"policies/a b 12.md": "---\nid: POL-9\n---\n"})
    names = [f"{head}:policies/a b 12.md", f"{head}:policies/x 7.md", f"{head}:policies/y missing.md"]
    assert [data for _, data in Git(repo.root).objects(names)] == [b"---\nid: POL-9\n---\n", None, None]


def test_many_large_objects_stream_through_without_a_full_pipe(repo: GitRepo) -> None:
    # More than a pipe holds each way: the requests are written while answers are read.
    files = {f"records/big-{n:04d}.md": f"---\nid: REC-{n}\n---\n" + "x" * 70_000 for n in range(40)}
    head = repo.commit("Big", "2026-01-06", files)
    missing = [f"{head}:policies/{'n' * 200}-{n}.md" for n in range(400)]
    names = [f"{head}:{path}" for path in files] * 50 + missing
    got = dict(Git(repo.root).objects(names))
    assert sum(1 for data in got.values() if data is not None) == 40
    assert got[f"{head}:records/big-0007.md"] == files["records/big-0007.md"].encode()


def test_a_reader_that_stops_early_leaves_no_git_running(repo: GitRepo) -> None:
    head = repo.git("rev-parse", "HEAD")
    answers = Git(repo.root).objects([f"{head}:policies/ai-policy.md"] * 5000)
    next(answers)
    answers.close()  # the generator's cleanup kills and reaps git
    children = subprocess.run(["ps", "-o", "args=", "--ppid", str(os.getpid())],
                              capture_output=True, text=True, check=False).stdout
    assert "cat-file" not in children


def test_streamed_output_and_its_failure(repo: GitRepo) -> None:
    git = Git(repo.root)
    assert b"".join(git.stream("log", "--format=%s")) == b"Start\n"
    with pytest.raises(HistoryUnavailable, match=r"^git log failed: fatal: "):
        list(git.stream("log", "no-such-rev"))


def test_a_bare_repository_needs_a_work_tree(repo: GitRepo, tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.root), str(bare)], check=True, env=clean_env())
    with pytest.raises(HistoryUnavailable, match="is in a bare repository; history needs a work tree"):
        open_repo(bare)


def test_a_missing_root_is_not_inside_a_repository(tmp_path: Path) -> None:
    with pytest.raises(HistoryUnavailable, match="is not inside a git repository"):
        open_repo(tmp_path / "missing")


def test_the_aims_root_below_the_top_is_the_prefix(tmp_path: Path) -> None:
    top = tmp_path / "mono"
    new_repo(top / "compliance" / "aims")
    GitRepo(top).commit("Start", "2026-01-05")
    git = open_repo(top / "compliance" / "aims" / "policies" / "..")
    assert (git.toplevel, git.prefix) == (top.resolve(), "compliance/aims/")


def test_an_unborn_head_resolves_to_nothing_and_an_unknown_rev_says_fetch(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    GitRepo(root)
    git = open_repo(root)
    assert resolve(git, "HEAD") is None
    with pytest.raises(HistoryUnavailable, match="revision 'main' not found; fetch the full history"):
        resolve(git, "main")
    with pytest.raises(HistoryUnavailable, match="the repository has no commits yet"):
        pin(root, "HEAD")


def test_a_pinned_commit_lists_its_files_links_and_no_submodule(repo: GitRepo, tmp_path: Path) -> None:
    (repo.root / "policies" / "link.md").symlink_to("ai-policy.md")
    first = repo.commit("Link", "2026-01-06")
    sub = GitRepo(tmp_path / "sub")
    sub.commit("Sub", "2026-01-05", {"x.md": "x\n"})
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(sub.root), "vendor/sub")
    repo.commit("Submodule", "2026-01-07", {"policies/ai-policy.md": None})
    pinned = pin(repo.root, first)
    files = {f.path: f for f in pinned.files()}
    assert files["policies/link.md"].link and files["policies/link.md"].data == b"ai-policy.md"
    assert not files["policies/ai-policy.md"].link
    assert pinned.read(["policies/ai-policy.md", "policies/gone.md"]).keys() == {"policies/ai-policy.md"}
    later = {f.path for f in pin(repo.root, "HEAD").files()}
    assert "vendor/sub" not in later and ".gitmodules" in later and "policies/ai-policy.md" not in later


def test_attempt_returns_a_failure_instead_of_raising(repo: GitRepo) -> None:
    done = Git(repo.root).attempt("cat-file", "-t", "no-such-rev")
    assert done.status != 0 and done.out == b"" and b"no-such-rev" in done.err
    assert Git(repo.root).attempt("verify-commit", "HEAD").status == 1  # unsigned: git says no
    assert Git(repo.root).attempt("rev-parse", "--verify", "HEAD").status == 0


def test_a_failure_after_settings_names_the_command_not_the_setting(repo: GitRepo) -> None:
    with pytest.raises(HistoryUnavailable, match=r"^git log failed"):
        Git(repo.root).run("-c", "log.showSignature=false", "log", "no-such-revision")

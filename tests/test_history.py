"""History from one log pass: renames, merges, trailers, odd names, files never committed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aims_lint.approvals.in_force import landing_days
from aims_lint.approvals.recording import merges_by_commit
from aims_lint.config import load_settings
from aims_lint.history import History, load_history
from aims_lint.history.graph import bringing_merges, brought_in, mainline
from aims_lint.history.render import history_text
from aims_lint.history.trailers import parse_trailers, pull_request
from tests.conftest import new_repo
from tests.test_history_repo import GitRepo

Reader = Callable[..., History]
Pairs = tuple[tuple[str, str], ...]
MARA = "Mara Lindqvist <mara.lindqvist@fennwick.example>"


@pytest.fixture
def history_of() -> Iterator[Reader]:
    def read(root: Path, **settings: object) -> History:
        history = load_history(load_settings(root, settings))
        assert history.problem is None, history.problem
        return history

    yield read


def _repo(tmp_path: Path) -> GitRepo:
    root = new_repo(tmp_path / "repo")
    repo = GitRepo(root)
    repo.commit("Start", "2026-01-05")
    return repo


def subjects(history: History, path: str) -> list[str]:
    return [c.subject for c in history.of(path).commits]


def test_rename_in_a_folder_keeps_the_older_commits(tmp_path: Path, history_of: Reader) -> None:
    repo = _repo(tmp_path)
    repo.commit("Edit", "2026-01-20", {"policies/ai-policy.md": {"append": "\nMore.\n"}})
    repo.move("policies/ai-policy.md", "policies/artificial-intelligence.md")
    repo.commit("Rename", "2026-02-01")
    history = history_of(repo.root)
    file = history.of("policies/artificial-intelligence.md")
    assert subjects(history, "policies/artificial-intelligence.md") == ["Rename", "Edit", "Start"]
    assert file.previous_paths == ("policies/ai-policy.md",)
    assert file.changes[0].change.status == "R"
    assert file.changes[0].change.old_path == "policies/ai-policy.md"
    assert "policies/ai-policy.md" not in history.log.files


def test_renames_across_folders_chain(tmp_path: Path, history_of: Reader) -> None:
    repo = _repo(tmp_path)
    repo.move("policies/ai-policy.md", "procedures/ai-policy.md")
    repo.commit("To procedures", "2026-02-01")
    repo.commit("Edit there", "2026-02-10", {"procedures/ai-policy.md": {"append": "\nEdited.\n"}})
    repo.move("procedures/ai-policy.md", "records/2026/ai-policy.md")
    repo.commit("To records", "2026-03-01")
    history = history_of(repo.root)
    file = history.of("records/2026/ai-policy.md")
    assert [c.subject for c in file.commits] == ["To records", "Edit there", "To procedures", "Start"]
    assert file.previous_paths == ("procedures/ai-policy.md", "policies/ai-policy.md")
    assert file.created == datetime(2026, 1, 5, 12, tzinfo=UTC)
    assert file.last_changed == datetime(2026, 3, 1, 12, tzinfo=UTC)


def test_a_name_reused_after_a_rename_starts_a_new_lineage(tmp_path: Path, history_of: Reader) -> None:
    repo = _repo(tmp_path)
    repo.move("policies/ai-policy.md", "policies/ai.md")
    repo.commit("Rename", "2026-02-01")
    repo.commit("New file at the old name", "2026-02-05", {"policies/ai-policy.md": "---\nid: POL-2\n---\n"})
    history = history_of(repo.root)
    assert subjects(history, "policies/ai-policy.md") == ["New file at the old name"]
    assert subjects(history, "policies/ai.md") == ["Rename", "Start"]


def test_a_deleted_document_keeps_its_lineage(tmp_path: Path, history_of: Reader) -> None:
    repo = _repo(tmp_path)
    repo.commit("Edit", "2026-01-20", {"policies/ai-policy.md": {"append": "\nMore.\n"}})
    repo.commit("Delete", "2026-02-01", {"policies/ai-policy.md": None})
    repo.commit("Re-create", "2026-03-01", {"policies/ai-policy.md": "---\nid: POL-009\n---\n"})
    history = history_of(repo.root)
    assert subjects(history, "policies/ai-policy.md") == ["Re-create"]
    [gone] = history.log.deleted
    assert [c.subject for c in gone.commits] == ["Delete", "Edit", "Start"]
    assert not gone.alive


def test_a_merge_that_brings_a_change_counts_with_its_branch(tmp_path: Path, history_of: Reader) -> None:
    repo = _repo(tmp_path)
    repo.git("checkout", "-q", "-b", "topic")
    edit = {"policies/ai-policy.md": {"append": "\nB.\n"}}
    repo.commit("Branch edit (#6)", "2026-02-01", edit, author=MARA)
    repo.git("checkout", "-q", "main")
    repo.commit("Main edit", "2026-02-02", {"policies/roles.md": {"append": "\nM.\n"}})
    repo.merge("topic", "Merge pull request #7 from fennwick/topic", "2026-02-03")
    history = history_of(repo.root)
    assert subjects(history, "policies/ai-policy.md") == [
        "Merge pull request #7 from fennwick/topic", "Branch edit (#6)", "Start",
    ]
    merge, branch, _ = history.of("policies/ai-policy.md").commits
    assert merge.is_merge and merge.pr == 7 and branch.pr == 6
    # The merge lists only what it brought: roles.md changed on main, not by the merge.
    assert subjects(history, "policies/roles.md") == ["Main edit", "Start"]
    main = mainline(history.log)
    assert branch.sha not in main and merge.sha in main
    assert brought_in(history.log, merge, main) == {branch.sha}


def _merged_twice(tmp_path: Path, first: str, second: str) -> tuple[GitRepo, dict[str, str]]:
    """A branch merged into main (on day `first`), continued, and merged again (on day `second`)."""
    repo = _repo(tmp_path)
    repo.git("checkout", "-q", "-b", "topic")
    ids = {"b1": repo.commit("Branch edit 1", "2026-02-01", {"policies/ai-policy.md": {"append": "\nB1.\n"}})}
    repo.git("checkout", "-q", "main")
    ids["m1"] = repo.merge("topic", "Merge topic (first)", first)
    repo.git("checkout", "-q", "topic")
    ids["b2"] = repo.commit("Branch edit 2", "2026-02-02", {"policies/ai-policy.md": {"append": "\nB2.\n"}})
    repo.git("checkout", "-q", "main")
    ids["m2"] = repo.merge("topic", "Merge topic (second)", second)
    return repo, ids


def test_a_commit_merged_twice_arrived_with_the_first_merge(tmp_path: Path, history_of: Reader) -> None:
    repo, ids = _merged_twice(tmp_path, "2026-02-10", "2026-02-20")
    history = history_of(repo.root)
    m2 = history.log.commits[ids["m2"]]
    # The second merge brings the first branch commit in again: the main line is first parents only.
    assert ids["b1"] in brought_in(history.log, m2, mainline(history.log))
    merges = bringing_merges(history.log)
    assert (merges[ids["b1"]].sha, merges[ids["b2"]].sha) == (ids["m1"], ids["m2"])
    assert merges_by_commit(history) == merges  # the trailer rules ask the same function
    days = landing_days(history.log)
    assert (days[ids["b1"]].isoformat(), days[ids["b2"]].isoformat()) == ("2026-02-10", "2026-02-20")


def test_the_merge_that_brought_a_commit_in_is_the_graphs_not_the_clocks(tmp_path: Path,
                                                                           history_of: Reader) -> None:
    # The first merge's clock ran late: it is dated after the second. The commit still arrived with
    # the first merge, and `history --as-of` and the trailer rules name that one merge.
    repo, ids = _merged_twice(tmp_path, "2026-03-10", "2026-03-05")
    history = history_of(repo.root)
    merge = merges_by_commit(history)[ids["b1"]]
    assert merge.sha == ids["m1"]
    assert landing_days(history.log)[ids["b1"]] == merge.day
    assert merge.day.isoformat() == "2026-03-10"


def test_a_rename_on_a_branch_follows_through_the_merge(tmp_path: Path, history_of: Reader) -> None:
    repo = _repo(tmp_path)
    repo.git("checkout", "-q", "-b", "topic")
    repo.move("policies/ai-policy.md", "policies/ai.md")
    repo.commit("Rename on branch", "2026-02-01")
    text = (repo.root / "policies/ai.md").read_text(encoding="utf-8").replace("# AI", "# The AI")
    repo.commit("Edit renamed", "2026-02-02", {"policies/ai.md": text})
    repo.git("checkout", "-q", "main")
    repo.commit("Edit old name on main", "2026-02-03", {"policies/ai-policy.md": {"append": "\nM.\n"}})
    repo.merge("topic", "Merge topic", "2026-02-04")
    history = history_of(repo.root)
    assert sorted(subjects(history, "policies/ai.md")) == sorted([
        "Merge topic", "Edit old name on main", "Edit renamed", "Rename on branch", "Start",
    ])
    assert history.log.deleted == ()


def test_trailers_and_pull_request_numbers_are_read(tmp_path: Path, history_of: Reader) -> None:
    repo = _repo(tmp_path)
    message = (
        "Approve the AI policy v1.1 (#42)\n\nWhy: the scope changed.\n\n"
        f"Reviewed-by: Priya Raman <priya.raman@fennwick.example>\nApproved-by: {MARA}\n"
        "Co-authored-by: Aiko Tanaka <aiko.tanaka@fennwick.example>\nTicket: AIMS-12\n"
        "  continued on the next line\n"
    )
    repo.commit(message, "2026-02-01", {"policies/ai-policy.md": {"append": "\nX.\n"}})
    commit = history_of(repo.root).of("policies/ai-policy.md").commits[0]
    assert commit.subject == "Approve the AI policy v1.1 (#42)"
    assert commit.pr == 42
    assert commit.trailer_values("approved-by") == [MARA]
    assert commit.trailers == (
        ("Reviewed-by", "Priya Raman <priya.raman@fennwick.example>"),
        ("Approved-by", MARA),
        ("Co-authored-by", "Aiko Tanaka <aiko.tanaka@fennwick.example>"),
        ("Ticket", "AIMS-12 continued on the next line"),
    )


@pytest.mark.parametrize(("message", "expected"), [
    ("Fix: typo", ()),  # a subject is never a trailer
    ("Subject\n\nApproved-by: A\nnot a trailer line\n", ()),
    ("Subject\n\nBody text.\n\nApproved-by: A <a@x>\n", (("Approved-by", "A <a@x>"),)),
    ("Subject\n\nApproved-by: A\n\nTrailing prose.\n", ()),
])
def test_only_a_final_block_of_key_value_lines_is_trailers(message: str, expected: Pairs) -> None:
    assert parse_trailers(message) == expected


@pytest.mark.parametrize(("subject", "number"), [
    ("Merge pull request #123 from org/branch", 123),
    ("Approve v1.1 (#9)", 9),
    ("Refers to #9 in passing", None),
    ("(#9) at the start", None),
])
def test_pull_request_numbers(subject: str, number: int | None) -> None:
    assert pull_request(subject) == number


def test_non_ascii_names_and_paths(tmp_path: Path, history_of: Reader) -> None:
    repo = _repo(tmp_path)
    path = "policies/richtlinie-künstliche-intelligenz.md"
    repo.commit("Leitlinie hinzugefügt", "2026-02-01", {path: "---\nid: POL-010\n---\n"},
                author="Zoë Ünal-Øster <zoe@example.org>", committer="Jürgen Groß <juergen@example.org>")
    commit = history_of(repo.root).of(path).commits[0]
    assert commit.author.person.name == "Zoë Ünal-Øster"
    assert commit.committer.person.name == "Jürgen Groß"
    assert commit.subject == "Leitlinie hinzugefügt"


def test_control_characters_in_messages_do_not_derail_parsing(tmp_path: Path, history_of: Reader) -> None:
    repo = _repo(tmp_path)
    hostile = ("Evil \x1b[31mred\x1b[0m \x1e\x01 subject\n\n"
               "Body with \x1e record mark\n\nApproved-by: X\x07Y\n")
    repo.commit(hostile, "2026-02-01", {"policies/ai-policy.md": {"append": "\nX.\n"}})
    repo.commit("After", "2026-02-02", {"policies/ai-policy.md": {"append": "\nY.\n"}})
    history = history_of(repo.root)
    assert subjects(history, "policies/ai-policy.md") == [
        "After", "Evil \x1b[31mred\x1b[0m \x1e\x01 subject", "Start",
    ]
    text = history_text(history.of("policies/ai-policy.md"), "POL-001")
    assert "\x1b" not in text and "\\x1b[31m" in text


def test_a_file_never_committed_has_an_empty_history(tmp_path: Path, history_of: Reader) -> None:
    repo = _repo(tmp_path)
    (repo.root / "policies" / "new.md").write_text("---\nid: POL-003\n---\n", encoding="utf-8")
    file = history_of(repo.root).of("policies/new.md")
    assert file.commits == () and file.created is None and file.last_changed is None
    assert "not committed yet" in history_text(file)


def test_a_repository_without_commits_has_an_empty_history(tmp_path: Path, history_of: Reader) -> None:
    root = new_repo(tmp_path / "repo")
    GitRepo(root)
    history = history_of(root)
    assert history.log.commits == {} and history.of("policies/ai-policy.md").commits == ()


def test_an_aims_root_below_the_repository_top(tmp_path: Path, history_of: Reader) -> None:
    top = tmp_path / "mono"
    new_repo(top / "compliance" / "aims")
    (top / "src").mkdir()
    (top / "src" / "app.py").write_text("print()\n", encoding="utf-8")
    repo = GitRepo(top)
    repo.commit("Start", "2026-01-05")
    repo.move("compliance/aims/policies/ai-policy.md", "compliance/aims/policies/ai.md")
    repo.commit("Rename", "2026-02-01", {"src/app.py": "print(1)\n"})
    history = history_of(top / "compliance" / "aims")
    assert subjects(history, "policies/ai.md") == ["Rename", "Start"]
    assert history.of("policies/ai.md").previous_paths == ("policies/ai-policy.md",)
    assert "src/app.py" not in history.log.files


def test_front_matter_at_a_commit_is_read_from_git(tmp_path: Path, history_of: Reader) -> None:
    repo = _repo(tmp_path)
    first = repo.git("rev-parse", "HEAD")
    repo.commit("Retire", "2026-02-01", {"policies/ai-policy.md": "---\nid: POL-001\nstatus: retired\n---\n"})
    history = history_of(repo.root)
    wanted = [((first, "policies/ai-policy.md"), None), ((first, "policies/missing.md"), None)]
    history = history.with_revisions(wanted, repo.root, {}, history.max_bytes)
    assert history.front_matter(first, "policies/ai-policy.md")["status"] == "approved"  # type: ignore[index]
    assert history.front_matter(first, "policies/missing.md") is None

"""The trailer level across merge strategies, and an adopter's day with it (issue 13).

Each test builds a real repository with fixed dates: the base AI policy
(POL-001, approved 2026-01-10 by top-management, held by Mara Lindqvist)
committed on main, then approved again as v1.1 on a branch and brought in
the way GitHub's three merge buttons do it: a merge commit, a squash merge
(the branch's messages in the squashed body) and a rebase merge (the
branch's commits replayed on main, later, by someone else).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aims_lint.cli import main
from aims_lint.results import Finding
from tests.conftest import new_repo, run_lint
from tests.signing import make_keys
from tests.test_history_repo import GitRepo

POLICY = "policies/ai-policy.md"
MARA = "Mara Lindqvist <mara.lindqvist@fennwick.example>"
TOMAS = "Tomás Ferreira <tomas.ferreira@fennwick.example>"
TODAY = date(2026, 6, 1)
IDENTITY = {"GIT_COMMITTER_NAME": "Tomás Ferreira", "GIT_COMMITTER_EMAIL": "tomas.ferreira@fennwick.example"}
RULES = ("AIMS910", "AIMS911", "AIMS912", "AIMS913", "AIMS914")


def approved_again(root: Path, version: str, day: str) -> dict[str, str]:
    """The policy's text with a new version approved on `day` (and new words)."""
    text = (root / POLICY).read_text(encoding="utf-8")
    text = text.replace('version: "1.0"', f'version: "{version}"').replace(
        "approved_on: 2026-01-10", f"approved_on: {day}")
    return {POLICY: text + f"\nReworded for version {version}.\n"}


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """main with the approved policy (its approval has a trailer), and branch `topic` made from it."""
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit(f"Approve POL-001\n\nApproved-by: {MARA}\n", "2026-01-12")
    repo.git("checkout", "-q", "-b", "topic")
    return repo


def findings(repo: GitRepo) -> list[Finding]:
    result = run_lint(repo.root, TODAY, approval_evidence_by={"policy": "trailer"})
    return [f for f in result.findings if f.rule in RULES and f.path == POLICY]


def approvals(repo: GitRepo) -> list[Any]:
    """The approvals `aims-lint history POL-001 --format json` describes, oldest first."""
    done = subprocess.run([sys.executable, "-m", "aims_lint", "history", "POL-001", "--root", str(repo.root),
                           "--format", "json"], capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout)["approvals"])


def on_main(repo: GitRepo, day: str) -> None:
    """Back on main, with an unrelated commit so a merge cannot fast-forward."""
    repo.git("checkout", "-q", "main")
    repo.commit("Unrelated", day, {"procedures/.keep": ""})


# --- merge commits -------------------------------------------------------------------------------


def test_merge_commit_with_the_trailer_on_the_branch_commit(repo: GitRepo) -> None:
    repo.commit(f"Approve POL-001 v1.1\n\nApproved-by: {MARA}\n", "2026-03-02",
                approved_again(repo.root, "1.1", "2026-03-02"))
    on_main(repo, "2026-03-03")
    repo.merge("topic", "Merge pull request #5 from fennwick/topic", "2026-03-04")
    assert findings(repo) == []


def test_merge_commit_with_the_trailer_on_the_merge_commit_only(repo: GitRepo) -> None:
    repo.commit("Approve POL-001 v1.1", "2026-03-02", approved_again(repo.root, "1.1", "2026-03-02"))
    on_main(repo, "2026-03-03")
    merge = repo.merge("topic", f"Merge pull request #5 from fennwick/topic\n\nApproved-by: {MARA}\n",
                       "2026-03-04")
    assert findings(repo) == []
    # The history says what the rules judged: the merge's trailer backs the branch's approval.
    latest = approvals(repo)[-1]
    assert (latest["trailers"], latest["merged_in"], latest["merge_trailers"]) == ([], merge, [MARA])
    assert latest["how"].endswith(f"; Approved-by: {MARA} (on merge {merge[:7]}); not signed.")


def test_merge_commit_without_a_trailer_names_both_commits(repo: GitRepo) -> None:
    branch = repo.commit("Approve POL-001 v1.1", "2026-03-02", approved_again(repo.root, "1.1", "2026-03-02"))
    on_main(repo, "2026-03-03")
    merge = repo.merge("topic", "Merge pull request #5 from fennwick/topic", "2026-03-04")
    [finding] = findings(repo)
    assert (finding.rule, finding.line) == ("AIMS910", 8)
    said = f"; no Approved-by trailer, nor on merge {merge[:7]}; not signed."
    assert approvals(repo)[-1]["how"].endswith(said)
    assert finding.message.startswith(
        f"POL-001 v1.1 was approved in commit {branch[:7]} (merged in {merge[:7]}); neither has an "
        "Approved-by trailer naming Mara Lindqvist (top-management)")


def test_merge_commit_with_the_wrong_person_on_the_merge(repo: GitRepo) -> None:
    repo.commit("Approve POL-001 v1.1", "2026-03-02", approved_again(repo.root, "1.1", "2026-03-02"))
    on_main(repo, "2026-03-03")
    repo.merge("topic", f"Merge pull request #5 from fennwick/topic\n\nApproved-by: {TOMAS}\n", "2026-03-04")
    assert [(f.rule, f.line) for f in findings(repo)] == [("AIMS911", 8)]


def test_prepared_before_the_meeting_and_merged_after_it(repo: GitRepo) -> None:
    """The branch commit predates approved_on; the merge that made it take effect does not."""
    repo.commit(f"Approve POL-001 v1.1\n\nApproved-by: {MARA}\n", "2026-02-27",
                approved_again(repo.root, "1.1", "2026-03-02"))
    on_main(repo, "2026-02-28")
    repo.merge("topic", "Merge pull request #5 from fennwick/topic", "2026-03-02")
    assert findings(repo) == []


def test_merged_before_the_approval_day(repo: GitRepo) -> None:
    commit = repo.commit(f"Approve POL-001 v1.1\n\nApproved-by: {MARA}\n", "2026-02-27",
                         approved_again(repo.root, "1.1", "2026-03-02"))
    on_main(repo, "2026-02-28")
    merge = repo.merge("topic", "Merge pull request #5 from fennwick/topic", "2026-03-01")
    [finding] = findings(repo)
    assert (finding.rule, finding.line) == ("AIMS912", 9)
    assert (f"according to commit {commit[:7]} (merged in {merge[:7]}), which is dated 2026-03-01"
            in finding.message)


# --- a merge whose text is its own ---------------------------------------------------------------


def edited_merge(repo: GitRepo, message: str, day: str, *, sign: Path | None = None) -> str:
    """`git merge --no-commit topic`, the policy's body edited in the resolution, then committed."""
    repo.git("merge", "-q", "--no-ff", "--no-commit", "topic", env=IDENTITY)
    return repo.commit(message, day, {POLICY: {"append": "A sentence nobody approved.\n"}}, sign=sign)


def test_an_edited_merge_resolution_needs_its_own_trailer(repo: GitRepo) -> None:
    """The branch's trailer backs the branch's text, not what the merge wrote over it."""
    repo.commit(f"Approve POL-001 v1.1\n\nApproved-by: {MARA}\n", "2026-03-02",
                approved_again(repo.root, "1.1", "2026-03-02"))
    on_main(repo, "2026-03-03")
    merge = edited_merge(repo, "Merge pull request #5 from fennwick/topic", "2026-03-04")
    [finding] = findings(repo)
    assert finding.rule == "AIMS910"
    assert finding.message.startswith(
        f"POL-001 v1.1 was approved in commit {merge[:7]}, which has no Approved-by trailer naming "
        "Mara Lindqvist (top-management)")
    # The history lists the merge as an approval of its own, after the branch's.
    recorded = [(a["commit"], a["version"]) for a in approvals(repo)]
    assert recorded[-1][1] == "1.1" and recorded[-1][0] == merge and len(recorded) == 3


def test_an_edited_merge_resolution_is_a_change_after_the_approval(repo: GitRepo) -> None:
    """AIMS901 (any level): the merge restates the branch's approval of 2026-03-02 over new text."""
    repo.commit(f"Approve POL-001 v1.1\n\nApproved-by: {MARA}\n", "2026-03-02",
                approved_again(repo.root, "1.1", "2026-03-02"))
    on_main(repo, "2026-03-03")
    merge = edited_merge(repo, f"Merge pull request #5\n\nApproved-by: {MARA}\n", "2026-03-04")
    result = run_lint(repo.root, TODAY)
    [finding] = [f for f in result.findings if f.rule == "AIMS901"]
    assert finding.path == POLICY
    assert finding.message.startswith("content changed after the approval of 2026-03-02 without a new "
                                      f"approval: {merge[:7]} (2026-03-04, 'Merge pull request #5')")


def test_a_merge_that_takes_the_branch_text_whole_is_no_change(repo: GitRepo) -> None:
    """The same merge without the edit: the branch commit is the approval, AIMS901 is silent."""
    repo.commit(f"Approve POL-001 v1.1\n\nApproved-by: {MARA}\n", "2026-03-02",
                approved_again(repo.root, "1.1", "2026-03-02"))
    on_main(repo, "2026-03-03")
    repo.git("merge", "-q", "--no-ff", "--no-commit", "topic", env=IDENTITY)
    repo.commit("Merge pull request #5 from fennwick/topic", "2026-03-04")
    result = run_lint(repo.root, TODAY, approval_evidence_by={"policy": "trailer"})
    assert [f for f in result.findings if f.path == POLICY and f.rule in ("AIMS901", *RULES)] == []
    assert len(approvals(repo)) == 2


def test_an_edited_merge_resolution_is_not_covered_by_the_branch_signature(tmp_path: Path) -> None:
    """At the signed level the merge is the approval git is asked about: unsigned, AIMS915."""
    keys = make_keys(tmp_path / "keys", ["mara"])
    root = new_repo(tmp_path / "repo")
    (root / "pyproject.toml").write_text('[tool.aims_lint]\napproval_evidence_by = {policy = "signed"}\n',
                                         encoding="utf-8")
    registry = root / "policies/roles.md"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "github: mlindqvist, since: 2024-03-01}",
        f'github: mlindqvist, since: 2024-03-01, keys: ["{keys["mara"].public}"]}}'), encoding="utf-8")
    repo = GitRepo(root)
    repo.commit("Start", "2026-01-10", sign=keys["mara"].private, author=MARA)
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Approve POL-001 v1.1", "2026-03-02", approved_again(root, "1.1", "2026-03-02"),
                author=MARA, sign=keys["mara"].private)
    on_main(repo, "2026-03-03")
    signed = ("AIMS915", "AIMS916", "AIMS917", "AIMS918", "AIMS919")

    def signed_findings() -> list[Finding]:
        return [f for f in run_lint(root, TODAY).findings if f.rule in signed and f.path == POLICY]

    repo.git("checkout", "-q", "-b", "plain")  # the control: the branch's text taken whole
    repo.merge("topic", "Merge pull request #7", "2026-03-04")
    assert signed_findings() == []
    repo.git("checkout", "-q", "main")
    merge = edited_merge(repo, "Merge pull request #7", "2026-03-04")
    [finding] = signed_findings()
    assert finding.rule == "AIMS915"
    assert merge[:7] in finding.message


# --- an approval that re-points its approver -----------------------------------------------------


def repointed(root: Path) -> dict[str, str]:
    """v1.1 approved on 2026-03-02 with the approver moved from top-management to aims-manager."""
    text = approved_again(root, "1.1", "2026-03-02")[POLICY]
    assert "approver: top-management" in text
    return {POLICY: text.replace("approver: top-management", "approver: aims-manager")}


def test_a_repointed_approver_needs_the_previous_approvers_trailer(repo: GitRepo) -> None:
    """Tomás holds aims-manager: his trailer cannot hand him the policy; Mara's can."""
    repo.git("checkout", "-q", "main")
    commit = repo.commit(f"Approve POL-001 v1.1\n\nApproved-by: {TOMAS}\n", "2026-03-02",
                         repointed(repo.root))
    [finding] = findings(repo)
    assert finding.rule == "AIMS911"
    assert finding.message == (
        f"POL-001 v1.1 was approved in commit {commit[:7]}, whose Approved-by trailer names "
        "Tomás Ferreira <tomas.ferreira@fennwick.example> (listed for aims-manager, not for "
        "top-management) instead of Mara Lindqvist (top-management) (this approval re-points "
        "approver from top-management to aims-manager, so top-management must approve it)")
    repo.git("reset", "-q", "--soft", "HEAD~1")  # the same change, recorded with Mara's trailer
    repo.commit(f"Approve POL-001 v1.1\n\nApproved-by: {MARA}\n", "2026-03-02")
    assert findings(repo) == []
    repo.git("reset", "-q", "--soft", "HEAD~1")
    repo.commit("Approve POL-001 v1.1", "2026-03-02")
    [missing] = findings(repo)
    assert missing.rule == "AIMS910"
    assert "Approved-by trailer naming Mara Lindqvist (top-management) (this approval re-points" in (
        missing.message)


# --- squash merges -------------------------------------------------------------------------------


def squash(repo: GitRepo, message: str, day: str) -> str:
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--squash", "topic")
    return repo.commit(message, day)


def test_squash_merge_keeps_the_branch_trailers_in_its_body(repo: GitRepo) -> None:
    repo.commit(f"Approve POL-001 v1.1\n\nApproved-by: {MARA}\n", "2026-03-02",
                approved_again(repo.root, "1.1", "2026-03-02"))
    repo.commit("Fix a typo", "2026-03-02", {POLICY: {"append": "Typo fixed.\n"}})
    body = (f"Approve the AI policy v1.1 (#6)\n\n* Approve POL-001 v1.1\n\nApproved-by: {MARA}\n\n"
            f"* Fix a typo\n\n---------\n\nCo-authored-by: {TOMAS}\n")
    squash(repo, body, "2026-03-03")
    assert findings(repo) == []
    # The trailer stands in a middle paragraph: the history reads it where the rules do.
    latest = approvals(repo)[-1]
    assert (latest["version"], latest["trailers"]) == ("1.1", [MARA])
    assert latest["merged_in"] is None
    assert latest["how"].endswith(f"; Approved-by: {MARA}; not signed.")


def test_squash_merge_without_the_trailer_names_the_squash_commit(repo: GitRepo) -> None:
    repo.commit("Approve POL-001 v1.1", "2026-03-02", approved_again(repo.root, "1.1", "2026-03-02"))
    commit = squash(repo, "Approve the AI policy v1.1 (#6)\n\n* Approve POL-001 v1.1\n", "2026-03-03")
    [finding] = findings(repo)
    assert finding.rule == "AIMS910"
    assert f"approved in commit {commit[:7]}, which has no Approved-by trailer" in finding.message


# --- rebase merges -------------------------------------------------------------------------------


def rebase_merge(repo: GitRepo, day: str) -> str:
    """What "Rebase and merge" does: replay topic on main (new committer and date), fast-forward."""
    who = {"GIT_COMMITTER_NAME": "GitHub", "GIT_COMMITTER_EMAIL": "noreply@github.com",
           "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00"}
    repo.git("rebase", "-q", "main", "topic", env=who)
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "topic")
    return repo.git("rev-parse", "HEAD")


def test_rebase_merge_keeps_each_commit_and_its_trailers(repo: GitRepo) -> None:
    original = repo.commit(f"Approve POL-001 v1.1\n\nApproved-by: {MARA}\n", "2026-03-02",
                           approved_again(repo.root, "1.1", "2026-03-02"))
    on_main(repo, "2026-03-03")
    # Replayed 45 days later: the record was still made on the day (the author date says so).
    head = rebase_merge(repo, "2026-04-16")
    assert head != original
    assert findings(repo) == []


def test_rebase_merge_without_the_trailer_names_the_replayed_commit(repo: GitRepo) -> None:
    repo.commit("Approve POL-001 v1.1", "2026-03-02", approved_again(repo.root, "1.1", "2026-03-02"))
    on_main(repo, "2026-03-03")
    head = rebase_merge(repo, "2026-03-04")
    [finding] = findings(repo)
    assert finding.rule == "AIMS910"
    assert f"approved in commit {head[:7]}, which has no" in finding.message


# --- an uncommitted approval, and the adopter's flow ---------------------------------------------


def test_an_approval_not_committed_yet_is_a_warning_until_it_is(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "main")
    (repo.root / POLICY).write_text(approved_again(repo.root, "1.1", "2026-03-02")[POLICY], encoding="utf-8")
    [finding] = findings(repo)
    assert (finding.rule, finding.severity.value, finding.line) == ("AIMS913", "warning", 9)
    assert finding.message.startswith("POL-001 v1.1: this approval is not in the committed history")
    repo.commit(f"Approve POL-001 v1.1\n\nApproved-by: {MARA}\n", "2026-03-02")
    assert findings(repo) == []


def test_review_approve_message_meets_the_trailer_level(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """`aims-lint review --approve --message`, committed with that message, is the evidence."""
    repo.git("checkout", "-q", "main")
    args = ["review", "POL-001", "--by", "top-management", "--bump", "minor", "--message",
            "--date", "2026-05-04", "--today", "2026-05-04", "--root", str(repo.root)]
    assert main(args) == 0
    repo.commit(capsys.readouterr().out, "2026-05-04")
    capsys.readouterr()
    check = ["check", "--root", str(repo.root), "--today", "2026-05-04", "--format", "json"]
    (repo.root / "pyproject.toml").write_text('[tool.aims_lint]\napproval_evidence = "trailer"\n',
                                              encoding="utf-8")
    main(check)
    reported = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule"], f["path"]) for f in reported if f["rule"] in RULES] == [
        # The registry's own approval (2026-03-02) came in with the first commit, of 2026-01-12:
        # its trailer names the right person, but it is dated before the approval it claims.
        ("AIMS912", "policies/roles.md"),
    ]


def test_a_misspelt_approval_evidence_by_key_exits_2(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo.root / "pyproject.toml").write_text(
        '[tool.aims_lint]\n[tool.aims_lint.approval_evidence_by]\npolciy = "signed"\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--root", str(repo.root), "--today", "2026-06-01"]) == 2
    err = capsys.readouterr().err
    assert "approval_evidence_by: polciy is no document type, record kind or classification" in err
    assert "policy" in err.split("known:")[1]


def test_review_message_for_a_day_before_a_handover_names_the_holder_of_that_day(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Recorded late, an approval's trailer names whoever held the role on its day (AIMS911 agrees)."""
    repo.git("checkout", "-q", "main")
    registry = repo.root / "policies/roles.md"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "github: mlindqvist, since: 2024-03-01}",
        "github: mlindqvist, since: 2026-05-01}\n    previous_holders:\n"
        "      - {name: Lars Holm, email: lars.holm@fennwick.example, from: 2024-03-01, until: 2026-04-30}"),
        encoding="utf-8")
    repo.commit(f"Record the handover\n\nApproved-by: {MARA}\n", "2026-03-02")
    args = ["review", "POL-001", "--by", "top-management", "--bump", "minor", "--message",
            "--date", "2026-04-28", "--today", "2026-05-02", "--root", str(repo.root)]
    assert main(args) == 0
    message = capsys.readouterr().out
    assert "\nApproved-by: Lars Holm <lars.holm@fennwick.example>\n" in message
    repo.commit(message, "2026-05-02")
    assert findings(repo) == []

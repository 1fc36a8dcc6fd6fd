"""The forge level end to end: the approvals workflow's own scripts write the note, aims-lint reads it.

The two scripts of `.github/workflows/approvals.yml` run here as the runner
would run them, with bash, jq and git, against a real bare repository as
`origin`. Only GitHub's API is played by a small `gh` stand-in that answers
from files made from the same real commits (what the API would say of them).
The work repository then fetches the notes ref with the fetch step every
gate workflow has, and `aims-lint check` judges the approvals at the forge
level. Each merge strategy GitHub offers is built with git itself: a merge
commit, a squash (`git merge --squash`) and a rebase (`git cherry-pick`,
which keeps author, date and message, as GitHub's rebase does).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from aims_lint.approvals.events import current_event, reads
from aims_lint.config import load_settings
from aims_lint.history import History, load_history
from aims_lint.history.forge_notes import NOTES_REF, NoteError, parse_note
from tests.conftest import PROJECT, TODAY, new_repo, run_lint, write_files
from tests.rules.test_rule_cases import load_case_files
from tests.test_history_repo import GitRepo, add_forge_note, clean_env

WORKFLOW = PROJECT / ".github" / "workflows" / "approvals.yml"
AUTHOR = "Tomás Ferreira <tomas.ferreira@fennwick.example>"
HOLDER = "Mara Lindqvist <mara.lindqvist@fennwick.example>"
FORGE = {"approval_evidence_by": {"policy": "forge"}}
FAKE_GH = """#!/usr/bin/env bash
# GitHub's API for the test: `gh api [--paginate] PATH --jq EXPR` answers from $GH_FIXTURES.
set -euo pipefail
[ "$1" = api ] || exit 1
shift
expr=.
path=
while [ $# -gt 0 ]; do
  case "$1" in
    --paginate) shift ;;
    --jq) expr=$2; shift 2 ;;
    *) path=$1; shift ;;
  esac
done
jq -c "$expr" "$GH_FIXTURES/$(printf '%s' "$path" | tr / _).json"
"""


def workflow() -> dict[str, Any]:
    from tests.test_workflows import load

    loaded: dict[str, Any] = load(WORKFLOW)
    return loaded


def step_script(path: Path, job: str, name_start: str) -> str:
    from tests.test_workflows import load

    steps = load(path)["jobs"][job]["steps"]
    (script,) = [s["run"] for s in steps if s.get("name", "").startswith(name_start)]
    return str(script)


def v11(root: Path) -> str:
    text = (root / "policies" / "ai-policy.md").read_text(encoding="utf-8")
    return text.replace('version: "1.0"', 'version: "1.1"').replace(
        "approved_on: 2026-01-10", "approved_on: 2026-03-01")


@dataclass
class Merged:
    repo: GitRepo
    pr_commits: list[str]  # the pull request's commits, oldest first (their ids on the branch)
    head: str
    landed: str  # what the merge left on main


def merged(tmp_path: Path, method: str, *, author: str = AUTHOR, committer: str | None = None) -> Merged:
    """A repository where pull request #2 (branch topic: approve v1.1, then a tidy-up) landed on
    main by `method`, after an unrelated commit on main."""
    root = new_repo(tmp_path / "work")
    repo = GitRepo(root)
    repo.commit("Start", "2026-01-12")
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Approve v1.1", "2026-03-01T10:00:00+00:00", {"policies/ai-policy.md": v11(root)},
                author=author, committer=committer)
    repo.commit("Tidy the procedures folder", "2026-03-01T11:00:00+00:00", {"procedures/.keep": ""},
                author=author, committer=committer)
    pr_commits = repo.git("rev-list", "--reverse", "main..topic").split()
    head = pr_commits[-1]
    repo.git("checkout", "-q", "main")
    repo.commit("Unrelated", "2026-03-02", {"records/.keep": ""})
    day = repo._who(AUTHOR, None, "2026-03-04T15:00:00+00:00")
    if method == "merge":
        message = "Merge pull request #2 from fennwick/topic"
        repo.git("merge", "-q", "--no-ff", "-m", message, "topic", env=day)
    elif method == "squash":
        repo.git("merge", "-q", "--squash", "topic", env=day)
        repo.git("commit", "-q", "-m", "Approve v1.1 (#2)\n\n* Approve v1.1\n* Tidy", env=day)
    else:
        # Only the committer is set: a cherry-pick keeps each commit's author, date and message.
        committer = {k: v for k, v in day.items() if k.startswith("GIT_COMMITTER")}
        repo.git("cherry-pick", "--allow-empty", "main..topic", env=committer)
    return Merged(repo, pr_commits, head, repo.git("rev-parse", "HEAD"))


def api_fixtures(folder: Path, case: Merged, reviews: list[dict[str, Any]], logins: dict[str, str]) -> None:
    """What GitHub's API would answer about pull request #2, made from the real commits."""
    git = case.repo.git
    folder.mkdir()

    def commit_json(sha: str) -> dict[str, Any]:
        email, date, committer, parents = git("log", "-1", "--format=%ae%x00%aI%x00%ce%x00%P",
                                              sha).split("\x00")
        message = git("log", "-1", "--format=%B", sha) + "\n"
        login, committed_by = logins.get(email), logins.get(committer)
        return {"sha": sha, "author": {"login": login} if login else None,
                "committer": {"login": committed_by} if committed_by else None,
                "parents": [{"sha": p} for p in parents.split()],
                "commit": {"author": {"email": email, "date": date}, "committer": {"email": committer},
                           "message": message}}

    answers = {
        "repos/fennwick/aims/pulls/2/reviews": reviews,
        "repos/fennwick/aims/pulls/2/commits": [commit_json(sha) for sha in case.pr_commits],
        f"repos/fennwick/aims/commits/{case.landed}": commit_json(case.landed),
    }
    for path, answer in answers.items():
        (folder / f"{path.replace('/', '_')}.json").write_text(json.dumps(answer), encoding="utf-8")


def run_workflow(tmp_path: Path, case: Merged, reviews: list[dict[str, Any]],
                 logins: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The record job's two scripts, with the job's environment as GitHub would fill it in."""
    missing = [tool for tool in ("bash", "jq") if shutil.which(tool) is None]
    if missing:  # GitHub's runners have both; a machine without them skips, CI must not
        if os.environ.get("CI"):
            pytest.fail(f"the approvals workflow's scripts need {' and '.join(missing)}")
        pytest.skip(f"the approvals workflow's scripts need {' and '.join(missing)}")
    logins = logins or {"tomas.ferreira@fennwick.example": "tferreira",
                        "mara.lindqvist@fennwick.example": "mlindqvist"}
    api_fixtures(tmp_path / "api", case, reviews, logins)
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "gh").write_text(FAKE_GH, encoding="utf-8")
    (tools / "gh").chmod(stat.S_IRWXU)
    runner = tmp_path / "runner"
    runner.mkdir()
    env = {
        "GH_TOKEN": "not-a-token", "REPO": "fennwick/aims", "SERVER_URL": (tmp_path / "srv").as_uri(),
        "NOTES_REF": NOTES_REF, "PR": "2", "MERGE_COMMIT": case.landed, "HEAD_SHA": case.head,
        "AUTHOR": "tferreira", "COMMITS": str(len(case.pr_commits)), "MERGED_AT": "2026-03-04T15:00:00Z",
    }
    assert set(env) <= set(workflow()["jobs"]["record"]["env"])  # the names the job sets
    env = clean_env({**env, "RUNNER_TEMP": str(runner), "GH_FIXTURES": str(tmp_path / "api"),
                     "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"})
    done = None
    for name in ("Collect", "Add the note"):
        done = subprocess.run(["bash", "-e", "-c", step_script(WORKFLOW, "record", name)], env=env,
                              cwd=runner, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    assert done is not None
    return done


def origin(tmp_path: Path, case: Merged) -> Path:
    """The bare repository GitHub would hold, at file://<tmp>/srv/fennwick/aims.git, as `origin`."""
    bare = tmp_path / "srv" / "fennwick" / "aims.git"
    bare.parent.mkdir(parents=True)
    subprocess.run(["git", "clone", "-q", "--bare", str(case.repo.root), str(bare)], env=clean_env(),
                   check=True, capture_output=True)
    case.repo.git("remote", "add", "origin", bare.as_uri())
    return bare


def fetch_notes(case: Merged, workflow_name: str = "check.yml") -> None:
    """The gate workflows' fetch step, run in the work repository."""
    gate = PROJECT / ".github" / "workflows" / workflow_name
    job = next(iter(workflow_jobs(gate)))  # each gate has one job that checks out
    script = step_script(gate, job, "Fetch the approval records")
    env = clean_env({"GH_TOKEN": "not-a-token", "NOTES_REF": NOTES_REF})
    done = subprocess.run(["bash", "-e", "-c", script], env=env, cwd=case.repo.root, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def workflow_jobs(path: Path) -> dict[str, Any]:
    from tests.test_workflows import load

    jobs: dict[str, Any] = load(path)["jobs"]
    return jobs


def forge_findings(root: Path) -> list[tuple[str, str]]:
    result = run_lint(root, TODAY, **FORGE)
    return [(f.rule, f.message) for f in result.findings if f.rule.startswith("AIMS92")]


def holder_history(root: Path) -> History:
    settings = load_settings(root, FORGE)
    return load_history(settings).with_forge()


APPROVED = [{"user": {"login": "mlindqvist"}, "state": "APPROVED", "submitted_at": "2026-03-04T09:00:00Z",
             "author_association": "MEMBER"}]


def reviews_on(head: str, reviews: list[dict[str, Any]] = APPROVED) -> list[dict[str, Any]]:
    return [{"commit_id": head, **review} for review in reviews]


@pytest.mark.slow  # runs the workflow's scripts: bash, jq and several git processes
@pytest.mark.parametrize("method", ["merge", "squash", "rebase"])
def test_the_workflow_records_each_merge_strategy_and_the_approval_verifies(
    tmp_path: Path, method: str
) -> None:
    case = merged(tmp_path, method)
    origin(tmp_path, case)
    run_workflow(tmp_path, case, reviews_on(case.head))
    fetch_notes(case)
    history = holder_history(case.repo.root)
    (record,) = history.forge.values()
    assert (record.pr, record.method, record.merge_commit, record.head) == (2, method, case.landed, case.head)
    assert record.commits == 2 and record.commit_authors == ("tferreira",) and record.author == "tferreira"
    assert record.committers == ("tferreira",)
    assert [(r.reviewer, r.state, r.commit_id, r.association) for r in record.reviews] == [
        ("mlindqvist", "APPROVED", case.head, "MEMBER")]
    # The commit that recorded v1.1 on main is covered by the record, whichever way it landed.
    settings = load_settings(case.repo.root, FORGE)
    policy = "policies/ai-policy.md"

    history = history.with_revisions(reads(history, policy), settings.root, {}, settings.max_file_bytes)
    data = {"status": "approved", "version": "1.1", "approved_on": "2026-03-01", "approver": "top-management"}
    event = current_event(history, policy, data)  # the work tree's approval
    assert event is not None and event.version == "1.1"
    assert history.forge_records(event.commit.sha) == (record,)
    assert forge_findings(case.repo.root) == []


@pytest.mark.slow  # runs the workflow's scripts: bash, jq and several git processes
def test_without_the_notes_fetched_the_approval_has_no_record(tmp_path: Path) -> None:
    case = merged(tmp_path, "squash")
    origin(tmp_path, case)
    run_workflow(tmp_path, case, reviews_on(case.head))
    [(rule, message)] = forge_findings(case.repo.root)
    assert rule == "AIMS920" and f"git fetch origin {NOTES_REF}" in message
    fetch_notes(case, "publish.yml")
    assert forge_findings(case.repo.root) == []


@pytest.mark.slow  # runs the workflow's scripts: bash, jq and several git processes
def test_the_holder_who_wrote_every_commit_and_alone_approved_is_found(tmp_path: Path) -> None:
    case = merged(tmp_path, "rebase", author=HOLDER)
    origin(tmp_path, case)
    run_workflow(tmp_path, case, reviews_on(case.head))
    fetch_notes(case, "reviews.yml")
    [(rule, message)] = forge_findings(case.repo.root)
    assert rule == "AIMS922" and "POL-001 v1.1" in message and "#2" in message


@pytest.mark.slow  # runs the workflow's scripts: bash, jq and several git processes
@pytest.mark.parametrize(("association", "rules"), [("MEMBER", []), ("NONE", ["AIMS922"])])
def test_the_holders_own_change_needs_a_members_approval_besides(
    tmp_path: Path, association: str, rules: list[str]
) -> None:
    """Every commit of the pull request says Tomás wrote it, but Mara committed them (the
    committer the workflow records too): her review needs a second one, by a repository member."""
    case = merged(tmp_path, "squash", author=AUTHOR, committer=HOLDER)
    origin(tmp_path, case)
    second = {"user": {"login": "praman"}, "state": "APPROVED", "submitted_at": "2026-03-04T10:00:00Z",
              "author_association": association}
    run_workflow(tmp_path, case, reviews_on(case.head, [*APPROVED, second]))
    fetch_notes(case)
    (record,) = holder_history(case.repo.root).forge.values()
    assert record.commit_authors == ("tferreira",) and record.committers == ("mlindqvist",)
    assert [r.association for r in record.reviews] == ["MEMBER", association]
    assert [rule for rule, _ in forge_findings(case.repo.root)] == rules


@pytest.mark.slow  # runs the workflow's scripts: bash, jq and several git processes
def test_an_approval_of_an_earlier_head_is_found(tmp_path: Path) -> None:
    case = merged(tmp_path, "merge")
    origin(tmp_path, case)
    earlier = case.pr_commits[0]
    run_workflow(tmp_path, case, reviews_on(earlier))
    fetch_notes(case)
    [(rule, message)] = forge_findings(case.repo.root)
    assert rule == "AIMS923"
    assert f"approved commit {earlier[:7]}, not the final head {case.head[:7]}" in message


@pytest.mark.slow  # runs the workflow's scripts: bash, jq and several git processes
def test_a_dismissed_review_is_recorded_as_dismissed(tmp_path: Path) -> None:
    case = merged(tmp_path, "squash")
    origin(tmp_path, case)
    dismissed = [{"user": {"login": "mlindqvist"}, "state": "DISMISSED",
                  "submitted_at": "2026-03-04T09:00:00Z"},
                 {"user": None, "state": "APPROVED", "submitted_at": "2026-03-04T10:00:00Z"},
                 {"user": {"login": "praman"}, "state": "COMMENTED", "commit_id": None,
                  "submitted_at": "2026-03-04T11:00:00Z"}]
    run_workflow(tmp_path, case, reviews_on(case.head, dismissed))
    fetch_notes(case)
    (record,) = holder_history(case.repo.root).forge.values()
    # Neither the deleted account's review nor one on no commit is recorded.
    assert [(r.reviewer, r.dismissed) for r in record.reviews] == [("mlindqvist", True)]
    [(rule, message)] = forge_findings(case.repo.root)
    assert rule == "AIMS923" and "was dismissed" in message


@pytest.mark.slow  # runs the workflow's scripts: bash, jq and several git processes
def test_a_rejected_push_is_retried_and_keeps_the_other_note(tmp_path: Path) -> None:
    """Another run pushes a note between this run's fetch and push: the push is refused as a
    non-fast-forward, the script fetches again, and both notes end up on the ref."""
    case = merged(tmp_path, "merge")
    bare = origin(tmp_path, case)
    other = case.repo.git("rev-parse", "HEAD~1")
    hook = bare / "hooks" / "pre-receive"
    # The first push only: another writer's note lands first, then this push is refused.
    hook.write_text(f"""#!/usr/bin/env bash
[ -e "$GIT_DIR/raced" ] && exit 0
touch "$GIT_DIR/raced"
# Out of the push's quarantine, as another push would be.
unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
git -c user.name=other -c user.email=other@example.org notes --ref {NOTES_REF} add -m '{{"other": 1}}' {other}
echo "updated meanwhile" >&2
exit 1
""", encoding="utf-8")
    hook.chmod(stat.S_IRWXU)
    done = run_workflow(tmp_path, case, reviews_on(case.head))
    assert (bare / "raced").exists(), done.stderr
    fetch_notes(case)
    listed = case.repo.git("notes", "--ref", NOTES_REF, "list").split()
    assert sorted(listed[1::2]) == sorted([other, case.landed])
    history = holder_history(case.repo.root)
    assert set(history.forge) == {case.landed} and "merge_commit" in history.forge_problems[other]


def test_no_run_of_the_workflow_is_cancelled_or_checks_out_code() -> None:
    """Every merge must get its record: no concurrency group (GitHub cancels pending runs in one),
    no action (nothing that could check out the pull request), and only on a merge."""
    flow = workflow()
    assert "concurrency" not in flow and "concurrency" not in flow["jobs"]["record"]
    assert flow["on"] == {"pull_request_target": {"types": ["closed"]}}
    assert flow["jobs"]["record"]["if"] == "${{ github.event.pull_request.merged == true }}"
    steps = flow["jobs"]["record"]["steps"]
    assert all("uses" not in step for step in steps)
    scripts = "\n".join(step["run"] for step in steps)
    # The pull request's head is data in the note, never fetched or checked out.
    assert "checkout" not in scripts and scripts.count("$HEAD_SHA") == 1
    # The push is never forced (a lost race is retried on top of the other note).
    assert 'git push -q origin "$NOTES_REF:$NOTES_REF"' in scripts and "--force" not in scripts
    assert flow["permissions"] == {"contents": "read"}


def test_notes_that_are_no_record_are_kept_out_with_the_reason() -> None:
    sha = "a" * 40
    good = {"pr": 3, "merge_commit": sha, "head": "b" * 40, "author": "tferreira", "commits": 2,
            "method": "rebase", "merged_at": "2026-03-04T15:00:00Z",
            "reviews": [{"reviewer": "mlindqvist", "state": "approved", "commit_id": "b" * 40,
                         "submitted_at": "2026-03-04T09:00:00+01:00"}]}
    record = parse_note(json.dumps(good).encode(), sha)
    assert record.reviews[0].state == "APPROVED" and record.method == "rebase"
    bots = {**good, "author": "dependabot[bot]", "commit_authors": ["a@example.org", "tferreira"],
            "committers": ["web-flow", "b@example.org"]}
    assert parse_note(json.dumps(bots).encode(), sha).commit_authors == ("a@example.org", "tferreira")
    assert parse_note(json.dumps(bots).encode(), sha).committers == ("b@example.org", "web-flow")
    assert record.reviews[0].association == ""  # a note from before the association was kept
    member = {**good, "reviews": [{**good["reviews"][0], "author_association": "COLLABORATOR"}]}  # type: ignore[dict-item]
    assert parse_note(json.dumps(member).encode(), sha).reviews[0].association == "COLLABORATOR"
    broken = {
        "not JSON": b"Approved by Mara",
        "not a JSON object": b"[1]",
        "records merge commit": json.dumps({**good, "merge_commit": "c" * 40}).encode(),
        "pr is not": json.dumps({**good, "pr": "3"}).encode(),
        "reviews[0].commit_id": json.dumps({**good, "reviews": [{"reviewer": "x", "state": "APPROVED",
                                                                 "commit_id": "HEAD"}]}).encode(),
        "reviews[0].submitted_at": json.dumps({**good, "reviews": [{**good["reviews"][0],  # type: ignore[dict-item]
                                                                    "submitted_at": "2026-03-04"}]}).encode(),
        "method is not": json.dumps({**good, "method": "fast-forward"}).encode(),
        "author is not a GitHub login": json.dumps({**good, "author": "<b>Mara</b>"}).encode(),
        "commit_authors holds": json.dumps({**good, "commit_authors": ["two words"]}).encode(),
        "committers is not a list": json.dumps({**good, "committers": "mlindqvist"}).encode(),
        "reviews[0].author_association": json.dumps({**good, "reviews": [
            {**good["reviews"][0], "author_association": "<i>"}]}).encode(),  # type: ignore[dict-item]
        "larger than": b" " * (300 * 1024),
        "cannot be read": None,
    }
    for reason, raw in broken.items():
        with pytest.raises(NoteError, match=re.escape(reason)):
            parse_note(raw, sha)


def test_a_former_holders_approval_counts_for_her_days_only(tmp_path: Path) -> None:
    """The registry of AIMS924's cases: Mara held top-management until 2026-01-31, Dana since."""
    roles = load_case_files()["AIMS924"]["files"]
    root = new_repo(tmp_path / "repo")
    write_files(root, roles)
    repo = GitRepo(root)
    repo.commit("Start", "2026-01-12")
    add_forge_note(repo, {"pr": 1, "method": "squash", "reviews": [{"reviewer": "mlindqvist"}]}, "2026-01-12")
    assert forge_findings(root) == []
    repo.commit("Approve v1.1", "2026-03-02", {"policies/ai-policy.md": v11(root)})
    add_forge_note(repo, {"pr": 2, "method": "squash", "reviews": [{"reviewer": "mlindqvist"}]}, "2026-03-02")
    [(rule, message)] = forge_findings(root)
    assert rule == "AIMS921" and "no approving review by @dreyes (Dana Reyes, top-management)" in message
    add_forge_note(repo, {"pr": 2, "method": "squash", "reviews": [{"reviewer": "dreyes"}]}, "2026-03-02")
    assert forge_findings(root) == []


def test_a_note_that_is_no_record_matters_only_at_the_forge_level(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    repo = GitRepo(root)
    repo.commit("Start", "2026-01-12")
    repo.git("notes", "--ref", NOTES_REF, "add", "-m", "not a record", "HEAD",
             env=repo._who(AUTHOR, None, "2026-01-12"))
    result = run_lint(root, TODAY)
    assert not [f for f in result.findings if f.rule.startswith("AIMS92")]
    forge = run_lint(root, TODAY, **FORGE)
    assert [f.rule for f in forge.findings if f.rule.startswith("AIMS92")] == ["AIMS920"]


def test_a_broken_notes_ref_is_a_finding_and_the_other_history_rules_still_run(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    repo = GitRepo(root)
    repo.commit("Start", "2026-01-12")
    repo.commit("Reword", "2026-02-01", {"policies/ai-policy.md": {"append": "\nUnapproved words.\n"}})
    blob = subprocess.run(["git", "hash-object", "-w", "--stdin"], input="no tree\n", cwd=root, text=True,
                          env=clean_env(), capture_output=True, check=True).stdout.strip()
    repo.git("update-ref", NOTES_REF, blob)  # the ref names no notes tree: `git notes list` fails
    found = {f.rule: f.message for f in run_lint(root, TODAY, **FORGE).findings}
    assert f"cannot read {NOTES_REF}" in found["AIMS920"]
    assert "AIMS901" in found and "AIMS907" not in found  # the history itself is still read


def test_a_holder_without_a_handle_or_a_day_nobody_held_the_role_is_said_so(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    roles = root / "policies" / "roles.md"
    registry = roles.read_text(encoding="utf-8")
    roles.write_text(registry.replace("github: mlindqvist, ", ""), encoding="utf-8")
    repo = GitRepo(root)
    repo.commit("Start", "2026-01-12")
    add_forge_note(repo, {"pr": 1, "method": "squash", "reviews": [{"reviewer": "mlindqvist"}]}, "2026-01-12")
    [(rule, message)] = forge_findings(root)
    assert rule == "AIMS921" and "Mara Lindqvist, top-management has no github handle" in message
    # A handle added to the work tree later does not reach back: the registry the approval saw decides.
    repo.commit("Registry", "2026-01-13", {"policies/roles.md": registry})
    assert [rule for rule, _ in forge_findings(root)] == ["AIMS921"]
    # She took the role up after the approval day, and nobody held it before her.
    other = new_repo(tmp_path / "other")
    (other / "policies" / "roles.md").write_text(registry.replace("since: 2024-03-01", "since: 2026-02-01"),
                                                 encoding="utf-8")
    again = GitRepo(other)
    again.commit("Start", "2026-01-12")
    add_forge_note(again, {"pr": 1, "method": "squash", "reviews": [{"reviewer": "mlindqvist"}]},
                   "2026-01-12")
    [(rule, message)] = forge_findings(other)
    assert rule == "AIMS921" and "names nobody who held top-management on 2026-01-10" in message


def test_a_rebase_note_covers_only_the_commits_that_rebase_landed(tmp_path: Path) -> None:
    """A one-line pull request's note that claims 40 commits covers its own commit alone: the
    approval pushed straight to main before it has its own committer date, not the merge's."""
    root = new_repo(tmp_path / "work")
    repo = GitRepo(root)
    repo.commit("Start", "2026-01-12")
    direct = repo.commit("Approve v1.1", "2026-03-01T10:00:00+00:00", {"policies/ai-policy.md": v11(root)})
    tip = repo.commit("Fix a typo (#3)", "2026-03-04T15:00:00+00:00", {"records/.keep": ""})
    claim = {"pr": 3, "method": "rebase", "commits": 40, "reviews": [{"reviewer": "mlindqvist"}]}
    add_forge_note(repo, claim, "2026-03-04")
    history = holder_history(root)
    assert [r.pr for r in history.forge_records(tip)] == [3]
    assert history.forge_records(direct) == ()
    assert [rule for rule, _ in forge_findings(root)] == ["AIMS920"]


def test_a_rebase_note_stops_at_an_older_notes_commits(tmp_path: Path) -> None:
    """Two rebase merges in the same second (so committer dates cannot tell them apart): the
    newer note, however many commits it claims, stops where the older pull request's begin."""
    root = new_repo(tmp_path / "work")
    repo = GitRepo(root)
    repo.commit("Start", "2026-01-12")
    when = "2026-03-04T15:00:00+00:00"
    first = repo.commit("Approve v1.1", when, {"policies/ai-policy.md": v11(root)})
    second = repo.commit("Tidy (#1)", when, {"records/.keep": ""})
    add_forge_note(repo, {"pr": 1, "method": "rebase", "commits": 2, "reviews": [{"reviewer": "mlindqvist"}]},
                   "2026-03-04")
    third = repo.commit("Note (#2)", when, {"procedures/.keep": ""})
    add_forge_note(repo, {"pr": 2, "method": "rebase", "commits": 5, "reviews": [{"reviewer": "mlindqvist"}]},
                   "2026-03-04")
    history = holder_history(root)
    assert [r.pr for r in history.forge_records(first)] == [1]
    assert [r.pr for r in history.forge_records(second)] == [1]
    assert [r.pr for r in history.forge_records(third)] == [2]

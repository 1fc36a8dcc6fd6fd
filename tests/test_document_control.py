"""The revision history as document control, on real repositories: versions, changes that left the
content unchanged, approval evidence (trailers, signature verdicts, forge records), how each version
was approved, the version in force on a day; in `aims-lint history`, the site and the bundle."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from aims_lint.approvals.describe import Proofs
from aims_lint.approvals.history_report import record_text
from aims_lint.approvals.record import DocumentRecord, build, prepared
from aims_lint.audience import Gate
from aims_lint.cli import main
from aims_lint.config import load_settings
from aims_lint.engine import build_context, lint
from aims_lint.history import History, load_history
from aims_lint.history.proofs import ForgeRecord, ForgeReview, SignatureCheck
from aims_lint.site.render import render_site
from tests.conftest import new_repo
from tests.test_history_repo import GitRepo, add_forge_note

Capture = pytest.CaptureFixture[str]
POLICY = "policies/ai-policy.md"
MARA = "Mara Lindqvist <mara.lindqvist@fennwick.example>"
TODAY = date(2026, 6, 1)


def edit(root: Path, path: str, *pairs: tuple[str, str]) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    file.write_text(text, encoding="utf-8")


def approve(root: Path, old: tuple[str, str], new: tuple[str, str], path: str = POLICY) -> None:
    """Move the policy from version old[0] approved on old[1] to new[0] approved on new[1]."""
    edit(root, path, (f'version: "{old[0]}"', f'version: "{new[0]}"'),
         (f"approved_on: {old[1]}", f"approved_on: {new[1]}"))


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """POL-001: created approved (v1.0), renamed, re-approved with a trailer (v1.1), reviewed,
    its owner changed, then edited."""
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", "2026-01-12")
    repo.move(POLICY, "policies/ai.md")
    repo.commit("Rename the AI policy", "2026-02-01")
    approve(repo.root, ("1.0", "2026-01-10"), ("1.1", "2026-02-20"), "policies/ai.md")
    repo.commit(f"Approve v1.1 (#12)\n\nApproved-by: {MARA}", "2026-03-02")
    edit(repo.root, "policies/ai.md", ("last_reviewed: 2026-01-10", "last_reviewed: 2026-04-01"))
    repo.commit("Record the review", "2026-04-01")
    edit(repo.root, "policies/ai.md", ("owner: aims-manager", "owner: ciso"))
    repo.commit("Hand the policy to the CISO", "2026-04-15")
    repo.commit("Add a commitment", "2026-05-01", {"policies/ai.md": {"append": "\n6. One more.\n"}})
    return repo


def history_json(root: Path, *extra: str, capsys: Capture) -> Any:
    assert main(["history", "POL-001", "--root", str(root), "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_each_commit_has_its_version_and_what_it_changed(repo: GitRepo, capsys: Capture) -> None:
    data = history_json(repo.root, capsys=capsys)
    commits = data["commits"]
    seen = [(c["subject"], c["version"], *(c["content"][k] for k in ("kind", "changed", "fields")))
            for c in commits]
    assert seen == [
        ("Add a commitment", "1.1", "edited", True, []),
        ("Hand the policy to the CISO", "1.1", "front-matter", True, ["owner"]),
        ("Record the review", "1.1", "review", False, ["last_reviewed"]),
        ("Approve v1.1 (#12)", "1.1", "approval", False, ["approved_on", "version"]),
        ("Rename the AI policy", "1.0", "renamed", False, []),
        ("Start", "1.0", "created", True, []),
    ]
    # Front matter is content too (an SoA's entries, an owner): named, never called "unchanged".
    assert commits[1]["content"]["note"] == "front matter changed (owner), body unchanged"
    assert commits[4]["content"]["note"] == "content unchanged: renamed from policies/ai-policy.md"


def test_each_approved_version_says_how_it_was_approved(repo: GitRepo, capsys: Capture) -> None:
    data = history_json(repo.root, capsys=capsys)
    approvals = data["approvals"]
    assert [(a["version"], a["approved_on"], a["trailers"]) for a in approvals] == [
        ("1.0", "2026-01-10", []), ("1.1", "2026-02-20", [MARA])]
    latest = approvals[1]
    assert latest["holders"] == ["Mara Lindqvist"] and latest["path"] == "policies/ai.md"
    # Nothing is signed in this repository: `history` verified the approval commit, which says so.
    assert [(s["object"], s["status"], s["tag"]) for s in latest["signatures"]] == [
        (latest["commit"], "none", None)]
    assert latest["how"] == (
        f"v1.1 was approved by top-management (Mara Lindqvist) on 2026-02-20, recorded in commit "
        f"{latest['commit'][:7]} by Tomás Ferreira on 2026-03-02 (10 days after its approval date), "
        f"subject names #12; Approved-by: {MARA}; not signed.")
    assert "no Approved-by trailer" in approvals[0]["how"]


def test_the_text_history_marks_changes_and_gives_the_how_line(repo: GitRepo, capsys: Capture) -> None:
    assert main(["history", "policies/ai.md", "--root", str(repo.root)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    first = next(line for line in lines if "Hand the policy" in line)
    assert "  v1.1  Tomás Ferreira" in first
    assert lines[lines.index(first) + 1].strip() == "front matter changed (owner), body unchanged"
    assert out.count("renamed from policies/ai-policy.md") == 1  # said once, in the mark
    assert "how approved: v1.1 was approved by top-management (Mara Lindqvist) on 2026-02-20" in out


def test_a_branch_approval_is_in_force_only_once_merged(tmp_path: Path, capsys: Capture) -> None:
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", "2026-01-12")
    repo.git("checkout", "-q", "-b", "approve")
    approve(repo.root, ("1.0", "2026-01-10"), ("1.1", "2026-03-01"))
    repo.commit(f"Approve v1.1\n\nApproved-by: {MARA}", "2026-03-01")
    repo.git("checkout", "-q", "main")
    repo.commit("Unrelated", "2026-03-05", {"records/x.txt": "x\n"})
    repo.merge("approve", "Merge pull request #7 from approve", "2026-03-10")
    answers = {day: history_json(repo.root, "--as-of", day, capsys=capsys) for day in
               ("2026-01-01", "2026-03-05", "2026-03-10")}
    assert answers["2026-01-01"]["in_force"] is None
    assert answers["2026-01-01"]["answer"] == (
        "not in force on 2026-01-01: git held no revision of it yet; "
        "v1.0 (approved_on 2026-01-10) was first recorded on 2026-01-12")
    merge = history_json(repo.root, capsys=capsys)["commits"][0]
    # The branch commit recorded the approval; the merge brought it in.
    assert (merge["content"]["kind"], merge["approval"]) == ("approval", None)
    assert merge["content"]["note"] == ("content unchanged: approval brought in by the merge "
                                        "(approved_on, version)")
    assert answers["2026-03-05"]["in_force"]["version"] == "1.0"  # committed on 03-01, merged on 03-10
    merged = answers["2026-03-10"]["in_force"]
    assert merged["version"] == "1.1" and merged["trailers"] == [MARA]


def test_a_later_approval_takes_effect_on_its_date_and_retirement_ends_it(
    tmp_path: Path, capsys: Capture
) -> None:
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", "2026-01-12")
    approve(repo.root, ("1.0", "2026-01-10"), ("2.0", "2026-02-01"))
    edit(repo.root, POLICY, ("effective_on: 2026-01-15", "effective_on: 2026-04-01"))
    repo.commit("Approve v2.0, effective in April", "2026-02-01")
    edit(repo.root, POLICY, ("status: approved", "status: retired"))
    repo.commit("Retire the policy", "2026-09-01")
    march: Any = history_json(repo.root, "--as-of", "2026-03-01", capsys=capsys)
    assert march["in_force"]["version"] == "1.0" and march["pending"]["version"] == "2.0"
    april: Any = history_json(repo.root, "--as-of", "2026-04-01", capsys=capsys)
    assert april["in_force"]["version"] == "2.0" and april["pending"] is None
    retired = history_json(repo.root, "--as-of", "2026-09-02", capsys=capsys)
    assert retired["in_force"] is None and "it was retired on 2026-09-01" in str(retired["answer"])
    assert main(["history", "POL-001", "--root", str(repo.root), "--as-of", "2026-13-01"]) == 2


def test_an_approval_claimed_before_git_held_it_is_not_in_force_earlier(
    tmp_path: Path, capsys: Capture
) -> None:
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", "2026-11-30")  # approved_on 2026-01-10, recorded months later
    answer = history_json(repo.root, "--as-of", "2026-06-01", capsys=capsys)
    assert answer["in_force"] is None
    assert "v1.0 (approved_on 2026-01-10) was first recorded on 2026-11-30" in str(answer["answer"])
    assert main(["history", "POL-001", "--root", str(repo.root), "--as-of", "2026-12-01"]) == 0
    out = capsys.readouterr().out
    assert "v1.0 was in force on 2026-12-01" in out and "(324 days after its approval date)" in out


def _history(root: Path) -> tuple[History, DocumentRecord]:
    settings = load_settings(root)
    ctx = build_context(settings, TODAY)
    history = prepared(load_history(settings), ctx.corpus, root)
    return history, build(history, history.of(POLICY), ctx.corpus.roles, Proofs.of(history))


def _merged_repo(tmp_path: Path) -> tuple[GitRepo, str, str]:
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", "2026-01-12")
    repo.git("checkout", "-q", "-b", "approve")
    approve(repo.root, ("1.0", "2026-01-10"), ("1.1", "2026-03-01"))
    branch = repo.commit(f"Approve v1.1\n\nApproved-by: {MARA}", "2026-03-01")
    repo.git("checkout", "-q", "main")
    merge = repo.merge("approve", "Merge pull request #7 from approve", "2026-03-02")
    return repo, branch, merge


def _record(pr: int, merge: str, head: str, *reviews: ForgeReview, commits: int = 1) -> ForgeRecord:
    return ForgeRecord(pr, merge, head, "tferreira", ("tferreira",), commits, reviews)


def _review(who: str, head: str, *, state: str = "APPROVED", dismissed: bool = False) -> ForgeReview:
    return ForgeReview(who, state, datetime(2026, 3, 2, 9, 0, tzinfo=UTC), head, dismissed)


def test_signature_and_forge_facts_are_described_for_a_merge(tmp_path: Path) -> None:
    repo, branch, merge = _merged_repo(tmp_path)
    # The note the approvals workflow writes on the merge: an approval of the final head, one of
    # an earlier head (the branch's parent), one dismissed.
    add_forge_note(repo, {"pr": 7, "method": "merge", "head": branch, "reviews": [
        {"reviewer": "mlindqvist"}, {"reviewer": "praman", "commit_id": "approve~1"},
        {"reviewer": "hdahl", "dismissed": True}]}, "2026-03-02", target=merge)
    history, _ = _history(repo.root)
    signed = SignatureCheck(branch, "good", "mara.lindqvist@fennwick.example", "SHA256:abc",
                            datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    history = replace(history, signatures={branch: (signed,)})
    settings = load_settings(repo.root)
    roles = build_context(settings, TODAY).corpus.roles
    record = build(history, history.of(POLICY), roles, Proofs.of(history))
    latest = record.approvals[-1]
    # The merge's note covers the branch commit that recorded the approval.
    assert latest.commit.sha == branch and latest.forge is not None and latest.forge.pr == 7
    text = record_text(history.of(POLICY), record, "POL-001")
    assert ("signature verified: mara.lindqvist@fennwick.example with key SHA256:abc "
            "(signature dated 2026-03-01)") in text
    assert ("pull request #7 by @tferreira: approved by @mlindqvist on 2026-03-02, "
            "@praman on 2026-03-02 approved an earlier head, dismissed: @hdahl on 2026-03-02") in text


def test_a_rebase_merge_note_on_the_tip_covers_the_commits_it_landed(tmp_path: Path) -> None:
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", "2026-01-12")
    approve(repo.root, ("1.0", "2026-01-10"), ("1.1", "2026-03-01"))
    repo.commit(f"Approve v1.1\n\nApproved-by: {MARA}", "2026-03-01")
    repo.commit("Tidy the notes", "2026-03-01", {"records/notes.txt": "n\n"})
    add_forge_note(repo, {"pr": 9, "method": "rebase", "commits": 2, "reviews": [{"reviewer": "mlindqvist"}]},
                   "2026-03-01")
    history, record = _history(repo.root)
    assert record.approvals[-1].forge is not None and record.approvals[-1].forge.pr == 9
    assert record.approvals[0].forge is None  # "Start" is not one of the two commits the rebase landed
    assert "not signed" in record_text(history.of(POLICY), record)


def test_a_squash_merge_carries_trailers_and_its_own_note(tmp_path: Path) -> None:
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", "2026-01-12")
    approve(repo.root, ("1.0", "2026-01-10"), ("1.1", "2026-03-01"))
    squash = repo.commit(f"Approve v1.1 (#5)\n\n* Approve v1.1\n\nApproved-by: {MARA}", "2026-03-02")
    history, _ = _history(repo.root)
    bad = SignatureCheck("1" * 40, "unknown-key", fingerprint="SHA256:zzz", tag="pol-001-v1.1")
    history = replace(history, forge={squash: _record(5, squash, "2" * 40)}, signatures={squash: (bad,)})
    record = build(history, history.of(POLICY), {}, Proofs.of(history))
    words = record_text(history.of(POLICY), record)
    assert f"Approved-by: {MARA}" in words
    assert "signed on tag pol-001-v1.1 with key SHA256:zzz, a key the roles registry does not list" in words
    assert "pull request #5 by @tferreira: no approving review of its final head" in words
    assert "subject names #5" not in words  # the record, not the subject, says which pull request


def test_an_unprepared_history_gives_a_plain_record_not_an_exception(repo: GitRepo) -> None:
    history = load_history(load_settings(repo.root))
    record = build(history, history.of("policies/ai.md"), {}, Proofs.of(history))
    assert [row.kind for row in record.rows] == ["unknown"] * 4 + ["renamed", "unknown"]
    assert record.approvals == ()


def test_the_audience_gate_redacts_approval_trailers(tmp_path: Path) -> None:
    secret = ("records/secret.md", "---\nid: REC-077\ntitle: Secret supplier note\ntype: record\n"
              "record_kind: review-minutes\nstatus: draft\nowner: aims-manager\n"
              "classification: confidential\nevent_date: 2026-01-01\nretention_years: 3\nclauses: ['9.3']\n"
              "---\n\nSecret.\n")
    repo = GitRepo(new_repo(tmp_path / "repo", {secret[0]: secret[1]}))
    repo.commit("Start", "2026-01-12")
    approve(repo.root, ("1.0", "2026-01-10"), ("1.1", "2026-03-01"))
    repo.commit(f"Approve v1.1\n\nApproved-by: {MARA} after REC-077", "2026-03-01")
    settings = load_settings(repo.root, {"audience": "internal"})
    result = lint(settings, TODAY)
    history = prepared(load_history(settings), result.corpus, repo.root)
    shown = Gate.of(result.corpus, "internal").history(history)
    latest = shown.record(POLICY).approvals[-1]
    assert latest.trailers == ("(not shown: it names a document not published for this audience)",)
    assert "REC-077" not in record_text(shown.of(POLICY), shown.record(POLICY))
    assert "records/secret.md" not in shown.records


def test_the_site_history_table_has_versions_marks_and_evidence(repo: GitRepo) -> None:
    settings = load_settings(repo.root)
    raw = load_history(settings)
    approval = next(c.sha for c in raw.of("policies/ai.md").commits if c.subject.startswith("Approve"))
    signed = SignatureCheck(approval, "good", "mara.lindqvist@fennwick.example", "SHA256:k3y")
    with_signature = replace(raw, signatures={approval: (signed,)})
    render_site(settings, TODAY, repo.root / "site-src", history=with_signature)
    page = (repo.root / "site-src" / "policies" / "ai.md").read_text(encoding="utf-8")
    table = page.split("## Revision history", 1)[1]
    assert ("<th>Version</th><th>Date</th><th>Author</th><th>Commit</th><th>Change</th>"
            "<th>Approval evidence</th>") in table
    assert ('<td>1.1</td><td>2026-04-15</td><td>Tomás Ferreira</td><td><code>' in table
            and 'Hand the policy to the CISO<br><em class="aims-unchanged">front matter changed (owner), '
                'body unchanged</em>' in table)
    assert ("<strong>approval of v1.1</strong><br>Approved-by: Mara Lindqvist "
            "&lt;mara.lindqvist@fennwick.example&gt;<br>signature verified: "
            "mara.lindqvist@fennwick.example with key SHA256:k3y") in table
    assert "### How each version was approved" in table
    assert "<li>v1.1 was approved by top-management (Mara Lindqvist) on 2026-02-20" in table
    panel = page.split("## Revision history", 1)[0]
    assert (f"<tr><td>Approval in git</td><td>recorded in <code>{approval[:7]}</code> on 2026-03-02<br>"
            "Approved-by: Mara Lindqvist &lt;mara.lindqvist@fennwick.example&gt;<br>signature verified: "
            "mara.lindqvist@fennwick.example with key SHA256:k3y</td></tr>") in panel


def test_the_panel_says_when_no_commit_recorded_the_stated_approval(repo: GitRepo) -> None:
    approve(repo.root, ("1.1", "2026-02-20"), ("1.2", "2026-05-20"), "policies/ai.md")  # not committed
    settings = load_settings(repo.root)
    render_site(settings, TODAY, repo.root / "site-src")
    page = (repo.root / "site-src" / "policies" / "ai.md").read_text(encoding="utf-8")
    assert "<tr><td>Approval in git</td><td><em>no commit recorded this approval</em></td></tr>" in page
    roles = (repo.root / "site-src" / "policies" / "roles.md").read_text(encoding="utf-8")
    assert "<tr><td>Approval in git</td><td>recorded in <code>" in roles


@pytest.mark.slow
def test_the_bundle_history_is_the_document_control_record(repo: GitRepo, tmp_path: Path) -> None:
    out = tmp_path / "bundle.zip"
    assert main(["evidence", "--root", str(repo.root), "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        data = json.loads(archive.read("history/policies/ai.md.json"))
    assert [c["version"] for c in data["commits"]] == ["1.1"] * 4 + ["1.0"] * 2
    assert [a["version"] for a in data["approvals"]] == ["1.0", "1.1"]
    assert data["approvals"][1]["trailers"] == [MARA]
    assert data["commits"][2]["content"]["note"] == "content unchanged: review recorded (last_reviewed)"


def test_an_unreadable_past_revision_is_unknown_not_a_crash(tmp_path: Path, capsys: Capture) -> None:
    repo = GitRepo(new_repo(tmp_path / "repo"))
    good = (repo.root / POLICY).read_text(encoding="utf-8")
    repo.commit("Start", "2026-01-12")
    repo.commit("Break the fence", "2026-02-01", {POLICY: "---\nid: [unclosed\n---\nText.\n"})
    repo.commit("Mend it\x1b[2J", "2026-02-02", {POLICY: good})
    data: Any = history_json(repo.root, capsys=capsys)
    kinds = [(c["subject"], c["content"]["kind"], c["version"]) for c in data["commits"]]
    assert kinds == [("Mend it\x1b[2J", "unknown", "1.0"), ("Break the fence", "unknown", None),
                     ("Start", "created", "1.0")]
    # The mended revision states the approval "Start" recorded, after a revision nobody can read
    # (whose text may differ): the mend records it again, and is the approval judged now.
    assert [a["commit"] for a in data["approvals"]] == [data["commits"][2]["sha"], data["commits"][0]["sha"]]
    assert main(["history", "POL-001", "--root", str(repo.root)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Mend it\\x1b[2J" in out


def test_the_site_reads_a_squash_body_trailer_as_the_rules_do(tmp_path: Path) -> None:
    """A squash merge's approval whose Approved-by stands in a middle paragraph (the last one is
    Co-authored-by): AIMS910 accepts it, and the history table says so, not "no trailer"."""
    repo = GitRepo(new_repo(tmp_path / "repo"))
    repo.commit("Start", "2026-01-12")
    approve(repo.root, ("1.0", "2026-01-10"), ("1.1", "2026-02-20"))
    repo.commit(f"Approve v1.1 (#12)\n\n* Approve v1.1\n\nApproved-by: {MARA}\n\n* Fix a typo\n\n"
                "---------\n\nCo-authored-by: Priya Raman <priya.raman@fennwick.example>\n"
                "Reviewed-by: Priya Raman <priya.raman@fennwick.example>\n", "2026-02-21")
    settings = load_settings(repo.root, {"approval_evidence_by": {"policy": "trailer"}})
    judged = [f.rule for f in lint(settings, TODAY).findings if f.path == POLICY]
    assert "AIMS910" not in judged and "AIMS911" not in judged
    render_site(settings, TODAY, repo.root / "site-src")
    table = (repo.root / "site-src" / POLICY).read_text(encoding="utf-8").split("## Revision history", 1)[1]
    assert ("<strong>approval of v1.1</strong><br>Approved-by: Mara Lindqvist "
            "&lt;mara.lindqvist@fennwick.example&gt;<br>not signed<br>Reviewed-by: Priya Raman") in table
    assert "no Approved-by trailer" not in table.split("<strong>approval of v1.0</strong>", 1)[0]

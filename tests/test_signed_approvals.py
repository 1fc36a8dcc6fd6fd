"""The "signed" level on real repositories: real ssh-keygen keys, real signed commits and tags.

First git's verdicts as `history/signatures.py` reads them (good, no
signature, unknown key, outside the key's dates, altered after signing,
signed tags, an OpenPGP tag, a commit git does not have); then the rules
end to end through each merge strategy: a merge commit keeps the branch's
signed approval commit, a squash merge and a rebase merge drop the
signatures (a signed tag, or re-signing the rebased commits, restores them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from aims_lint.approvals.key_owners import fingerprint
from aims_lint.cli import main
from aims_lint.config import load_settings
from aims_lint.history.gitcmd import Git
from aims_lint.history.history import History
from aims_lint.history.load import load_history
from aims_lint.history.signatures import verify_signatures
from aims_lint.model import SigningKey
from tests.conftest import TODAY, new_repo, run_lint
from tests.signing import Key, make_keys, signing
from tests.test_history_repo import GitRepo, clean_env

MARA = "Mara Lindqvist <mara.lindqvist@fennwick.example>"
SIGNED_RULES = ("AIMS915", "AIMS916", "AIMS917", "AIMS918", "AIMS919")


def _allowed(line_key: Key, options: str = 'namespaces="git"') -> str:
    blob = " ".join(line_key.public.split()[:2])
    return f"mara.lindqvist@fennwick.example {options} {blob}\n"


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Key]:
    return make_keys(tmp_path / "keys", ["mara", "eve"])


def test_verdicts_on_commits(tmp_path: Path, keys: dict[str, Key]) -> None:
    repo = GitRepo(tmp_path / "r")
    good = repo.commit("good", "2026-03-02", {"a": "1"}, sign=keys["mara"].private)
    unsigned = repo.commit("none", "2026-03-03", {"a": "2"})
    stranger = repo.commit("eve", "2026-03-04", {"a": "3"}, sign=keys["eve"].private)
    early = repo.commit("early", "2025-06-01", {"a": "4"}, sign=keys["mara"].private)
    repo.commit("altered", "2026-03-05", {"a": "5"}, sign=keys["mara"].private)
    altered = repo.tamper("Not what was signed.")
    text = _allowed(keys["mara"], 'namespaces="git",valid-after="20260101"')
    found = verify_signatures(Git(repo.root), [good, unsigned, stranger, early, altered, good], text)
    assert list(found) == [good, unsigned, stranger, early, altered]
    status = {sha: checks[0].status for sha, checks in found.items()}
    assert status == {good: "good", unsigned: "none", stranger: "unknown-key", early: "expired",
                      altered: "bad"}
    (check,) = found[good]
    assert check.principal == "mara.lindqvist@fennwick.example"
    assert check.fingerprint == fingerprint(SigningKey(key=keys["mara"].public))
    assert check.signed_at is not None and check.signed_at.isoformat() == "2026-03-02T12:00:00+00:00"
    assert found[stranger][0].fingerprint == fingerprint(SigningKey(key=keys["eve"].public))
    assert "not yet valid" in found[early][0].detail
    assert "/tmp" not in found[early][0].detail and "allowed_signers" not in found[early][0].detail
    assert "incorrect signature" in found[altered][0].detail


def test_signed_tags_on_a_commit_count_and_others_are_left_out(tmp_path: Path,
                                                               keys: dict[str, Key]) -> None:
    repo = GitRepo(tmp_path / "r")
    commit = repo.commit("squashed", "2026-03-02", {"a": "1"})
    other = repo.commit("later", "2026-03-03", {"a": "2"})
    repo.tag("b-by-mara", "2026-03-04", keys["mara"].private, target=commit)
    repo.tag("a-by-eve", "2026-03-05", keys["eve"].private, target=commit)
    repo.tag("elsewhere", "2026-03-05", keys["mara"].private, target=other)
    repo.git("tag", "light", commit)
    repo.git("tag", "-a", "-m", "not signed", "annotated", commit,
             env={"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"})
    found = verify_signatures(Git(repo.root), [commit], _allowed(keys["mara"]))
    own, *tags = found[commit]
    assert own.status == "none" and own.tag is None
    assert [(t.tag, t.status, t.principal) for t in tags] == [
        ("a-by-eve", "unknown-key", None),
        ("b-by-mara", "good", "mara.lindqvist@fennwick.example"),
    ]
    assert tags[1].signed_at is not None and tags[1].signed_at.date().isoformat() == "2026-03-04"
    assert tags[1].object_id == repo.git("rev-parse", "refs/tags/b-by-mara")


def test_a_tag_outside_its_key_dates_and_an_openpgp_tag(tmp_path: Path, keys: dict[str, Key]) -> None:
    repo = GitRepo(tmp_path / "r")
    commit = repo.commit("squashed", "2026-03-02", {"a": "1"})
    repo.tag("late", "2027-02-01", keys["mara"].private, target=commit)
    pgp = (f"object {commit}\ntype commit\ntag pgp\ntagger T <t@example.org> 1772452800 +0000\n\n"
           "Approve\n-----BEGIN PGP SIGNATURE-----\n\nwsBcBAABCAAQ\n-----END PGP SIGNATURE-----\n")
    tag_id = subprocess.run(["git", "hash-object", "-t", "tag", "-w", "--stdin"], cwd=repo.root,
                            input=pgp, env=clean_env(), check=True, capture_output=True,
                            text=True).stdout.strip()
    repo.git("update-ref", "refs/tags/pgp", tag_id)
    text = _allowed(keys["mara"], 'namespaces="git",valid-before="20270101"')
    _, late, openpgp = verify_signatures(Git(repo.root), [commit], text)[commit]
    assert (late.tag, late.status) == ("late", "expired") and "has expired" in late.detail
    assert (openpgp.tag, openpgp.status) == ("pgp", "unverifiable")
    assert "OpenPGP" in openpgp.detail


def test_git_failing_is_a_verdict_not_an_exception(tmp_path: Path, keys: dict[str, Key]) -> None:
    repo = GitRepo(tmp_path / "r")
    repo.commit("one", "2026-03-02", {"a": "1"})
    missing = "0" * 40
    (check,) = verify_signatures(Git(repo.root), [missing], _allowed(keys["mara"]))[missing]
    assert check.status == "unverifiable" and "git log failed" in check.detail


def test_verdicts_are_cached_by_commit_within_the_run(tmp_path: Path, keys: dict[str, Key]) -> None:
    root = new_repo(tmp_path / "r")
    repo = GitRepo(root)
    first = repo.commit("one", "2026-03-02", sign=keys["mara"].private)
    second = repo.commit("two", "2026-03-03")
    history = load_history(load_settings(root))
    once = history.with_signatures([first], _allowed(keys["mara"]))
    assert set(once.signatures) == {first}
    assert once.with_signatures([first], "") is once  # known commits: no git at all
    # A second call verifies only what is new, and keeps what the first found.
    twice = once.with_signatures([first, second], "")
    assert twice.signatures[first] == once.signatures[first]
    assert twice.signatures[first][0].status == "good" and twice.signatures[second][0].status == "none"


def test_without_a_repository_every_commit_is_unverifiable() -> None:
    history = History().with_signatures(["abc"], "")
    assert history.signatures["abc"][0].status == "unverifiable"


def test_fingerprint_is_what_ssh_keygen_prints(keys: dict[str, Key]) -> None:
    shown = subprocess.run(["ssh-keygen", "-l", "-f", f"{keys['mara'].private}.pub"], check=True,
                           capture_output=True, text=True).stdout.split()[1]
    assert fingerprint(SigningKey(key=keys["mara"].public)) == shown
    assert fingerprint(SigningKey(key="ssh-ed25519 not*base64")) is None
    assert fingerprint(SigningKey(key="garbage")) is None


# Merge strategies, end to end: policies at "signed", Mara's key in the registry.

def _system(tmp_path: Path, keys: dict[str, Key]) -> GitRepo:
    root = new_repo(tmp_path / "repo")
    (root / "pyproject.toml").write_text('[tool.aims_lint]\napproval_evidence_by = {policy = "signed"}\n',
                                         encoding="utf-8")
    roles = root / "policies" / "roles.md"
    roles.write_text(roles.read_text(encoding="utf-8").replace(
        "github: mlindqvist, since: 2024-03-01}",
        f'github: mlindqvist, since: 2024-03-01, keys: ["{keys["mara"].public}"]}}'), encoding="utf-8")
    repo = GitRepo(root)
    repo.commit("Start", "2026-01-10", sign=keys["mara"].private, author=MARA)
    return repo


def _reapprove(repo: GitRepo, sign: Path | None) -> str:
    policy = repo.root / "policies" / "ai-policy.md"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace('version: "1.0"', 'version: "1.1"')
                      .replace("approved_on: 2026-01-10", "approved_on: 2026-03-02"), encoding="utf-8")
    return repo.commit("Approve POL-001 v1.1", "2026-03-02", author=MARA, sign=sign)


def _signed_findings(repo: GitRepo) -> list[tuple[str, str]]:
    result = run_lint(repo.root, TODAY)
    return [(f.rule, f.path) for f in result.findings if f.rule in SIGNED_RULES]


def test_a_merge_commit_keeps_the_signed_approval_on_the_branch(tmp_path: Path,
                                                               keys: dict[str, Key]) -> None:
    repo = _system(tmp_path, keys)
    repo.git("checkout", "-q", "-b", "approve")
    _reapprove(repo, keys["mara"].private)
    repo.git("checkout", "-q", "main")
    repo.merge("approve", "Merge pull request #7", "2026-03-03")  # the merge itself is unsigned
    assert _signed_findings(repo) == []


def test_a_squash_merge_drops_the_signature_until_a_signed_tag_restores_it(
        tmp_path: Path, keys: dict[str, Key]) -> None:
    repo = _system(tmp_path, keys)
    repo.git("checkout", "-q", "-b", "approve")
    _reapprove(repo, keys["mara"].private)
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--squash", "approve")
    landed = repo.commit("Approve POL-001 v1.1 (#7)", "2026-03-03")  # as the forge would, unsigned
    assert _signed_findings(repo) == [("AIMS915", "policies/ai-policy.md")]
    repo.tag("pol-001-v1.1", "2026-03-04", keys["mara"].private, target=landed, tagger=MARA)
    assert _signed_findings(repo) == []


def test_a_rebase_merge_drops_the_signature_unless_the_commits_are_signed_again(
        tmp_path: Path, keys: dict[str, Key]) -> None:
    repo = _system(tmp_path, keys)
    repo.git("checkout", "-q", "-b", "approve")
    _reapprove(repo, keys["mara"].private)
    repo.git("checkout", "-q", "main")
    repo.commit("Unrelated change on main", "2026-03-02", {"notes.txt": "x\n"})
    env = {"GIT_COMMITTER_DATE": "2026-03-03T12:00:00+00:00", "GIT_COMMITTER_NAME": "Mara Lindqvist",
           "GIT_COMMITTER_EMAIL": "mara.lindqvist@fennwick.example"}
    repo.git("rebase", "-q", "main", "approve", env=env)  # re-creates the commit, unsigned
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "approve")
    assert _signed_findings(repo) == [("AIMS915", "policies/ai-policy.md")]
    # The approver signs the rebased commits again (what a forge cannot do for them).
    repo.git(*signing(keys["mara"].private), "rebase", "-q", "--force-rebase", "-S", "HEAD~1", env=env)
    assert _signed_findings(repo) == []


def test_the_cli_fails_on_an_unsigned_approval(tmp_path: Path, keys: dict[str, Key],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    repo = _system(tmp_path, keys)
    _reapprove(repo, None)
    code = main(["check", "--today", "2026-06-01", "--format", "json", "--root", str(repo.root)])
    out = capsys.readouterr().out
    assert code == 1
    assert '"AIMS915"' in out and "POL-001 v1.1 was approved in commit" in out


def test_an_openpgp_signed_commit_is_unverifiable_and_gpg_is_never_run(tmp_path: Path,
                                                                       keys: dict[str, Key]) -> None:
    repo = GitRepo(tmp_path / "r")
    repo.commit("one", "2026-03-02", {"a": "1"})
    tree = repo.git("rev-parse", "HEAD^{tree}")
    squash = (f"tree {tree}\nauthor A <a@example.org> 1772452800 +0000\n"
              "committer GitHub <noreply@github.com> 1772452800 +0000\n"
              "gpgsig -----BEGIN PGP SIGNATURE-----\n \n wsBcBAABCAAQ\n -----END PGP SIGNATURE-----\n"
              "\nSquashed (#7)\n")
    sha = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=repo.root,
                         input=squash, env=clean_env(), check=True, capture_output=True,
                         text=True).stdout.strip()
    home = tmp_path / "home"
    home.mkdir()
    plain = repo.git("rev-parse", "HEAD")
    with pytest.MonkeyPatch.context() as patch:  # where gpg would make its keyring if it ran
        patch.setenv("HOME", str(home))
        patch.setenv("GNUPGHOME", str(home / ".gnupg"))
        found = verify_signatures(Git(repo.root), [sha, plain], _allowed(keys["mara"]))
    assert found[sha][0].status == "unverifiable" and "OpenPGP" in found[sha][0].detail
    assert found[sha][0].signed_at is not None
    assert found[plain][0].status == "none"
    assert list(home.iterdir()) == []


def test_one_git_log_verifies_every_approval_commit_of_a_check(
        tmp_path: Path, keys: dict[str, Key], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    repo = _system(tmp_path, keys)  # the start commit approves the policy and the registry
    (repo.root / "pyproject.toml").write_text('[tool.aims_lint]\napproval_evidence = "signed"\n',
                                              encoding="utf-8")
    _reapprove(repo, None)  # the policy's approval moves to an unsigned commit
    real = shutil.which("git")
    assert real is not None
    shim, log = tmp_path / "shim", tmp_path / "git-commands.txt"
    shim.mkdir()
    (shim / "git").write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\nexec "{real}" "$@"\n',
                              encoding="utf-8")
    (shim / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")
    code = main(["check", "--root", str(repo.root), "--today", "2026-06-01", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert code == 1
    assert [(f["rule"], f["path"]) for f in findings if f["rule"] in SIGNED_RULES] == [
        ("AIMS915", "policies/ai-policy.md")]  # the registry's signed approval passes
    commands = log.read_text(encoding="utf-8").splitlines()
    walks = [c for c in commands if "--no-walk" in c]
    # One log asks git's verdict on both approval commits; one more reads the raw header of the
    # one git called unsigned (is it an OpenPGP signature?); the tags are listed once.
    assert len(walks) == 2
    assert "gpg.ssh.allowedSignersFile=" in walks[0] and "%G?" in walks[0]
    assert "--pretty=raw" in walks[1] and "allowedSignersFile" not in walks[1]
    assert sum(c.startswith("for-each-ref") for c in commands) == 1
    assert not any("verify-commit" in c or "verify-tag" in c for c in commands)


def test_the_signature_rules_declare_their_revisions_and_commits() -> None:
    from aims_lint.rule import ReadsRevisions, VerifiesSignatures
    from aims_lint.rules import lookup

    for code in SIGNED_RULES:
        rule = lookup(code)
        assert isinstance(rule, ReadsRevisions) and isinstance(rule, VerifiesSignatures), code
        assert rule.RULE.needs_history


# Trust: each approval is judged against the registry as last approved before it (approvals/trust.py).

def _plant(repo: GitRepo, keys: dict[str, Key], signer: str, new: str, version: str = "1.2") -> str:
    """Replace Mara's listed keys by `new`'s and approve the registry again, signed by `signer`."""
    roles = repo.root / "policies" / "roles.md"
    text = roles.read_text(encoding="utf-8")
    listed = text.split("keys: [", 1)[1].split("]", 1)[0]
    text = text.replace(f"keys: [{listed}]", f'keys: ["{keys[new].public}"]')
    text = text.replace('version: "1.1"', f'version: "{version}"').replace(
        "approved_on: 2026-03-02", "approved_on: 2026-03-01")
    roles.write_text(text, encoding="utf-8")
    return repo.commit(f"Approve ROL-001 v{version}", "2026-03-01", author=MARA, sign=keys[signer].private)


def test_a_key_planted_in_the_registry_signs_nothing(tmp_path: Path, keys: dict[str, Key],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # The reviewer's attack: Eve lists her key under Mara's entry, approves the registry in a
    # commit signed with that key, then signs the policy's approval with it.
    repo = _system(tmp_path, keys)
    (repo.root / "pyproject.toml").write_text('[tool.aims_lint]\napproval_evidence = "signed"\n',
                                              encoding="utf-8")
    _plant(repo, keys, "eve", "eve")
    approval = _reapprove(repo, keys["eve"].private)
    assert sorted(_signed_findings(repo)) == [("AIMS917", "policies/ai-policy.md"),
                                              ("AIMS917", "policies/roles.md")]
    # The history's words say what the rules judged: Eve's key is no key the trusted registry lists.
    assert main(["history", "POL-001", "--root", str(repo.root), "--format", "json"]) == 0
    approvals = json.loads(capsys.readouterr().out)["approvals"]
    latest = next(a for a in approvals if a["commit"] == approval)
    assert [s["status"] for s in latest["signatures"]] == ["unknown-key"]


def test_each_registry_gets_one_git_log_and_a_rotated_key_signs_after_its_approval(
        tmp_path: Path, keys: dict[str, Key], monkeypatch: pytest.MonkeyPatch) -> None:
    keys = {**keys, **make_keys(tmp_path / "keys2", ["mara2"])}
    repo = _system(tmp_path, keys)
    (repo.root / "pyproject.toml").write_text('[tool.aims_lint]\napproval_evidence = "signed"\n',
                                              encoding="utf-8")
    _plant(repo, keys, "mara", "mara2")  # Mara approves her new key with her old one
    _reapprove(repo, keys["mara2"].private)
    real = shutil.which("git")
    assert real is not None
    shim, log, files = tmp_path / "shim", tmp_path / "git-commands.txt", tmp_path / "signers.txt"
    shim.mkdir()
    # The shim keeps each allowed-signers file git is given (the run deletes them afterwards).
    (shim / "git").write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\n'
        'for arg in "$@"; do case "$arg" in gpg.ssh.allowedSignersFile=*)\n'
        f'  cat "${{arg#gpg.ssh.allowedSignersFile=}}" >> "{files}"; echo "--" >> "{files}";; esac; done\n'
        f'exec "{real}" "$@"\n', encoding="utf-8")
    (shim / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")
    assert _signed_findings(repo) == []  # the old key for the registry, the new one after it
    walks = [c for c in log.read_text(encoding="utf-8").splitlines() if "%G?" in c]
    given = files.read_text(encoding="utf-8").split("--\n")[:-1]
    # The registry's approval against the first registry (old key), then the policy's against
    # the registry it approved (new key): one log each, never the work tree's alone.
    assert len(walks) == 2
    blob = {name: " ".join(keys[name].public.split()[:2]) for name in ("mara", "mara2")}
    assert [(blob["mara"] in text, blob["mara2"] in text) for text in given] == [(True, False),
                                                                                 (False, True)]


def test_a_past_holders_keys_are_bounded_by_their_tenure() -> None:
    from aims_lint.approvals.signers import signers_text
    from aims_lint.model import Role

    key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBmTQ4mIt7xvH6gWl5cb1ZJkbCq3gvW0Yk1m0Qb5yK4k"
    role = Role.model_validate({
        "id": "top-management", "title": "CEO",
        "holder": {"name": "Mara", "email": "mara@example.org", "keys": [key]},
        "previous_holders": [
            {"name": "Lars", "email": "lars@example.org", "from": "2024-03-01", "until": "2026-01-31",
             "keys": [key, {"key": key, "valid_after": "2025-01-01", "valid_before": "2025-06-01"},
                      {"key": key, "valid_after": "2020-01-01", "valid_before": "2030-01-01"}]},
            {"name": "Ines", "email": "ines@example.org", "until": "2024-02-29", "keys": [key]}]})
    assert signers_text({"top-management": role}).splitlines() == [
        f'ines@example.org namespaces="git",valid-before="20240301Z" {key}',
        f'lars@example.org namespaces="git",valid-after="20240301Z",valid-before="20260201Z" {key}',
        f'lars@example.org namespaces="git",valid-after="20250101Z",valid-before="20250601Z" {key}',
        f'mara@example.org namespaces="git" {key}',
    ]


# The chain covers every file that was ever a registry; the anchor is taken once per repository.

PRIYA = "Priya Raman <priya.raman@fennwick.example>"


def _with_priya(tmp_path: Path, keys: dict[str, Key]) -> GitRepo:
    """Mara's key and Priya's (the CISO, here the insider: "eve") in the first, signed registry."""
    root = new_repo(tmp_path / "repo")
    (root / "pyproject.toml").write_text('[tool.aims_lint]\napproval_evidence = "signed"\n',
                                         encoding="utf-8")
    roles = root / "policies" / "roles.md"
    roles.write_text(roles.read_text(encoding="utf-8").replace(
        "github: mlindqvist, since: 2024-03-01}",
        f'github: mlindqvist, since: 2024-03-01, keys: ["{keys["mara"].public}"]}}').replace(
        "github: praman}", f'github: praman, keys: ["{keys["eve"].public}"]}}'), encoding="utf-8")
    repo = GitRepo(root)
    repo.commit("Start", "2026-01-10", sign=keys["mara"].private, author=MARA)
    return repo


def _rogue_registry(repo: GitRepo, keys: dict[str, Key], path: str, approver: str = "ciso") -> str:
    """A new registry file, approved by `approver`, naming Priya the CEO with her key."""
    text = (repo.root / "policies" / "roles.md").read_text(encoding="utf-8") if (
        repo.root / "policies" / "roles.md").exists() else _ORIGINAL
    head, _, _ = text.partition("roles:\n")
    head = (head.replace("id: ROL-001", "id: ROL-002").replace("approver: top-management",
                                                             f"approver: {approver}")
            .replace("approved_on: 2026-03-02", "approved_on: 2026-03-05")
            .replace("status: retired", "status: approved"))
    body = text.split("\n---\n", 1)[1]
    roles = ("roles:\n  - id: top-management\n    title: Chief Executive Officer\n"
             "    holder: {name: Priya Raman, email: priya.raman@fennwick.example, "
             f'keys: ["{keys["eve"].public}"]}}\n'
             "  - id: aims-manager\n    title: AIMS manager\n"
             "    holder: {name: Priya Raman, email: priya.raman@fennwick.example}\n"
             "  - id: ciso\n    title: CISO\n"
             "    holder: {name: Priya Raman, email: priya.raman@fennwick.example}\n---\n")
    (repo.root / path).parent.mkdir(parents=True, exist_ok=True)
    (repo.root / path).write_text(head + roles + body, encoding="utf-8")
    return repo.commit("Approve the new registry", "2026-03-05", author=PRIYA, sign=keys["eve"].private)


_ORIGINAL = (Path(__file__).resolve().parent / "rules" / "base" / "policies" / "roles.md").read_text(
    encoding="utf-8")


def _priya_approves_the_policy(repo: GitRepo, keys: dict[str, Key]) -> None:
    policy = repo.root / "policies" / "ai-policy.md"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace('version: "1.0"', 'version: "1.1"')
                      .replace("approved_on: 2026-01-10", "approved_on: 2026-03-06"), encoding="utf-8")
    repo.commit("Approve POL-001 v1.1", "2026-03-06", author=PRIYA, sign=keys["eve"].private)


def test_a_new_registry_after_retiring_the_old_one_does_not_trust_itself(
        tmp_path: Path, keys: dict[str, Key]) -> None:
    repo = _with_priya(tmp_path, keys)
    roles = repo.root / "policies" / "roles.md"
    roles.write_text(roles.read_text(encoding="utf-8").replace("status: approved", "status: retired"),
                     encoding="utf-8")
    repo.commit("Retire ROL-001", "2026-03-04", author=PRIYA)
    _rogue_registry(repo, keys, "policies/roles-2027.md")
    _priya_approves_the_policy(repo, keys)
    # Both are judged against the retired registry's last approval: Mara is the CEO there.
    assert sorted(_signed_findings(repo)) == [("AIMS918", "policies/ai-policy.md"),
                                              ("AIMS918", "policies/roles-2027.md")]


def test_a_registry_deleted_and_recreated_elsewhere_is_judged_by_the_deleted_one(
        tmp_path: Path, keys: dict[str, Key]) -> None:
    repo = _with_priya(tmp_path, keys)
    original = (repo.root / "policies" / "roles.md").read_text(encoding="utf-8")
    (repo.root / "policies" / "roles.md").unlink()
    repo.commit("Remove the registry", "2026-03-04", author=PRIYA)
    global _ORIGINAL
    saved, _ORIGINAL = _ORIGINAL, original
    try:
        _rogue_registry(repo, keys, "policies/people-registry.md")
    finally:
        _ORIGINAL = saved
    _priya_approves_the_policy(repo, keys)
    assert sorted(_signed_findings(repo)) == [("AIMS918", "policies/ai-policy.md"),
                                              ("AIMS918", "policies/people-registry.md")]


def test_a_second_registry_that_sorts_first_needs_the_trusted_registrys_approver(
        tmp_path: Path, keys: dict[str, Key]) -> None:
    # Priya approves it as the CISO (the role the new file names itself): not enough, the trusted
    # registry's approver (top management, Mara) must sign a registry on a new path.
    repo = _with_priya(tmp_path, keys)
    _rogue_registry(repo, keys, "policies/a-roles.md")
    _priya_approves_the_policy(repo, keys)
    assert sorted(_signed_findings(repo)) == [("AIMS918", "policies/a-roles.md"),
                                              ("AIMS918", "policies/ai-policy.md")]


def test_an_approval_that_repoints_its_approver_needs_the_previous_approvers_signature(
        tmp_path: Path, keys: dict[str, Key]) -> None:
    repo = _with_priya(tmp_path, keys)
    policy = repo.root / "policies" / "ai-policy.md"
    text = policy.read_text(encoding="utf-8")
    assert "approver: top-management" in text
    policy.write_text(text.replace("approver: top-management", "approver: ciso"), encoding="utf-8")
    _priya_approves_the_policy(repo, keys)  # Priya is the CISO, but Mara approved it last
    assert _signed_findings(repo) == [("AIMS918", "policies/ai-policy.md")]
    # Mara hands the approval on by signing the change herself.
    repo.git("reset", "-q", "--hard", "HEAD~1")
    policy.write_text(policy.read_text(encoding="utf-8").replace("approver: top-management",
                                                                 "approver: ciso"), encoding="utf-8")
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace('version: "1.0"', 'version: "1.1"')
                      .replace("approved_on: 2026-01-10", "approved_on: 2026-03-06"), encoding="utf-8")
    repo.commit("Approve POL-001 v1.1", "2026-03-06", author=MARA, sign=keys["mara"].private)
    assert _signed_findings(repo) == []

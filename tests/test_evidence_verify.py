"""Signed evidence bundles and `aims-lint evidence verify`, with real keys and real repositories.

Keys are made by `ssh-keygen` in a temporary folder; the bundles are built by
the command from real commits with fixed dates. Each tampered bundle is the
fresh one with one thing changed, written as an attacker would write it: a
new zip with the entries they want.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from aims_lint.cli import main
from tests.conftest import PROJECT, new_repo
from tests.test_history_repo import GitRepo

Capture = pytest.CaptureFixture[str]
POLICY = "policies/ai-policy.md"
SIG = "manifest.json.sig"
NAMESPACE = "aims-lint-evidence"


@dataclass(frozen=True)
class Keys:
    folder: Path
    alice: Path  # the organisation's evidence key, in the allowed signers
    mallory: Path  # a key nobody vouched for
    allowed: Path

    def fingerprint(self, key: Path) -> str:
        listed = subprocess.run(["ssh-keygen", "-l", "-f", f"{key}.pub"], check=True,
                                capture_output=True, text=True).stdout
        return listed.split()[1]


def _keygen(path: Path, comment: str) -> Path:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)],
                   check=True, capture_output=True)
    return path


def _allowed(path: Path, key: Path, options: str = f'namespaces="{NAMESPACE}"') -> Path:
    path.write_text(f"alice@fennwick.example {options} {(key.parent / f'{key.name}.pub').read_text()}",
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    folder = tmp_path_factory.mktemp("keys")
    alice = _keygen(folder / "alice", "alice@fennwick.example")
    return Keys(folder, alice, _keygen(folder / "mallory", "mallory"), _allowed(folder / "allowed", alice))


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    repo = GitRepo(new_repo(tmp_path_factory.mktemp("verify") / "repo"))
    repo.commit("Start", "2026-01-12")
    repo.commit("Reword", "2026-02-01T16:30:00+02:00", {POLICY: {"append": "\nCommitted text.\n"}})
    return repo


@pytest.fixture(scope="module")
def signed(repo: GitRepo, keys: Keys, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("signed") / "bundle.zip"
    assert main(["evidence", "--root", str(repo.root), "--out", str(out), "--sign", str(keys.alice)]) == 0
    return out


@pytest.fixture(autouse=True)
def _outside_any_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The tests run inside this project's own repository, which lacks the bundles' commits.
    monkeypatch.chdir(tmp_path)


def _verify(bundle: Path, *extra: str) -> int:
    return main(["evidence", "verify", str(bundle), *extra])


def _entries(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rewrite(bundle: Path, out: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    files = _entries(bundle)
    change(files)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out


def _sign(message: bytes, key: Path, folder: Path) -> bytes:
    target = folder / "message"
    target.write_bytes(message)
    subprocess.run(["ssh-keygen", "-Y", "sign", "-n", NAMESPACE, "-f", str(key), str(target)],
                   check=True, capture_output=True, stdin=subprocess.DEVNULL)
    return (folder / "message.sig").read_bytes()


def _relist(files: dict[str, bytes]) -> None:
    """Make the manifest agree with the files again, as an attacker who changed one would."""
    manifest = json.loads(files["manifest.json"])
    manifest["files"] = [{"path": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                         for name, data in sorted(files.items()) if name not in ("manifest.json", SIG)]
    files["manifest.json"] = (json.dumps(manifest, indent=2) + "\n").encode()


def _report(capsys: Capture) -> dict[str, dict[str, object]]:
    return {check["name"]: check for check in json.loads(capsys.readouterr().out)["checks"]}


def test_a_fresh_signed_bundle_verifies_in_its_repository(
    signed: Path, repo: GitRepo, keys: Keys, capsys: Capture
) -> None:
    assert _verify(signed, "--allowed-signers", str(keys.allowed), "--root", str(repo.root)) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("\nverified")
    head = repo.git("rev-parse", "HEAD")
    assert f"commit {head[:12]} (2026-02-01T16:30:00+02:00)" in out
    assert f"valid, by alice@fennwick.example (ED25519 key {keys.fingerprint(keys.alice)})" in out
    assert "document(s) identical to it" in out


def test_signing_adds_one_entry_and_changes_no_other_byte(
    signed: Path, repo: GitRepo, keys: Keys, tmp_path: Path
) -> None:
    plain, again = tmp_path / "plain.zip", tmp_path / "again.zip"
    assert main(["evidence", "--root", str(repo.root), "--out", str(plain)]) == 0
    assert main(["evidence", "--root", str(repo.root), "--out", str(again), "--sign", str(keys.alice)]) == 0
    with_signature, without = _entries(signed), _entries(plain)
    assert set(with_signature) - set(without) == {SIG}
    assert {name: data for name, data in with_signature.items() if name != SIG} == without
    assert SIG not in without["manifest.json"].decode()  # the manifest does not list its signature
    assert again.read_bytes() == signed.read_bytes()  # Ed25519 signatures are deterministic


def test_without_allowed_signers_a_good_signature_is_valid_but_untrusted(
    signed: Path, keys: Keys, capsys: Capture
) -> None:
    assert _verify(signed) == 1
    out = capsys.readouterr().out
    assert "skipped   revision  not checked:" in out
    assert f"valid but untrusted: signed with ED25519 key {keys.fingerprint(keys.alice)}" in out
    assert out.rstrip().endswith("NOT verified: signature")


def test_a_signature_by_another_key_is_rejected(
    repo: GitRepo, keys: Keys, tmp_path: Path, capsys: Capture
) -> None:
    out = tmp_path / "mallory.zip"
    assert main(["evidence", "--root", str(repo.root), "--out", str(out), "--sign", str(keys.mallory)]) == 0
    capsys.readouterr()
    assert _verify(out, "--allowed-signers", str(keys.allowed), "--format", "json") == 1
    signature = _report(capsys)["signature"]
    assert signature["status"] == "untrusted"
    assert f"ED25519 key {keys.fingerprint(keys.mallory)}" in str(signature["detail"])
    assert f"no entry in {keys.allowed} allows this key" in str(signature["detail"])


def test_a_changed_file_is_named(signed: Path, keys: Keys, tmp_path: Path, capsys: Capture) -> None:
    def reword(files: dict[str, bytes]) -> None:
        files[f"documents/{POLICY}"] += b"\nApproved by nobody.\n"

    bad = _rewrite(signed, tmp_path / "changed.zip", reword)
    assert _verify(bad, "--allowed-signers", str(keys.allowed), "--format", "json") == 1
    report = _report(capsys)
    assert report["files"]["status"] == "failed"
    assert [p for p in report["files"]["problems"] if "changed:" in p] == [  # type: ignore[attr-defined]
        f"changed: documents/{POLICY} (SHA-256 "
        f"{hashlib.sha256(_entries(bad)[f'documents/{POLICY}']).hexdigest()[:12]}, the manifest says "
        f"{hashlib.sha256(_entries(signed)[f'documents/{POLICY}']).hexdigest()[:12]})"
    ]
    assert report["signature"]["status"] == "ok"  # the manifest itself is untouched and still signed


def test_an_added_file_is_named(signed: Path, keys: Keys, tmp_path: Path, capsys: Capture) -> None:
    def add(files: dict[str, bytes]) -> None:
        files["documents/policies/backdated-approval.md"] = b"---\nid: POL-099\n---\n"

    bad = _rewrite(signed, tmp_path / "added.zip", add)
    assert _verify(bad, "--allowed-signers", str(keys.allowed), "--format", "json") == 1
    assert _report(capsys)["files"]["problems"] == [
        "extra: documents/policies/backdated-approval.md (not in the manifest)"]


def test_a_removed_file_is_named(signed: Path, keys: Keys, tmp_path: Path, capsys: Capture) -> None:
    bad = _rewrite(signed, tmp_path / "removed.zip", lambda files: files.pop("findings.json"))
    assert _verify(bad, "--allowed-signers", str(keys.allowed)) == 1
    out = capsys.readouterr().out
    assert "- missing: findings.json" in out
    assert out.rstrip().endswith("NOT verified: files")


def test_a_manifest_rewritten_to_match_breaks_the_signature(
    signed: Path, keys: Keys, tmp_path: Path, capsys: Capture
) -> None:
    def forge(files: dict[str, bytes]) -> None:
        files[f"documents/{POLICY}"] += b"\nApproved by nobody.\n"
        _relist(files)

    bad = _rewrite(signed, tmp_path / "forged.zip", forge)
    assert _verify(bad, "--allowed-signers", str(keys.allowed), "--format", "json") == 1
    report = _report(capsys)
    assert report["files"]["status"] == "ok"
    assert report["signature"]["status"] == "failed"
    assert str(report["signature"]["detail"]).startswith("invalid: it does not sign this manifest")


def test_a_signature_swapped_for_another_keys_is_rejected(
    signed: Path, keys: Keys, tmp_path: Path, capsys: Capture
) -> None:
    def resign(files: dict[str, bytes]) -> None:
        files[SIG] = _sign(files["manifest.json"], keys.mallory, tmp_path)

    bad = _rewrite(signed, tmp_path / "resigned.zip", resign)
    assert _verify(bad, "--allowed-signers", str(keys.allowed), "--format", "json") == 1
    assert _report(capsys)["signature"]["status"] == "untrusted"


def test_the_revision_check_catches_what_the_trusted_signer_got_wrong(
    signed: Path, repo: GitRepo, keys: Keys, tmp_path: Path, capsys: Capture
) -> None:
    # Hashes and signature are all good, but the bundle does not hold what the commit holds.
    def misstate(files: dict[str, bytes]) -> None:
        files[f"documents/{POLICY}"] += b"\nNot in git.\n"
        manifest = json.loads(files["manifest.json"])
        manifest["date"] = "2026-01-31T09:00:00+00:00"
        files["manifest.json"] = (json.dumps(manifest) + "\n").encode()
        _relist(files)
        files[SIG] = _sign(files["manifest.json"], keys.alice, tmp_path)

    bad = _rewrite(signed, tmp_path / "misstated.zip", misstate)
    assert _verify(bad, "--allowed-signers", str(keys.allowed), "--root", str(repo.root),
                   "--format", "json") == 1
    report = _report(capsys)
    assert (report["files"]["status"], report["signature"]["status"]) == ("ok", "ok")
    head = repo.git("rev-parse", "HEAD")[:12]
    assert report["revision"]["problems"] == [
        f"the manifest dates commit {head} 2026-01-31T09:00:00+00:00; "
        "the repository says 2026-02-01T16:30:00+02:00",
        f"differs from the commit: documents/{POLICY}",
    ]


def test_outside_a_repository_the_revision_is_skipped(signed: Path, keys: Keys, capsys: Capture) -> None:
    # The current folder is a plain temporary folder: no .git anywhere above it.
    assert _verify(signed, "--allowed-signers", str(keys.allowed), "--format", "json") == 0
    assert _report(capsys)["revision"]["status"] == "skipped"


def test_a_repository_without_the_commit_fails_the_revision_check(
    signed: Path, keys: Keys, tmp_path: Path, capsys: Capture
) -> None:
    other = GitRepo(tmp_path / "other")
    other.commit("Elsewhere", "2026-03-01")
    assert _verify(signed, "--allowed-signers", str(keys.allowed), "--root", str(other.root),
                   "--format", "json") == 1
    revision = _report(capsys)["revision"]
    assert revision["status"] == "failed"
    assert "not found" in str(revision["detail"])


def test_a_key_outside_its_validity_is_not_trusted(signed: Path, keys: Keys, tmp_path: Path,
                                                  capsys: Capture) -> None:
    expired = _allowed(tmp_path / "expired", keys.alice, f'namespaces="{NAMESPACE}",valid-before="20200101"')
    assert _verify(signed, "--allowed-signers", str(expired), "--format", "json") == 1
    signature = _report(capsys)["signature"]
    assert signature["status"] == "untrusted"
    assert f"no entry in {expired} allows this key" in str(signature["detail"])


@pytest.mark.parametrize(
    ("day", "status"),
    [("2026-06-30", "untrusted"), ("2026-07-01", "ok"), ("2026-12-31", "ok"), ("2027-01-01", "untrusted")],
)
def test_validity_dates_are_judged_on_the_day_given(
    signed: Path, keys: Keys, tmp_path: Path, capsys: Capture, day: str, status: str
) -> None:
    window = f'namespaces="{NAMESPACE}",valid-after="20260701",valid-before="20270101"'
    allowed = _allowed(tmp_path / "window", keys.alice, window)
    assert _verify(signed, "--allowed-signers", str(allowed), "--today", day, "--format", "json") == (
        0 if status == "ok" else 1)
    signature = _report(capsys)["signature"]
    assert signature["status"] == status
    if status == "untrusted":
        assert f"for {NAMESPACE} on {day}" in str(signature["detail"])


def test_a_key_allowed_only_for_git_does_not_vouch_for_a_bundle(
    signed: Path, keys: Keys, tmp_path: Path, capsys: Capture
) -> None:
    for_git = _allowed(tmp_path / "git-only", keys.alice, 'namespaces="git"')
    assert _verify(signed, "--allowed-signers", str(for_git), "--format", "json") == 1
    assert _report(capsys)["signature"]["status"] == "untrusted"


def test_an_unsigned_bundle_fails_the_signature_check_only(
    repo: GitRepo, keys: Keys, tmp_path: Path, capsys: Capture
) -> None:
    plain = tmp_path / "plain.zip"
    assert main(["evidence", "--root", str(repo.root), "--out", str(plain)]) == 0
    capsys.readouterr()
    assert _verify(plain, "--allowed-signers", str(keys.allowed), "--root", str(repo.root)) == 1
    out = capsys.readouterr().out
    assert f"not signed: the bundle holds no {SIG}" in out
    assert out.rstrip().endswith("NOT verified: signature")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not a zip at all", "not a zip file"),
        ("zip:", "holds no manifest.json"),
        ("zip:manifest.json=[1]", "is not an aims-lint evidence manifest"),
        ("zip:manifest.json={", "is not JSON"),
        ("zip:manifest.json=" + "[" * 100_000, "nests too deep"),
        ('zip:manifest.json={"format": "aims-lint evidence bundle 1", "files": 3}', "`files` is not a list"),
    ],
)
def test_what_is_no_bundle_is_a_failed_check_not_a_traceback(
    content: bytes | str, expected: str, tmp_path: Path, capsys: Capture
) -> None:
    path = tmp_path / "thing.zip"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            name, _, data = content.removeprefix("zip:").partition("=")
            archive.writestr(name or "README", data)
        path.write_bytes(buffer.getvalue())
    assert _verify(path) == 1
    out = capsys.readouterr().out
    assert expected in out and "NOT verified: manifest" in out


def test_a_name_twice_in_the_zip_and_control_characters_are_reported_safely(
    signed: Path, tmp_path: Path, capsys: Capture
) -> None:
    files = _entries(signed)
    bad = tmp_path / "twice.zip"
    with zipfile.ZipFile(bad, "w") as archive, pytest.warns(UserWarning, match="Duplicate name"):
        for name, data in files.items():
            archive.writestr(name, data)
        archive.writestr("findings.json", b"{}")
        archive.writestr("site/\x1b[2Jx.html", b"")
    assert _verify(bad, "--format", "json") == 1
    problems = _report(capsys)["files"]["problems"]
    assert "twice in the zip: findings.json" in problems  # type: ignore[operator]
    assert "extra: site/\\x1b[2Jx.html (not in the manifest)" in problems  # type: ignore[operator]


def test_signing_with_a_missing_or_broken_key_writes_nothing(
    repo: GitRepo, tmp_path: Path, capsys: Capture
) -> None:
    out, missing = tmp_path / "never.zip", tmp_path / "no"
    assert main(["evidence", "--root", str(repo.root), "--out", str(out), "--sign", str(missing)]) == 1
    assert f"no key file at {tmp_path / 'no'}" in capsys.readouterr().err
    broken = tmp_path / "broken"
    broken.write_text("not a key\n", encoding="utf-8")
    assert main(["evidence", "--root", str(repo.root), "--out", str(out), "--sign", str(broken)]) == 1
    assert f"ssh-keygen could not sign with {broken}" in capsys.readouterr().err
    assert not out.exists()


def test_build_options_with_verify_and_a_build_without_out_are_usage_errors(
    signed: Path, repo: GitRepo, capsys: Capture
) -> None:
    assert main(["evidence", "--out", "x.zip", "--sign", "k", "verify", str(signed)]) == 2
    assert "--out, --sign build a bundle; `evidence verify` takes its own options" in capsys.readouterr().err
    assert main(["evidence", "--today", "2026-01-01", "verify", str(signed)]) == 2
    assert "--today build a bundle" in capsys.readouterr().err
    assert main(["evidence", "--root", str(repo.root)]) == 2
    assert "Missing option '--out'" in capsys.readouterr().err


def test_run_inside_the_repository_it_finds_the_commit_itself(
    signed: Path, repo: GitRepo, keys: Keys, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(repo.root / "policies")
    assert _verify(signed, "--allowed-signers", str(keys.allowed), "--format", "json") == 0
    revision = _report(capsys)["revision"]
    assert revision["status"] == "ok"
    assert str(revision["detail"]).startswith(f"commit {repo.git('rev-parse', 'HEAD')[:12]} in {repo.root}")


def test_without_ssh_keygen_signing_fails_and_the_signature_is_not_checked(
    signed: Path, repo: GitRepo, keys: Keys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    only_git = tmp_path / "bin"
    only_git.mkdir()
    (only_git / "git").symlink_to(str(shutil.which("git")))
    monkeypatch.setenv("PATH", str(only_git))
    out = tmp_path / "never.zip"
    assert main(["evidence", "--root", str(repo.root), "--out", str(out), "--sign", str(keys.alice)]) == 1
    assert "ssh-keygen is not installed or not on PATH" in capsys.readouterr().err
    assert not out.exists()
    assert _verify(signed, "--allowed-signers", str(keys.allowed), "--format", "json") == 1
    report = _report(capsys)
    assert report["signature"]["detail"] == "not checked: ssh-keygen is not installed or not on PATH " \
        "(it comes with OpenSSH)"
    assert report["revision"]["status"] == "skipped"  # a plain folder, even with git there


def test_without_git_outside_a_repository_the_revision_is_skipped(
    signed: Path, keys: Keys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    only_keygen = tmp_path / "bin"
    only_keygen.mkdir()
    (only_keygen / "ssh-keygen").symlink_to(str(shutil.which("ssh-keygen")))
    monkeypatch.setenv("PATH", str(only_keygen))
    assert _verify(signed, "--allowed-signers", str(keys.allowed), "--format", "json") == 0
    assert _report(capsys)["revision"]["detail"] == "not checked: git is not installed or not on PATH"


def test_an_aims_root_below_the_top_is_checked_from_that_root(
    keys: Keys, tmp_path: Path, capsys: Capture
) -> None:
    top = tmp_path / "mono"
    new_repo(top / "compliance")
    (top / "README.md").write_text("Not a document.\n", encoding="utf-8")
    GitRepo(top).commit("Start", "2026-01-12")
    out = tmp_path / "a.zip"
    assert main(["evidence", "--root", str(top / "compliance"), "--out", str(out),
                 "--sign", str(keys.alice)]) == 0
    capsys.readouterr()
    allowed = ["--allowed-signers", str(keys.allowed), "--format", "json"]
    assert _verify(out, "--root", str(top / "compliance"), *allowed) == 0
    assert _report(capsys)["revision"]["status"] == "ok"
    assert _verify(out, "--root", str(top), *allowed) == 1  # paths are relative to the aims root
    problems = _report(capsys)["revision"]["problems"]
    assert f"not in the commit: documents/{POLICY}" in problems  # type: ignore[operator]


@pytest.mark.slow
def test_a_signed_public_bundle_with_its_site_verifies(keys: Keys, tmp_path: Path, capsys: Capture) -> None:
    from tests.complete_aims import complete_files

    root = new_repo(tmp_path / "repo", complete_files())
    (root / "mkdocs.yml").write_bytes((PROJECT / "mkdocs.yml").read_bytes())
    GitRepo(root).commit("A complete system", "2026-11-20")
    out = tmp_path / "public.zip"
    assert main(["evidence", "--root", str(root), "--out", str(out), "--audience", "public",
                 "--today", "2026-11-22", "--sign", str(keys.alice)]) == 0
    capsys.readouterr()
    names = _entries(out)
    assert "site/index.html" in names and "site/BUILD-FAILED.txt" not in names
    assert _verify(out, "--allowed-signers", str(keys.allowed), "--root", str(root), "--format", "json") == 0
    report = _report(capsys)
    assert {name: check["status"] for name, check in report.items()} == {
        "manifest": "ok", "files": "ok", "revision": "ok", "signature": "ok"}
    shown = sum(1 for name in names if name.startswith("documents/"))
    assert f"same date, {shown} document(s) identical to it" in str(report["revision"]["detail"])


def test_a_public_key_whose_private_half_is_in_ssh_agent_signs(
    signed: Path, repo: GitRepo, keys: Keys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    socket = tmp_path / "agent.sock"
    started = subprocess.run(["ssh-agent", "-s", "-a", str(socket)], check=True, capture_output=True,
                             text=True)
    pid = int(started.stdout.split("SSH_AGENT_PID=", 1)[1].split(";", 1)[0])
    try:
        monkeypatch.setenv("SSH_AUTH_SOCK", str(socket))
        subprocess.run(["ssh-add", "-q", str(keys.alice)], check=True, capture_output=True)
        public = tmp_path / "only.pub"  # no private key beside it: ssh-keygen must ask the agent
        public.write_bytes(Path(f"{keys.alice}.pub").read_bytes())
        out = tmp_path / "agent.zip"
        assert main(["evidence", "--root", str(repo.root), "--out", str(out), "--sign", str(public)]) == 0
    finally:
        os.kill(pid, signal.SIGTERM)
    assert out.read_bytes() == signed.read_bytes()  # the same key: the same signature

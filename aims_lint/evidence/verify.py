"""`evidence verify`: is this bundle what its manifest says, and who vouches for the manifest?

Four checks, each with its own verdict, so a failure names what failed:

    manifest    the zip opens and holds an aims-lint manifest that can be read
    files       every file the manifest lists is there with its SHA-256 and size; nothing else is,
                apart from the manifest and its signature; no name appears twice
    revision    in the repository: the commit exists, has the stated date, and every document
                in the bundle is byte for byte the commit's file (skipped outside a repository)
    signature   `manifest.json.sig` signs the manifest (namespace `aims-lint-evidence`) by a key
                the allowed-signers file lists; without that file a good signature is
                "valid but untrusted"

A bundle is hostile input: a broken zip, a manifest that is not JSON, a
name with control characters, an entry that cannot be decompressed all
become failed checks, never a traceback. The hashes alone prove only that
the files match the manifest; anyone could have written both. The signature
says who wrote the manifest, and the revision check ties the documents to
the organisation's own history.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from aims_lint.evidence.archive import MANIFEST, SIGNATURE, SIGNATURE_FILE
from aims_lint.evidence.sshsig import SignatureError, check
from aims_lint.history import HistoryUnavailable, locate

Status = Literal["ok", "failed", "untrusted", "skipped"]
_COMMIT = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")
_MANIFEST_LIMIT = 64 * 1024 * 1024
_SIGNATURE_LIMIT = 1024 * 1024
_CHUNK = 1 << 16
_UNREADABLE = (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError, OSError)


@dataclass(frozen=True)
class Check:
    name: str  # manifest, files, revision, signature
    status: Status
    detail: str
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verification:
    bundle: Path
    checks: tuple[Check, ...]
    commit: str = ""
    date: str = ""

    @property
    def ok(self) -> bool:
        """Everything verified and the signer is trusted (a revision check may be skipped)."""
        return all(c.status in ("ok", "skipped") for c in self.checks)

    @property
    def failed(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.checks if c.status not in ("ok", "skipped"))


@dataclass
class _Listing:
    """The manifest as read: the entries it lists, and what it says of the commit."""

    raw: bytes
    header: dict[str, Any]
    files: dict[str, tuple[str, int]] = field(default_factory=dict)  # path -> (sha256, bytes)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Asked:
    allowed: Path | None  # the allowed-signers file
    repository: Path | None  # where to look for the commit
    given: bool  # the repository was named, so not finding one there fails
    day: date | None  # judge keys' validity on this day (None: now)


def verify_bundle(bundle: Path, allowed_signers: Path | None, repository: Path | None,
                  *, repository_given: bool = False, day: date | None = None) -> Verification:
    """Run every check on `bundle`. `repository` is where to look for the commit (None: skip);
    when `repository_given`, not finding a repository there fails the check instead of skipping it.
    `day`: judge the allowed signers' valid-after and valid-before on that day instead of now."""
    asked = _Asked(allowed_signers, repository, repository_given, day)
    try:
        with zipfile.ZipFile(bundle) as archive:
            return _verify(bundle, archive, asked)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        return Verification(bundle, (Check("manifest", "failed", f"not a zip file: {exc}"),))
    except OSError as exc:
        return Verification(bundle, (Check("manifest", "failed", f"cannot be read: {exc.strerror or exc}"),))


def _verify(bundle: Path, archive: zipfile.ZipFile, asked: _Asked) -> Verification:
    listing, problem = _manifest(archive)
    if listing is None:
        return Verification(bundle, (Check("manifest", "failed", problem),))
    header = listing.header
    commit, dated = str(header.get("commit", "")), str(header.get("date", ""))
    manifest_check = Check("manifest", "failed" if listing.problems else "ok",
                           f"{shown(str(header.get('format')))}, {len(listing.files)} file(s) listed",
                           tuple(listing.problems))
    files, hashes = _files(archive, listing)
    checks = (manifest_check, files, _revision(listing, hashes, asked.repository, asked.given),
              _signature(archive, listing.raw, asked.allowed, asked.day))
    return Verification(bundle, checks, commit, dated)


def _manifest(archive: zipfile.ZipFile) -> tuple[_Listing | None, str]:
    try:
        info = archive.getinfo(MANIFEST)
        if info.file_size > _MANIFEST_LIMIT:
            return None, f"{MANIFEST} is larger than {_MANIFEST_LIMIT} bytes"
        raw = archive.read(info)
        header = json.loads(raw)
    except KeyError:
        return None, f"the zip holds no {MANIFEST}: it is not an aims-lint evidence bundle"
    except RecursionError:  # what json raises for arrays nested thousands deep
        return None, f"{MANIFEST} nests too deep to be an aims-lint evidence manifest"
    except _UNREADABLE as exc:
        return None, f"{MANIFEST} cannot be read: {exc}"
    except ValueError as exc:
        return None, f"{MANIFEST} is not JSON: {exc}"

    if not isinstance(header, dict) or not str(header.get("format", "")).startswith(SIGNATURE):
        return None, f"{MANIFEST} is not an aims-lint evidence manifest (no `format: {SIGNATURE} N`)"
    listing = _Listing(raw, header)
    _read_entries(listing)
    return listing, ""


def _read_entries(listing: _Listing) -> None:
    header = listing.header
    if not _COMMIT.match(str(header.get("commit", ""))):
        listing.problems.append("`commit` is not a full commit id")
    entries = header.get("files")
    if not isinstance(entries, list):
        listing.problems.append("`files` is not a list")
        return
    for number, entry in enumerate(entries, 1):
        if not _well_formed(entry):
            listing.problems.append(f"entry {number} of `files` is not {{path, sha256, bytes}}")
        elif entry["path"] in listing.files:
            listing.problems.append(f"{shown(entry['path'])} is listed twice")
        else:
            listing.files[entry["path"]] = (entry["sha256"], entry["bytes"])


def _well_formed(entry: object) -> bool:
    if not isinstance(entry, dict):
        return False
    path, digest, size = entry.get("path"), entry.get("sha256"), entry.get("bytes")
    return (isinstance(path, str) and isinstance(digest, str) and re.fullmatch(r"[0-9a-f]{64}", digest)
            is not None and isinstance(size, int) and not isinstance(size, bool))


def _files(archive: zipfile.ZipFile, listing: _Listing) -> tuple[Check, dict[str, str]]:
    """The files check, and the SHA-256 of each entry that matched (for the revision check)."""
    names = Counter(info.filename for info in archive.infolist())
    problems = [f"twice in the zip: {shown(n)}" for n, count in sorted(names.items()) if count > 1]
    hashes: dict[str, str] = {}
    for path, expected in sorted(listing.files.items()):
        problem, digest = _entry(archive, path, expected, path in names)
        if problem:
            problems.append(problem)
        else:
            hashes[path] = digest
    listed = set(listing.files) | {MANIFEST, SIGNATURE_FILE}
    problems += [f"extra: {shown(name)} (not in the manifest)" for name in sorted(set(names) - listed)]
    if problems:
        return Check("files", "failed", f"{len(problems)} problem(s)", tuple(problems)), hashes
    detail = f"{len(hashes)} file(s) match their SHA-256; none missing, none extra"
    return Check("files", "ok", detail), hashes


def _entry(archive: zipfile.ZipFile, path: str, expected: tuple[str, int], present: bool) -> tuple[str, str]:
    """(what is wrong with one listed entry, "") or ("", its SHA-256) when it matches."""
    if path in (MANIFEST, SIGNATURE_FILE):
        return f"the manifest lists itself or its signature: {shown(path)}", ""
    if not present:
        return f"missing: {shown(path)}", ""
    actual, length, error = _digest(archive, path)
    if error:
        return f"cannot be read: {shown(path)} ({error})", ""
    digest, size = expected
    if actual != digest or length != size:
        return f"changed: {shown(path)} (SHA-256 {actual[:12]}, the manifest says {digest[:12]})", ""
    return "", actual


def _digest(archive: zipfile.ZipFile, name: str) -> tuple[str, int, str]:
    """SHA-256 and size of one entry, read in chunks (an entry may be far larger than memory)."""
    sha, length = hashlib.sha256(), 0
    try:
        with archive.open(name) as entry:
            for chunk in iter(lambda: entry.read(_CHUNK), b""):
                sha.update(chunk)
                length += len(chunk)
    except _UNREADABLE as exc:
        return "", 0, str(exc)
    return sha.hexdigest(), length, ""


def _revision(listing: _Listing, hashes: Mapping[str, str], repository: Path | None, given: bool) -> Check:
    commit, dated = str(listing.header.get("commit", "")), str(listing.header.get("date", ""))
    if repository is None:
        return Check("revision", "skipped", "not checked: not run inside a git repository "
                     "(run it in the repository, or pass --root)")
    if not _COMMIT.match(commit):
        return Check("revision", "failed", "the manifest names no commit")
    try:
        pinned = locate(repository, commit)
    except HistoryUnavailable as exc:
        # No repository here (or no git) is a check not made; a repository without the commit,
        # or one named with --root that cannot be read, is a check failed.
        if given or f"revision '{commit}' not found" in str(exc):
            return Check("revision", "failed", f"cannot check commit {commit[:12]}: {exc}")
        return Check("revision", "skipped", f"not checked: {exc}")
    try:
        committed = pinned.committed()
        documents = dict(_documents(hashes))
        committed_files = pinned.read(documents)
    except HistoryUnavailable as exc:
        return Check("revision", "failed", f"cannot check commit {commit[:12]}: {exc}")
    problems = _compare(commit, dated, committed.isoformat(), documents, committed_files)
    where = f"commit {commit[:12]} in {pinned.source.toplevel}"
    if problems:
        return Check("revision", "failed", where, tuple(problems))
    return Check("revision", "ok", f"{where}: same date, {len(documents)} document(s) identical to it")


def _documents(hashes: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """(path below the aims root, SHA-256) of each `documents/...` entry."""
    for name, digest in sorted(hashes.items()):
        if name.startswith("documents/"):
            yield name.removeprefix("documents/"), digest


def _compare(commit: str, dated: str, committed: str, documents: Mapping[str, str],
             files: Mapping[str, bytes]) -> list[str]:
    # Both are the committer date in ISO 8601 with the offset git recorded, as Python writes it.
    problems = [] if dated == committed else [
        f"the manifest dates commit {commit[:12]} {shown(dated)}; the repository says {committed}"]
    for path, digest in documents.items():
        if path not in files:
            problems.append(f"not in the commit: documents/{shown(path)}")
        elif hashlib.sha256(files[path]).hexdigest() != digest:
            problems.append(f"differs from the commit: documents/{shown(path)}")
    return problems


def _signature(archive: zipfile.ZipFile, manifest: bytes, allowed: Path | None, day: date | None) -> Check:
    try:
        info = archive.getinfo(SIGNATURE_FILE)
    except KeyError:
        return Check("signature", "failed", f"not signed: the bundle holds no {SIGNATURE_FILE}, so "
                     "nothing shows who made it (build it with --sign KEYFILE)")
    if info.file_size > _SIGNATURE_LIMIT:
        too_large = f"invalid: {SIGNATURE_FILE} is larger than {_SIGNATURE_LIMIT} bytes"
        return Check("signature", "failed", too_large)
    try:
        verdict = check(manifest, archive.read(info), allowed, day)
    except _UNREADABLE as exc:
        return Check("signature", "failed", f"invalid: {SIGNATURE_FILE} cannot be read: {exc}")
    except SignatureError as exc:
        return Check("signature", "failed", f"not checked: {exc}")
    if not verdict.valid:
        return Check("signature", "failed", f"invalid: it does not sign this manifest ({verdict.reason})")
    if not verdict.trusted:
        return Check("signature", "untrusted", f"valid but untrusted: signed with {verdict.key}; "
                     f"{verdict.reason}")
    return Check("signature", "ok", f"valid, by {shown(verdict.principals[0])} ({verdict.key})")


def shown(text: str) -> str:
    """Text from the bundle, safe to print: control and format characters (bidi, escapes) as \\x.."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)

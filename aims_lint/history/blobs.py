"""Past revisions in bulk: any number of (commit, path) reads in at most one git process.

Asking GitPython's persistent `cat-file` one revision at a time costs a round
trip and a tree walk each (about a millisecond); rule AIMS901 may ask for
thousands. The log already names the blob of every change (`--raw`), so: a
blob whose id equals the hash of the document in the work tree is not read
at all (its bytes are the ones this run parsed), and all the others go to
one `git cat-file --batch`.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from aims_lint.history.gitlog import GitRepo

Key = tuple[str, str]  # (commit, path relative to the aims root)


def read_ahead(repo: GitRepo, wanted: Sequence[tuple[Key, str]], current: Mapping[str, dict[str, Any] | None],
               max_bytes: int) -> tuple[dict[Key, dict[str, Any] | None], dict[Key, str], dict[str, bytes]]:
    """What each key (with the blob id the log gave it, "" for none) holds.

    Front matter already known: None where there is no file, `current` where
    the blob is the work-tree file; for the rest, each key's blob id and the
    blobs' bytes (one `git cat-file --batch` for all of them).
    """
    length = next((len(oid) for _, oid in wanted if oid), 0)
    parsed: dict[str, dict[str, Any] | None] = {}
    for path in sorted({path for (_, path), oid in wanted if oid and path in current}):
        oid = worktree_blob_id(repo, path, length, max_bytes)
        if oid is not None:
            parsed.setdefault(oid, current[path])
    known: dict[Key, dict[str, Any] | None] = {}
    ahead: dict[Key, str] = {}
    for key, oid in wanted:
        if not oid or not _askable(key[1]):
            known[key] = None
        elif oid in parsed:
            known[key] = parsed[oid]
        else:
            ahead[key] = oid
    blobs = blob_contents(repo, sorted(set(ahead.values())))
    return known, {key: oid for key, oid in ahead.items() if oid in blobs}, blobs


def blob_contents(repo: GitRepo, oids: Collection[str]) -> dict[str, bytes]:
    """The bytes of each blob, by id; ids git does not have are left out."""
    if not oids:
        return {}
    out = repo.feed("cat-file", "--batch", data="".join(f"{oid}\n" for oid in oids).encode("ascii"))
    found: dict[str, bytes] = {}
    at = 0
    while at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        at = end + 1
        if len(header) != 3:  # "<id> missing"
            continue
        size = int(header[2])
        found[header[0].decode("ascii")] = out[at:at + size]
        at += size + 1  # the content is followed by a newline
    return found


def worktree_blob_id(repo: GitRepo, path: str, length: int, max_bytes: int) -> str | None:
    """The blob id git would give the document's current bytes; None when unreadable or too large.

    `length` is the length of the ids in this repository (40 for SHA-1, 64 for SHA-256).
    """
    algorithm = {40: "sha1", 64: "sha256"}.get(length)
    if algorithm is None:
        return None
    try:
        data = _read(os.path.join(repo.toplevel, f"{repo.prefix}{path}"), max_bytes)
    except OSError:
        return None
    if data is None:
        return None
    return hashlib.new(algorithm, b"blob %d\0" % len(data) + data).hexdigest()


def _askable(path: str) -> bool:
    """What `read_blob` can ask for; other names have always read as absent, and still do."""
    if "\n" in path:
        return False
    try:
        path.encode()
    except UnicodeEncodeError:
        return False
    return True


def _read(file: str, max_bytes: int) -> bytes | None:
    # Non-blocking open and a check on the opened file, as when documents are loaded;
    # plain os calls, as this runs once per approved document.
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
            return None
        data = os.read(fd, status.st_size + 1)  # not the limit: that would allocate it every time
        while 0 < len(data) <= max_bytes:  # until the end of the file (it may have grown)
            more = os.read(fd, max_bytes + 1 - len(data))
            if not more:
                break
            data += more
    finally:
        os.close(fd)
    return data if len(data) <= max_bytes else None

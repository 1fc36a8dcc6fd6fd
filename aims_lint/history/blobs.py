"""Past revisions in bulk: any number of (commit, path) reads in two git processes.

Asking GitPython's persistent `cat-file` one revision at a time costs a round
trip each (about a millisecond); rule AIMS901 may ask for thousands. Here the
whole list goes to one `git cat-file --batch-check` (which blob each name
means), and the blobs still unknown to one `git cat-file --batch`. A blob
whose id equals the hash of the document in the work tree is not read at
all: its bytes are the ones the run already parsed.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from aims_lint.history.gitlog import GitRepo

Key = tuple[str, str]  # (commit, path relative to the aims root)


def read_ahead(repo: GitRepo, keys: Sequence[Key], current: Mapping[str, dict[str, Any] | None],
               max_bytes: int) -> tuple[dict[Key, dict[str, Any] | None], dict[Key, str], dict[str, bytes]]:
    """What `keys` hold: front matter already known (absent revisions are None, work-tree
    copies reuse `current`), and for the rest the blob id of each key and the blobs' bytes."""
    ids = blob_ids(repo, keys)
    length = next((len(oid) for oid in ids if oid is not None), 0)
    parsed: dict[str, dict[str, Any] | None] = {}
    for path in sorted({path for (_, path), oid in zip(keys, ids, strict=True) if oid and path in current}):
        oid = worktree_blob_id(repo, path, length, max_bytes)
        if oid is not None:
            parsed.setdefault(oid, current[path])
    known: dict[Key, dict[str, Any] | None] = {}
    ahead: dict[Key, str] = {}
    for key, oid in zip(keys, ids, strict=True):
        if oid is None:
            known[key] = None
        elif oid in parsed:
            known[key] = parsed[oid]
        else:
            ahead[key] = oid
    blobs = blob_contents(repo, sorted(set(ahead.values())))
    return known, {key: oid for key, oid in ahead.items() if oid in blobs}, blobs


def blob_ids(repo: GitRepo, keys: Sequence[Key]) -> list[str | None]:
    """The blob each `commit:path` names, None where there is none (absent, a folder, unaskable)."""
    names: list[bytes | None] = [_name(repo, commit, path) for commit, path in keys]
    asked = [n for n in names if n is not None]
    if not asked:
        return [None] * len(keys)
    out = repo.feed("cat-file", "--batch-check=%(objectname) %(objecttype)", data=b"".join(asked))
    answers = iter(out.splitlines())
    ids: list[str | None] = []
    for name in names:
        answer = next(answers) if name is not None else b""
        oid, _, kind = answer.rpartition(b" ")
        ids.append(oid.decode("ascii") if kind == b"blob" else None)
    return ids


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
        data = _read(repo.toplevel / f"{repo.prefix}{path}", max_bytes)
    except OSError:
        return None
    if data is None:
        return None
    return hashlib.new(algorithm, b"blob %d\0" % len(data) + data).hexdigest()


def _name(repo: GitRepo, commit: str, path: str) -> bytes | None:
    if "\n" in path:  # cat-file reads names line by line; such a name cannot be asked for
        return None
    try:  # GitPython's reader encodes names as UTF-8 too; the same names stay unaskable
        return f"{commit}:{repo.prefix}{path}\n".encode()
    except UnicodeEncodeError:
        return None


def _read(file: Path, max_bytes: int) -> bytes | None:
    # Non-blocking open and a check on the opened file, as when documents are loaded.
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return None
        if status.st_size > max_bytes:
            return None
        data = handle.read(status.st_size + 1)  # not the limit: that would allocate it every time
        if len(data) > status.st_size:  # it grew meanwhile
            data += handle.read(max_bytes + 1 - len(data))
    return data if len(data) <= max_bytes else None

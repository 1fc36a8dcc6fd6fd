"""Past revisions in bulk: any number of (commit, path) reads in at most one git process.

Asking git one revision at a time costs a process or a round trip each; rule
AIMS901 may ask for thousands. The log already names the blob of every
change (`--raw`), so: a blob whose id equals the hash of the document this
run read is not read at all (its bytes are the ones this run parsed), and
all the others go to one `git cat-file --batch`, each distinct blob once.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from aims_lint.frontmatter import parse
from aims_lint.history.gitcmd import Git
from aims_lint.history.gitlog import askable
from aims_lint.history.model import Key, Read, Revision


def read_revisions(repo: Git, wanted: Iterable[Read], root: Path, current: Mapping[str, Revision],
                   max_bytes: int) -> dict[Key, Revision | None]:
    """What each key holds: None where there is no file, else its front matter and body.

    A read names the blob id the log gave ("" for no file, None when unknown:
    then it is asked for by commit and path). `current` is what this run
    parsed from the files below `root`, by path; a revision whose blob is that
    very file reuses it.
    """
    reads = dict(dict.fromkeys(wanted))  # (key, blob) pairs, in order, once each
    same = _same_as_current(reads, root, current, max_bytes)
    found: dict[Key, Revision | None] = {}
    ask: dict[Key, str] = {}
    for key, oid in reads:
        if oid == "" or not askable(key[1]):
            found[key] = None
        elif oid is not None and oid in same:
            found[key] = same[oid]
        else:
            ask[key] = oid if oid is not None else f"{key[0]}:{repo.prefix}{key[1]}"
    contents = dict(repo.objects(sorted(set(ask.values()))))
    parsed = {name: _revision(data, max_bytes) for name, data in contents.items() if data is not None}
    found.update({key: parsed.get(name) for key, name in ask.items()})
    return found


def _same_as_current(reads: Iterable[Read], root: Path, current: Mapping[str, Revision],
                     max_bytes: int) -> dict[str, Revision]:
    """Blob ids of the files this run read, with what it parsed from them."""
    reads = list(reads)
    length = next((len(oid) for _, oid in reads if oid), 0)
    same: dict[str, Revision] = {}
    for path in sorted({path for (_, path), oid in reads if oid and path in current}):
        oid = worktree_blob_id(root / path, length, max_bytes)
        if oid is not None:
            same.setdefault(oid, current[path])
    return same


def _revision(raw: bytes, max_bytes: int) -> Revision:
    parsed = parse(raw, max_bytes=max_bytes)
    return Revision(parsed.data, parsed.body)


def worktree_blob_id(file: Path, length: int, max_bytes: int) -> str | None:
    """The blob id git would give the file's current bytes; None when unreadable or too large.

    `length` is the length of the ids in this repository (40 for SHA-1, 64 for SHA-256).
    """
    algorithm = {40: "sha1", 64: "sha256"}.get(length)
    if algorithm is None:
        return None
    try:
        data = _read(file, max_bytes)
    except OSError:
        return None
    if data is None:
        return None
    return hashlib.new(algorithm, b"blob %d\0" % len(data) + data).hexdigest()


def _read(file: Path, max_bytes: int) -> bytes | None:
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

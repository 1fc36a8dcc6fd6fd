"""One commit of the repository, for whatever is built from it (the evidence bundle).

The bundle needs three things from git: the commit's files, some of them
again by path, and the history up to the commit. `pin()` finds the commit
(refusing what would mislead an auditor: no repository, a shallow clone,
an unknown revision); `Pinned` hands out those facts as plain values, so
nothing outside `history/` ever sees how git was asked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from aims_lint.history.gitcmd import Git, HistoryUnavailable
from aims_lint.history.gitlog import FETCH_HINT, check_complete, open_repo, read_files, resolve
from aims_lint.history.history import History
from aims_lint.history.load import history_at

_LINK = 0o120000
_FILE_TYPE = 0o170000


@dataclass(frozen=True)
class TreeFile:
    """A file of the commit below the aims root."""

    path: str  # relative to the aims root
    data: bytes  # for a symbolic link, where it points
    link: bool = False


@dataclass(frozen=True)
class Pinned:
    source: Git
    commit: str  # the full commit id

    def files(self) -> Iterator[TreeFile]:
        """Every file of the commit below the aims root, read from git objects in one process.

        Submodules have no content in this repository and are left out.
        """
        listed = list(_blobs(self.source, self.commit))
        contents = self.source.objects(oid for _, _, oid in listed)
        for (path, mode, _), (_, data) in zip(listed, contents, strict=True):
            if data is not None:
                yield TreeFile(path, data, link=mode & _FILE_TYPE == _LINK)

    def read(self, paths: Iterable[str]) -> dict[str, bytes]:
        """These files' bytes as committed; a path that is not a file there is left out."""
        return read_files(self.source, self.commit, paths)

    def committed(self) -> datetime:
        """The commit's committer date, with its time zone (what a bundle's manifest states)."""
        return datetime.fromisoformat(self.source.text("show", "-s", "--format=%cI", self.commit).strip())

    def history(self, max_bytes: int) -> History:
        """The history up to the commit, parsing past revisions with this size limit."""
        return history_at(self.source, self.commit, max_bytes)


def pin(root: Path, rev: str) -> Pinned:
    """The commit `rev` names in the repository holding `root`; HistoryUnavailable when it cannot be."""
    repo = open_repo(root)
    check_complete(repo)  # a bundle with a truncated history would mislead an auditor
    commit = resolve(repo, rev)
    if commit is None:
        raise HistoryUnavailable("the repository has no commits yet")
    return Pinned(repo, commit)


def locate(root: Path, commit: str) -> Pinned:
    """The commit `commit` in the repository holding `root`, to check something made from it.

    Unlike `pin()` a shallow clone is fine here: only this one commit is read.
    """
    repo = open_repo(root)
    found = resolve(repo, commit)
    if found is None:
        raise HistoryUnavailable(f"revision '{commit}' not found; {FETCH_HINT}")
    return Pinned(repo, found)


def _blobs(repo: Git, commit: str) -> Iterator[tuple[str, int, str]]:
    """(path below the aims root, mode, blob id) of every file of the commit."""
    # The whole tree, cut to the aims root here: `ls-tree` would read a path argument as a pattern.
    listing = repo.run("ls-tree", "-r", "-z", "--full-tree", commit)
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        info, _, name = entry.partition(b"\t")
        mode, kind, oid = info.split(b" ")
        path = os.fsdecode(name)
        if kind == b"blob" and path.startswith(repo.prefix):
            yield path[len(repo.prefix):], int(mode, 8), oid.decode("ascii")

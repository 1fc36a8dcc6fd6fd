"""Whether the work tree still is the commit it was checked out from (the site's footer says so).

A site built from a work tree with uncommitted edits shows text that no
commit holds, so its footer must not simply name the commit. One
`git status` answers for the whole aims root. What counts:

- any tracked file changed, staged or not (including deletions);
- an untracked file inside one of the folders the site is made from
  (`sources`: the document folders, schemas, guides), which discovery
  would read; untracked files elsewhere are build outputs or scratch
  files that nothing publishes, and ignored files never count.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from aims_lint.history.gitcmd import Git, HistoryUnavailable

_UNTRACKED = "??"


def uncommitted(repo: Git, sources: Iterable[str]) -> list[str] | None:
    """The paths (relative to the aims root, sorted) that make the work tree differ from HEAD.

    `sources` are folders or files relative to the aims root. None when git
    cannot tell (the caller says so rather than guess either way).
    """
    try:
        listing = repo.run(
            "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames",
            "--ignore-submodules=none", "--", repo.prefix or ".",
        )
    except HistoryUnavailable:
        return None
    folders = tuple(source.strip("/") for source in sources if source.strip("/"))
    found = []
    for code, path in _entries(listing, repo.prefix):
        if code != _UNTRACKED or _inside(path, folders):
            found.append(path)
    return sorted(found)


def _entries(listing: bytes, prefix: str) -> Iterable[tuple[str, str]]:
    """(status code, path below the aims root) of each entry; with --no-renames each is one field."""
    for entry in listing.split(b"\0"):
        if len(entry) < 4:
            continue
        path = os.fsdecode(entry[3:])
        yield entry[:2].decode("ascii", "replace"), path.removeprefix(prefix)


def _inside(path: str, folders: tuple[str, ...]) -> bool:
    return any(path == folder or path.startswith(folder + "/") for folder in folders)

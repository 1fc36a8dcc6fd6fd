"""The files of one commit, read from git objects (never from the work tree)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from aims_lint.history.gitlog import GitRepo

_LINK = 0o120000


def export_tree(repo: GitRepo, commit: str, target: Path) -> int:
    """Write every file of the commit below the aims root into `target`; return the count.

    Symbolic links are written as links so that the linter judges them as it
    would in a checkout (a link leaving the repository is refused there).
    Submodules have no content in this repository and are skipped.
    """
    root = repo.repo.commit(commit).tree
    if repo.prefix:
        try:
            root = root / repo.prefix.rstrip("/")
        except KeyError:
            return 0
    count = 0
    for item in root.traverse():
        if item.type != "blob":
            continue
        rel = item.path[len(repo.prefix):]
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = item.data_stream.read()
        if stat.S_IFMT(item.mode) == _LINK:
            os.symlink(os.fsdecode(data), path)
        else:
            path.write_bytes(data)
        count += 1
    return count

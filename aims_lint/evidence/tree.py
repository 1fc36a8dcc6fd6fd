"""The files of one commit, written out (they come from git objects, never from the work tree)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from aims_lint.history import TreeFile


def export_tree(files: Iterable[TreeFile], target: Path) -> int:
    """Write every file into `target`; return the count.

    Symbolic links are written as links so that the linter judges them as it
    would in a checkout (a link leaving the repository is refused there).
    """
    count = 0
    for item in files:
        path = target / item.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if item.link:
            os.symlink(os.fsdecode(item.data), path)
        else:
            path.write_bytes(item.data)
        count += 1
    return count

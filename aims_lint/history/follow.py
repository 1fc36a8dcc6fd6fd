"""Group the changes of one log pass into lineages: one per document, across renames.

The walk goes newest to oldest (`--date-order` lists children before their
parents) and keeps `alias`: which lineage a path means at this point of the
walk. A plain commit that creates a file (A), or renames one (R old -> new),
is where that name is born: older commits at that name belong to an older
file, so the name is released (and, for a rename, the old name now means
this lineage). Merge commits, diffed against their first parent, list what
they brought in; they are added to the lineage but never end a name, because
the side branch's own commits, which come later in the walk, still use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from aims_lint.history.model import Change, Commit, FileChange, FileHistory, Log


@dataclass
class _Lineage:
    path: str  # its newest name
    alive: bool  # False when the newest commit that touched it deleted it
    changes: list[FileChange] = field(default_factory=list)
    older_names: list[str] = field(default_factory=list)

    def freeze(self) -> FileHistory:
        return FileHistory(self.path, tuple(self.changes), tuple(self.older_names), self.alive)


def build_log(entries: Iterable[tuple[Commit, tuple[Change, ...]]], head: str | None) -> Log:
    alias: dict[str, _Lineage] = {}
    lineages: list[_Lineage] = []
    commits: dict[str, Commit] = {}
    for commit, changes in entries:
        commits[commit.sha] = commit
        for change in changes:
            lineage = alias.get(change.path)
            if lineage is None:
                lineage = _Lineage(change.path, alive=change.status != "D")
                alias[change.path] = lineage
                lineages.append(lineage)
            lineage.changes.append(FileChange(commit, change))
            _step(alias, lineage, change, merge=commit.is_merge)
    return _index(head, commits, lineages)


def _step(alias: dict[str, _Lineage], lineage: _Lineage, change: Change, *, merge: bool) -> None:
    old = change.old_path
    if change.status == "R" and old is not None:
        if merge:
            alias.setdefault(old, lineage)
        else:
            alias[old] = lineage
        if old not in lineage.older_names and old != lineage.path:
            lineage.older_names.append(old)
    if not merge and change.status in ("A", "R", "C") and alias.get(change.path) is lineage:
        del alias[change.path]


def _index(head: str | None, commits: dict[str, Commit], lineages: list[_Lineage]) -> Log:
    files: dict[str, FileHistory] = {}
    deleted: list[FileHistory] = []
    for lineage in lineages:
        if lineage.alive:
            files.setdefault(lineage.path, lineage.freeze())  # the first one met is the newest
        else:
            deleted.append(lineage.freeze())
    return Log(head, commits, files, tuple(deleted))

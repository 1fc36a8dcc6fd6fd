"""Which commits a merge brought in, from the parent links the single log pass recorded."""

from __future__ import annotations

from aims_lint.history.model import Commit, Log


def mainline(log: Log) -> frozenset[str]:
    """The first-parent chain from head: the commits the main line was built of."""
    chain: set[str] = set()
    sha = log.head
    while sha is not None and sha in log.commits and sha not in chain:
        chain.add(sha)
        parents = log.commits[sha].parents
        sha = parents[0] if parents else None
    return frozenset(chain)


def brought_in(log: Log, merge: Commit, main: frozenset[str]) -> frozenset[str]:
    """Commits reachable from the merge's other parents and not from the main line."""
    seen: set[str] = set()
    stack = list(merge.parents[1:])
    while stack:
        sha = stack.pop()
        if sha in seen or sha in main or sha not in log.commits:
            continue
        seen.add(sha)
        stack.extend(log.commits[sha].parents)
    return frozenset(seen)

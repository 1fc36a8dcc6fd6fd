"""Which commits a merge brought in, from the parent links the single log pass recorded.

`bringing_merges` is the one answer to "which main-line merge brought this
commit in": the trailer rules ask it for the merge whose message may carry
the approval, `history --as-of` for the day a branch commit reached the
main line.
"""

from __future__ import annotations

from collections.abc import Iterable

from aims_lint.history.model import Commit, Log


def mainline(log: Log) -> frozenset[str]:
    """The first-parent chain from head: the commits the main line was built of."""
    return frozenset(_first_parents(log))


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


def bringing_merges(log: Log) -> dict[str, Commit]:
    """For each commit off the main line, the oldest main-line merge that brought it in.

    A branch merged twice is brought in by both merges (the second one's other
    parent reaches the commits the first one brought too); the first merge up
    the main line is where they arrived. The order is the graph's, not the
    dates', so a skewed clock cannot move a commit to a later merge.
    """
    if not any(c.is_merge for c in log.commits.values()):
        return {}
    chain = _first_parents(log)
    main = frozenset(chain)
    found: dict[str, Commit] = {}
    for sha in reversed(chain):  # oldest first: the first merge to bring a commit keeps it
        commit = log.commits[sha]
        if commit.is_merge:
            for brought in brought_in(log, commit, main):
                found.setdefault(brought, commit)
    return found


def _first_parents(log: Log) -> list[str]:
    """The first-parent chain from head, newest first (stops at a commit the log lacks)."""
    chain: list[str] = []
    seen: set[str] = set()
    sha = log.head
    while sha is not None and sha in log.commits and sha not in seen:
        chain.append(sha)
        seen.add(sha)
        parents = log.commits[sha].parents
        sha = parents[0] if parents else None
    return chain


def ancestors(log: Log, starts: Iterable[str]) -> frozenset[str]:
    """The commits reachable from `starts` (themselves included), as far as the log reaches."""
    seen: set[str] = set()
    stack = list(starts)
    while stack:
        sha = stack.pop()
        if sha in seen or sha not in log.commits:
            continue
        seen.add(sha)
        stack.extend(log.commits[sha].parents)
    return frozenset(seen)

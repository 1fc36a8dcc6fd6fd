"""Which documents a run reports on, from the paths `check` was given.

A file given is reported on when it is a document (discovery found it); a
folder given stands for the documents below it, as `adopt` reads it. A path
that is neither is *unclaimed*: a file no schema's folder holds (or a hidden,
excluded or non-Markdown one), or a folder that holds no document folder and
lies in none (`docs/`, `suppliers/` with no schema for it). Unclaimed paths
are reported by AIMS020 instead of passing as "0 documents checked", unless
the run skips them on purpose: the pre-commit hook hands `check` every staged
Markdown file (README.md included) with `--skip-unclaimed`, so that it checks
exactly what a full `check` would, in any repository's folders.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class Selection:
    documents: frozenset[str]  # the documents whose findings are reported
    unclaimed: tuple[str, ...] = ()  # paths given that are no document, sorted


def select(
    given: Iterable[str],
    root: Path,
    documents: Collection[str],
    folders: tuple[str, ...],
    *,
    skip_unclaimed: bool = False,
) -> Selection:
    """The documents `given` (repo-relative files or folders) stand for, and what is unclaimed."""
    known = set(documents)
    chosen: set[str] = set()
    unclaimed: set[str] = set()
    for path in given:
        if (root / path).is_dir():
            below = {d for d in known if _within(PurePosixPath(path).parts, PurePosixPath(d).parts)}
            chosen |= below
            if not below and not any(_related(path, folder) for folder in folders):
                unclaimed.add(path)
        elif path in known:
            chosen.add(path)
        else:
            unclaimed.add(path)
    return Selection(frozenset(chosen), () if skip_unclaimed else tuple(sorted(unclaimed)))


def _within(folder: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    # "." (the root) has no parts, so it holds everything.
    return parts[: len(folder)] == folder


def _related(path: str, folder: str) -> bool:
    """A folder given lies in a document folder, or holds one: it may hold documents."""
    mine, theirs = PurePosixPath(path).parts, PurePosixPath(folder).parts
    return _within(mine, theirs) or _within(theirs, mine)

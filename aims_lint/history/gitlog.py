"""What we ask git: open the repository, check it is complete, read the log, read files at a commit.

One `git log` process reads the whole history; contents of past revisions
come from one `git cat-file --batch` per request list (`gitcmd.py` runs
both). Nothing here runs git once per file, and nothing uses `--follow` (it
guesses renames between near-identical templated documents; `follow.py`
tracks renames from the single pass instead).

Every way history can be missing becomes a `HistoryUnavailable` with a reason
a person can act on; the caller turns it into one finding (AIMS907).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from aims_lint.history.gitcmd import NOT_INSTALLED, Git, HistoryUnavailable, run_in

__all__ = ["FETCH_HINT", "FIELDS", "LOG_ARGS", "RECORD", "Git", "HistoryUnavailable", "check_complete",
           "open_repo", "read_files", "read_log", "resolve", "stream_log"]

FIELDS = ("%H", "%P", "%aN", "%aE", "%aI", "%cN", "%cE", "%cI", "%B")
RECORD = "\x1e"  # starts every commit; a status letter or a path never sits where it is read
LOG_FORMAT = RECORD + "%x00".join(FIELDS)
# Why each argument: -z keeps odd file names intact (no quoting); -M follows renames
# inside each commit; every commit is listed (no path filter, so git's history
# simplification never hides a merge); a merge is diffed against its first parent,
# so it lists what it brought into the main line; --date-order puts children
# before parents, which `follow.py` relies on; --raw --no-abbrev gives each change's
# full blob ids, so a past revision is known to equal the work tree without
# asking git (AIMS901 reads fewer); the rest neutralise user config
# that would change the output (signatures, mailmap-less names, relative paths).
LOG_ARGS = (
    "-z", "--raw", "--no-abbrev", "-M", "--diff-merges=first-parent", "--date-order",
    "--no-show-signature", "--no-relative", "--no-color", "--encoding=UTF-8",
    f"--format={LOG_FORMAT}",
)
FETCH_HINT = "fetch the full history (actions/checkout: fetch-depth: 0; or git fetch --unshallow)"


def open_repo(root: Path) -> Git:
    """The repository that holds `root` (which may be a subfolder of it)."""
    if _certainly_outside(root):
        # A few stat calls already say it: no git process for a plain folder.
        if shutil.which("git") is None:
            raise HistoryUnavailable(NOT_INSTALLED)
        raise HistoryUnavailable(f"{root} is not inside a git repository")
    if not root.is_dir():
        raise HistoryUnavailable(f"{root} is not inside a git repository")
    try:
        top = run_in(root, "rev-parse", "--show-toplevel")
    except HistoryUnavailable as exc:
        raise _why_no_work_tree(root, exc) from None
    toplevel = Path(os.fsdecode(top.rstrip(b"\n"))).resolve()
    try:
        rel = root.resolve().relative_to(toplevel).as_posix()
    except ValueError:  # e.g. GIT_DIR or GIT_WORK_TREE point somewhere else
        raise HistoryUnavailable(f"{root} is outside the work tree of {toplevel}") from None
    return Git(toplevel, "" if rel == "." else rel + "/")


def _why_no_work_tree(root: Path, failed: HistoryUnavailable) -> HistoryUnavailable:
    """`--show-toplevel` failed: outside any repository, in a bare one, or something else."""
    if "not a git repository" in str(failed):
        return HistoryUnavailable(f"{root} is not inside a git repository")
    try:
        bare = run_in(root, "rev-parse", "--is-bare-repository").strip() == b"true"
    except HistoryUnavailable:
        bare = False
    if bare or "must be run in a work tree" in str(failed):
        return HistoryUnavailable(f"{root} is in a bare repository; history needs a work tree")
    return failed


def _certainly_outside(root: Path) -> bool:
    """True when no folder from `root` up holds a `.git` (folder or file) or is itself a git folder.

    Anything unusual (git settings in the environment, a folder that cannot be
    looked at, a missing root) answers False, so git itself decides.
    """
    if any(name in os.environ for name in _GIT_ENVIRONMENT):
        return False
    try:
        if not root.is_dir():
            return False
        chains = {root.absolute(), root.resolve()}
        for folder in chains:
            for place in (folder, *folder.parents):
                if any(os.path.lexists(place / name) for name in (".git", "HEAD")):
                    return False
    except OSError:
        return False
    return True


# Variables that change where git looks for the repository.
_GIT_ENVIRONMENT = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY")


def check_complete(repo: Git) -> None:
    """Refuse a shallow clone: its history stops at the cut and would look like creation."""
    if repo.text("rev-parse", "--is-shallow-repository").strip() == "true":
        raise HistoryUnavailable(
            f"the repository is a shallow clone, so its history is incomplete; {FETCH_HINT}"
        )


def resolve(repo: Git, rev: str) -> str | None:
    """The commit id `rev` names; None when HEAD has no commits yet; unavailable if unknown."""
    if rev.startswith("-"):
        raise HistoryUnavailable(f"'{rev}' is not a revision")
    try:
        return repo.text("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except HistoryUnavailable:
        if rev == "HEAD":  # an unborn branch: nothing committed yet
            return None
        raise HistoryUnavailable(f"revision '{rev}' not found; {FETCH_HINT}") from None


def read_log(repo: Git, commit: str) -> bytes:
    """The whole log output at once (tests and tools; `stream_log` is what history uses)."""
    return repo.run("log", *LOG_ARGS, commit, "--")


def stream_log(repo: Git, commit: str) -> Iterator[bytes]:
    """The same log's output in chunks as git writes it, so parsing runs alongside git."""
    return repo.stream("log", *LOG_ARGS, commit, "--")


def read_files(repo: Git, commit: str, paths: Iterable[str]) -> dict[str, bytes]:
    """Files' bytes at a commit (paths relative to the aims root), in one git process.

    A path that did not exist there (or is not a file) is left out. A name
    with a newline cannot be asked for (cat-file reads names line by line),
    nor one that is not valid UTF-8: both have always read as absent.
    """
    asked = [p for p in dict.fromkeys(paths) if askable(p)]
    names = {f"{commit}:{repo.prefix}{path}": path for path in asked}
    return {names[name]: data for name, data in repo.objects(names) if data is not None}


def askable(path: str) -> bool:
    """Whether `cat-file --batch` can be asked for this path by name."""
    if "\n" in path:
        return False
    try:
        path.encode()
    except UnicodeEncodeError:
        return False
    return True

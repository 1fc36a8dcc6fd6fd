"""The only place that talks to git: open the repository, check it is complete, read the log.

One `git log` process reads the whole history (GitPython runs it); contents
of past revisions come from GitPython's one persistent `git cat-file` process.
Nothing here runs git once per file, and nothing uses `--follow` (it guesses
renames between near-identical templated documents; `follow.py` tracks
renames from the single pass instead).

Every way history can be missing becomes a `HistoryUnavailable` with a reason
a person can act on; the caller turns it into one finding (AIMS907).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

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
_CHUNK = 1 << 16
FETCH_HINT = "fetch the full history (actions/checkout: fetch-depth: 0; or git fetch --unshallow)"


class HistoryUnavailable(Exception):
    """Git history cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class GitRepo:
    repo: Any  # git.Repo (GitPython ships no type hints mypy can use)
    toplevel: Path
    prefix: str  # the aims root relative to the top level, "" or ending in "/"

    def git(self, *args: str) -> str:
        out = self._run(args, as_text=True)
        return out if isinstance(out, str) else out.decode("utf-8", "replace")

    def git_bytes(self, *args: str) -> bytes:
        out = self._run(args, as_text=False)
        return out if isinstance(out, bytes) else out.encode("utf-8")

    def start(self, *args: str, **options: Any) -> Any:
        """A running git process (GitPython's handle) whose output the caller reads."""
        from git.exc import GitCommandNotFound

        command, *rest = args
        try:
            return getattr(self.repo.git, command)(*rest, as_process=True, **options)
        except GitCommandNotFound:
            raise HistoryUnavailable("git is not installed or not on PATH") from None

    def feed(self, *args: str, data: bytes) -> bytes:
        """Run git with `data` on its standard input; its whole output.

        Input is written while output is read (`communicate`), so a long
        request list never stalls on a full pipe.
        """
        import subprocess

        handle = self.start(*args, istream=subprocess.PIPE)
        out, err = handle.proc.communicate(data)
        if handle.proc.returncode != 0:
            raise HistoryUnavailable(f"git {args[0]} failed: {_first_line(err)}")
        return bytes(out)

    def _run(self, args: tuple[str, ...], *, as_text: bool) -> str | bytes:
        from git.exc import GitCommandError, GitCommandNotFound

        command, *rest = args
        try:
            result: str | bytes = getattr(self.repo.git, command)(*rest, stdout_as_string=as_text)
        except GitCommandNotFound:
            raise HistoryUnavailable("git is not installed or not on PATH") from None
        except GitCommandError as exc:
            raise HistoryUnavailable(f"git {command} failed: {_first_line(exc.stderr)}") from None
        return result


def open_repo(root: Path) -> GitRepo:
    """The repository that holds `root` (which may be a subfolder of it)."""
    if _certainly_outside(root):
        # Importing GitPython costs about 35 ms (it also runs `git version`): not worth it
        # to learn what a few stat calls already say. Same answers as GitPython would give.
        if shutil.which("git") is None:
            raise HistoryUnavailable("git is not installed or not on PATH")
        raise HistoryUnavailable(f"{root} is not inside a git repository")
    try:
        import git
    except ImportError:  # GitPython refuses to import when it cannot find the git binary
        raise HistoryUnavailable("git is not installed or not on PATH") from None
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise HistoryUnavailable(f"{root} is not inside a git repository") from None
    if repo.bare or repo.working_tree_dir is None:
        raise HistoryUnavailable(f"{root} is in a bare repository; history needs a work tree")
    toplevel = Path(repo.working_tree_dir).resolve()
    try:
        rel = root.resolve().relative_to(toplevel).as_posix()
    except ValueError:  # e.g. GIT_DIR or GIT_WORK_TREE point somewhere else
        raise HistoryUnavailable(f"{root} is outside the work tree of {toplevel}") from None
    return GitRepo(repo, toplevel, "" if rel == "." else rel + "/")


def _certainly_outside(root: Path) -> bool:
    """True when no folder from `root` up holds a `.git` (folder or file) or is itself a git folder.

    Anything unusual (git settings in the environment, a folder that cannot be
    looked at, a missing root) answers False, so GitPython decides as before.
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


# Variables that change where git (or GitPython) looks for the repository or for git itself.
_GIT_ENVIRONMENT = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY",
                    "GIT_PYTHON_GIT_EXECUTABLE", "GIT_PYTHON_REFRESH")


def check_complete(repo: GitRepo) -> None:
    """Refuse a shallow clone: its history stops at the cut and would look like creation."""
    if repo.git("rev-parse", "--is-shallow-repository").strip() == "true":
        raise HistoryUnavailable(
            f"the repository is a shallow clone, so its history is incomplete; {FETCH_HINT}"
        )


def resolve(repo: GitRepo, rev: str) -> str | None:
    """The commit id `rev` names; None when HEAD has no commits yet; unavailable if unknown."""
    if rev == "HEAD" and not repo.repo.head.is_valid():
        return None
    if rev.startswith("-"):
        raise HistoryUnavailable(f"'{rev}' is not a revision")
    try:
        return repo.git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except HistoryUnavailable:
        raise HistoryUnavailable(f"revision '{rev}' not found; {FETCH_HINT}") from None


def read_log(repo: GitRepo, commit: str) -> bytes:
    """The whole log output at once (tests and tools; `stream_log` is what history uses)."""
    return repo.git_bytes("log", *LOG_ARGS, commit, "--")


def stream_log(repo: GitRepo, commit: str) -> Iterator[bytes]:
    """The same log's output in chunks as git writes it, so parsing runs alongside git.

    stderr is drained by a thread: a long run of warnings (e.g. skipped inexact
    rename detection in huge commits) must not fill its pipe and stall git.
    """
    handle = repo.start("log", *LOG_ARGS, commit, "--")
    errors: list[bytes] = []
    drain = threading.Thread(target=lambda: errors.append(handle.proc.stderr.read()), daemon=True)
    drain.start()
    finished = False
    try:
        yield from iter(partial(handle.proc.stdout.read1, _CHUNK), b"")
        finished = True
    finally:
        if not finished:
            handle.proc.kill()  # the reader gave up early: do not leave git running
        status = handle.proc.wait()
        drain.join()
    if status != 0:
        raise HistoryUnavailable(f"git log failed: {_first_line(b''.join(errors))}")


def read_blob(repo: GitRepo, commit: str, path: str) -> bytes | None:
    """A file's bytes at a commit, or None when it did not exist there."""
    if "\n" in path:  # cat-file reads names line by line; such a name cannot be asked for
        return None
    try:
        _, kind, _, data = repo.repo.git.get_object_data(f"{commit}:{repo.prefix}{path}")
    except ValueError:
        return None
    return bytes(data) if kind == b"blob" else None


def _first_line(stderr: object) -> str:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else str(stderr or "")
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    line = lines[0] if lines else "no details"
    return line.removeprefix("stderr: ").strip("'").strip()

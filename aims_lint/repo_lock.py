"""One lock per repository for every command that edits or creates documents.

Two `aims-lint review` runs on one file, or two `aims-lint new` runs taking
the next free id, must not both act on what they read before the other wrote.
Each such command holds `repository_lock(root)` from reading the documents to
writing its file, so aims-lint writers take turns. The lock is an advisory
`flock` on a file inside the git folder (`.git/aims-lint.lock`, nothing in the
work tree), or in the temporary folder for a repository without git; the
operating system drops it when the process ends, however it ends.

An editor or another tool does not take the lock. So under the lock a command
still checks, with `replace_if_unchanged`, that the file holds the bytes it
read: if someone got there first it redoes its edit once on the new content,
and if the file changes again meanwhile it gives up with `EditConflict`
(exit 2) rather than overwrite that change.

Usage, for any command that edits documents:

    with repository_lock(settings.root):
        before = path.read_bytes()
        ...decide...
        replace_if_unchanged(path, before, lambda current: edit(current))
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from aims_lint.atomic import WriteRefused, write_atomic

LOCK_NAME = "aims-lint.lock"
WAIT_SECONDS = 120.0  # a review of a 10,000-document repository takes a few seconds
_POLL = 0.05


class EditConflict(WriteRefused):
    """The file kept changing under the command, or the lock never came free: exit 2."""


@contextmanager
def repository_lock(root: Path, *, wait: float | None = None) -> Iterator[Path]:
    """Hold the repository's edit lock for the block; yields the lock file's path.

    Waits up to `wait` seconds (default WAIT_SECONDS) for another holder, then
    raises EditConflict.
    """
    wait = WAIT_SECONDS if wait is None else wait
    path = lock_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(descriptor, path, wait)
        try:
            yield path
        finally:
            _release(descriptor)
    finally:
        os.close(descriptor)


def replace_if_unchanged(path: Path, read: bytes, change: Callable[[bytes], bytes]) -> bytes:
    """Write `change(read)` over `path` if it still holds `read`; returns the bytes written.

    Call it under `repository_lock`. If the file changed since it was read, the
    change is made once more on the new content; if it changes again before
    that can be written, nothing is written and `EditConflict` says so.
    `change` may raise to refuse the new content (e.g. it no longer parses).
    """
    expected = read
    for _attempt in range(2):
        current = path.read_bytes()
        if current != expected:
            expected = current  # another writer got there first: redo the edit on its result
            continue
        new = change(expected)
        if path.read_bytes() != expected:  # changed while the edit was made
            expected = path.read_bytes()
            continue
        write_atomic(path, new)
        return new
    raise EditConflict(
        f"{path} was changed by another program while aims-lint edited it, twice; "
        "nothing was written. Run the command again."
    )


def lock_path(root: Path) -> Path:
    """`.git/aims-lint.lock` (the common git folder of a worktree), else one in the temp folder."""
    git_dir = _git_dir(root)
    if git_dir is not None:
        return git_dir / LOCK_NAME
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"aims-lint-{digest}.lock"


def _git_dir(root: Path) -> Path | None:
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    if dot_git.is_file():  # a linked worktree: `gitdir: <path>`, whose commondir is shared
        try:
            line = dot_git.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if line.startswith("gitdir:"):
            folder = (root / line.removeprefix("gitdir:").strip()).resolve()
            common = folder / "commondir"
            try:
                return (folder / common.read_text(encoding="utf-8").strip()).resolve()
            except (OSError, UnicodeDecodeError):
                return folder if folder.is_dir() else None
    return None


def _acquire(descriptor: int, path: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    while not _try_lock(descriptor):
        if time.monotonic() >= deadline:
            raise EditConflict(
                f"another aims-lint command has held the repository lock ({path}) for {wait:.0f} s; "
                "wait for it to finish and run the command again"
            )
        time.sleep(_POLL)


if sys.platform == "win32":  # pragma: no cover - exercised only on Windows
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)

"""The one way aims-lint writes a file: whole or not at all, and never over what is not its own.

Every writer (document edits, new documents, reports, exports, the evidence
zip, the rendered site source, CODEOWNERS) goes through `write_atomic`: the
bytes go to a hidden temporary file beside the target (`.NAME.XXXX.tmp`, which
discovery never reads), are flushed to disk, and are renamed over the target,
so a reader sees the old file or the new one, never half of one. With
`exclusive=True` the temporary file is linked into place instead, which fails
if the name exists: two runs cannot both create the same file.

`write_output` adds the overwrite rule for files a command produces: an
existing file is replaced only when it carries that format's signature (so it
was produced by aims-lint), or when the user passed `--force`. A device or a
named pipe (`--output /dev/null`, `/dev/stdout`, a FIFO) is written into, never
replaced: renaming over it would swap the device node for a regular file,
which for `/dev/null` breaks every program on the machine.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


class WriteRefused(Exception):
    """A write aims-lint will not do (not its file, not its folder, edited meanwhile): exit 2."""


def write_atomic(path: Path, data: bytes, *, exclusive: bool = False, durable: bool = True) -> None:
    """Replace (or, when `exclusive`, create) `path` so readers never see half a file.

    An existing file keeps its permissions; a new one gets what the umask allows.
    `exclusive` raises FileExistsError when the name is taken, even by a link.
    `durable=False` skips the flushes to disk, for output that is cheap to make
    again (the site source: thousands of pages, where one fsync each is slow).
    """
    if is_stream(path):  # never rename over a device or a pipe (write_output writes into them)
        raise WriteRefused(f"{path} is a device or a pipe, not a file aims-lint can replace")
    mode = _mode_of(path)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.chmod(temp, mode)
        if exclusive:
            _link_new(temp, path, data)
        else:
            os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    if durable:
        _fsync_dir(path.parent)


def _link_new(temp: str, path: Path, data: bytes) -> None:
    """Put `temp` at `path` only if the name is free: a hard link is atomic and exclusive."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: an exclusive create is still exclusive
        with path.open("xb") as out:
            out.write(data)
    os.unlink(temp)


def write_output(
    path: Path, data: bytes, *, ours: Callable[[bytes], bool], force: bool, option: str = "--out"
) -> None:
    """Write a command's output file, refusing to replace a file aims-lint did not produce."""
    check_output(path, ours=ours, force=force, option=option)
    if is_stream(path):
        with path.open("wb") as out:  # a device or a pipe: nothing to keep whole, nothing to replace
            out.write(data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)


def is_stream(path: Path) -> bool:
    """A character device or a named pipe (links followed): output goes into it, not over it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def check_output(path: Path, *, ours: Callable[[bytes], bool], force: bool, option: str = "--out") -> None:
    """Raise WriteRefused unless `path` is free, empty, or holds this format's output.

    `ours` recognises the format's signature in the bytes of an existing file.
    Commands call this before their work too, so a refusal comes first, not last.
    A folder is never replaced, not even with `force`.
    """
    if path.is_dir():
        raise WriteRefused(f"{path} is a folder; {option} names the file to write")
    if force or is_stream(path) or not (path.exists() or path.is_symlink()):
        return
    existing = _read_head(path)
    if existing is None or (existing and not ours(existing)):
        raise WriteRefused(
            f"refusing to overwrite {path}: it was not written by aims-lint "
            f"(pass --force to replace it, or choose another {option})"
        )


def _read_head(path: Path, limit: int = 64 * 1024 * 1024) -> bytes | None:
    """The file's bytes (None when it cannot be read as a regular file, e.g. a dangling link)."""
    try:
        if not path.is_file() or path.stat().st_size > limit:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:  # a new file: what open() would have given it
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms cannot open a folder; the rename is still atomic
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)

"""Running git: the small subprocess layer every git fact goes through.

Why not GitPython (used until issue 16): we only ever started git commands
with it, and paid for that. Importing it costs tens of milliseconds and runs
`git version` twice; its persistent `cat-file` process outlived the objects
that held it (so `History` needed a `close()` every caller had to remember);
and each use needed a workaround: a stat walk so a plain folder would not
import it, an ImportError to catch because it refuses to import without git
on PATH, its exceptions' stderr unpicked from a repr, output as str or bytes
depending on a flag. What we use is five things: run a command, feed it
input, stream its output, read objects in one `cat-file --batch`, and
`attempt` one whose failure is itself the answer (`verify-tag`); this
module does them with `subprocess`, as pre-commit does, and is tested on
real repositories (`tests/test_gitcmd.py`). Measured in the same run
against the GitPython version: `benchmarks/RESULTS.md`, "Start-up without
GitPython".

Every failure is a `HistoryUnavailable` whose message a person can act on:
git missing, a command that failed (its first line of stderr). Commands run
in the repository's top level with English messages (as GitPython ran them)
and nothing on standard input, so git never waits for a person.
"""

from __future__ import annotations

import io
import os
import subprocess
import threading
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, TypeVar

_CHUNK = 1 << 16
_T = TypeVar("_T")
NOT_INSTALLED = "git is not installed or not on PATH"


class HistoryUnavailable(Exception):
    """Git history cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class Outcome:
    """What a command that may fail said: its exit status, standard output and standard error."""

    status: int
    out: bytes
    err: bytes


@dataclass(frozen=True)
class Git:
    """Where git runs: a work tree's top level, and the aims root inside it.

    A value, not a connection: it holds no process, so anything holding it
    stays immutable and can be copied or pickled.
    """

    toplevel: Path
    prefix: str = ""  # the aims root relative to the top level, "" or ending in "/"

    def run(self, *args: str) -> bytes:
        """The command's standard output; HistoryUnavailable when it fails."""
        return run_in(self.toplevel, *args)

    def text(self, *args: str) -> str:
        return self.run(*args).decode("utf-8", "replace")

    def feed(self, *args: str, data: bytes) -> bytes:
        """Run with `data` on standard input (written while output is read, so no pipe fills up)."""
        with _start(self.toplevel, args, stdin=True) as proc:
            out, err = proc.communicate(data)
        _check(args, proc.returncode, err)
        return out

    def attempt(self, *args: str, data: bytes = b"") -> Outcome:
        """Run and return the exit status with both outputs, never raising for a failed command:
        for commands whose failure is itself the answer (`verify-tag` on a bad signature)."""
        with _start(self.toplevel, args, stdin=True) as proc:
            out, err = proc.communicate(data)
        return Outcome(proc.returncode, out, err)

    def stream(self, *args: str) -> Iterator[bytes]:
        """The output in chunks as git writes it; git is stopped if the reader gives up early.

        stderr is drained by a thread: a long run of warnings (e.g. skipped inexact
        rename detection in huge commits) must not fill its pipe and stall git.
        """
        with _start(self.toplevel, args) as proc:
            assert isinstance(proc.stdout, io.BufferedReader) and proc.stderr is not None
            errors = _drain(proc.stderr)
            chunks = iter(partial(proc.stdout.read1, _CHUNK), b"")
            status = yield from _reaped(proc, chunks, errors)
        _check(args, status, errors.data)

    def objects(self, names: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
        """Each named object's bytes, in the order asked, from one `git cat-file --batch`.

        A name is an object id or `commit:path`. None when git has no such
        object, or when it is not a file (a tree, a submodule's commit). The
        requests are written by a thread while the answers are read, so any
        number of them streams through without a full pipe stopping either side.
        """
        wanted = list(names)
        if not wanted:
            return
        request = b"".join(os.fsencode(name) + b"\n" for name in wanted)
        with _start(self.toplevel, ("cat-file", "--batch"), stdin=True) as proc:
            assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
            writer = threading.Thread(target=_write, args=(proc.stdin, request), daemon=True)
            writer.start()
            errors = _drain(proc.stderr)
            stdout = proc.stdout
            answers = ((name, _answer(stdout, name, proc)) for name in wanted)
            status = yield from _reaped(proc, answers, writer, errors)
        _check(("cat-file",), status, errors.data)


def run_in(folder: Path, *args: str) -> bytes:
    with _start(folder, args) as proc:
        out, err = proc.communicate()
    _check(args, proc.returncode, err)
    return out


def _start(folder: Path, args: tuple[str, ...], *, stdin: bool = False) -> subprocess.Popen[bytes]:
    try:
        return subprocess.Popen(
            ["git", *args], cwd=folder, env=_environment(),
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
    except FileNotFoundError:
        if not folder.is_dir():
            raise HistoryUnavailable(f"{folder} is not a folder") from None
        raise HistoryUnavailable(NOT_INSTALLED) from None
    except OSError as exc:  # e.g. a `git` on PATH that cannot be executed
        raise HistoryUnavailable(f"cannot run git: {exc.strerror or exc}") from None


def _environment() -> dict[str, str]:
    # English messages whatever the user's locale, so the reasons we pass on read the same everywhere.
    return {**os.environ, "LC_ALL": "C", "LANGUAGE": "C"}


def _answer(out: IO[bytes], name: str, proc: subprocess.Popen[bytes]) -> bytes | None:
    header = out.readline()
    if not header.endswith(b"\n"):
        raise HistoryUnavailable(f"git cat-file stopped (status {proc.wait()}) before answering for {name!r}")
    fields = header.split()
    # Found: "<id> <type> <size>". Otherwise "<name> missing" or "<name> ambiguous", where the
    # name may hold spaces: no content follows, and the last word is never a number.
    if len(fields) != 3 or not fields[2].isdigit():
        return None
    size = int(fields[2])
    data = out.read(size + 1)[:size]  # the content is followed by a newline
    if len(data) != size:
        raise HistoryUnavailable(f"git cat-file stopped while sending {name!r}")
    return data if fields[1] == b"blob" else None


def _write(pipe: IO[bytes], data: bytes) -> None:
    try:
        pipe.write(data)
        pipe.close()
    except OSError:  # git died; its exit status and stderr say why
        pass


class _Drain(threading.Thread):
    def __init__(self, pipe: IO[bytes]) -> None:
        super().__init__(daemon=True)
        self.pipe = pipe
        self.data = b""

    def run(self) -> None:
        self.data = self.pipe.read()


def _reaped(
    proc: subprocess.Popen[bytes], items: Iterator[_T], *helpers: threading.Thread
) -> Generator[_T, None, int]:
    """`items` as the reader takes them, then git's exit status. A reader that stops early
    (or an error) stops git; either way git and the threads feeding or draining it are waited for."""
    finished = False
    try:
        yield from items
        finished = True
    finally:
        if not finished:
            proc.kill()
        status = proc.wait()
        for helper in helpers:
            helper.join()
    return status


def _drain(pipe: IO[bytes]) -> _Drain:
    drain = _Drain(pipe)
    drain.start()
    return drain


def _check(args: tuple[str, ...], status: int, stderr: bytes) -> None:
    if status != 0:
        raise HistoryUnavailable(f"git {_command(args)} failed: {first_line(stderr)}")


def _command(args: tuple[str, ...]) -> str:
    """The subcommand's name, past any `-c name=value` settings before it."""
    index = 0
    while index < len(args) - 1 and args[index] == "-c":
        index += 2
    return args[index] if args else "?"


def first_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[0] if lines else "no details"

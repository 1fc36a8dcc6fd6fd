"""The walk: every file under the scanned paths, visited once, read once, by the scanners that want it.

For each file the walk asks every scanner whether it `wants` it, by its path alone, so a file
no scanner wants is never opened. A wanted file is read once, as far as the most any of those
scanners needs (`Scanner.head_bytes`: a header for model files, None for the whole of a text
file), and the same `ScannedFile` goes to each of them. That is what keeps a 10,000-file tree
within seconds (benchmarks/bench_discover.py) and a 4 GB model file at a few bytes read.

What is never walked: the folders in `ALWAYS_SKIPPED` (version control, dependency caches,
virtual environments: what a project vendors is no evidence of its own use, and `node_modules`
alone can hold a hundred thousand files), a folder holding `OUTPUT_MARKER` (aims-lint's own
output, such as the built site), the configured `discover.exclude` globs,
and symbolic links inside the tree (a link may lead out of it, or round in a loop); a PATH
given as a link is followed. A file that cannot be
read, or that is larger than `discover.max_file_bytes` for a scanner that needs all of it, is
an `Unreadable` (AIMS1209), never an exception; so is a scanner that fails on one file.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from aims_lint.ai_usage.evidence import Unreadable, Use
from aims_lint.ai_usage.scanner import ScannedFile, Scanner
from aims_lint.ai_usage.signatures import Signatures

ALWAYS_SKIPPED = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".aims-lint-cache"})
# The marker aims-lint leaves in every folder it owns (aims_lint/owned_folder.py MARKER): the built
# site, the staged site source. Their pages quote the register's own evidence, which is no use of
# AI by the project; a project's own `site/` folder (a Django app, a static site's sources) is.
OUTPUT_MARKER = ".aims-lint-output.json"


@dataclass(frozen=True)
class Walked:
    """What one walk found, in walk order (sorted paths); run.py sorts the uses for output."""

    items: tuple[Use | Unreadable, ...]
    files: int  # files some scanner wanted (read, or tried), each counted once however many roots reach it
    visited: int = 0  # regular files visited, wanted or not (a `.env` is visited, never read)


def walk(
    roots: Sequence[str],
    scanners: Sequence[Scanner],
    signatures: Signatures,
    *,
    cwd: Path,
    exclude: Iterable[str] = (),
    max_file_bytes: int,
) -> Walked:
    """Scan every file under `roots` (paths as given, relative to `cwd` or absolute)."""
    excluded = _matcher(tuple(exclude))
    seen: set[str] = set()  # real paths, so `discover . src` reads src/ once
    items: list[Use | Unreadable] = []
    files = visited = 0
    for root in roots:
        for shown, real in _files(root, cwd, excluded, items):
            if real in seen:
                continue
            seen.add(real)
            visited += 1
            wanting = [s for s in scanners if s.wants(PurePosixPath(shown), signatures)]
            if wanting:
                files += 1
                items.extend(_scan(shown, real, wanting, signatures, max_file_bytes))
    return Walked(tuple(items), files, visited)


def _matcher(globs: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regular expression for every glob: a 10,000-file walk matches each path once, not per glob."""
    if not globs:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(glob)})" for glob in globs))


def _files(
    root: str, cwd: Path, excluded: re.Pattern[str] | None, problems: list[Use | Unreadable]
) -> Iterator[tuple[str, str]]:
    """(path as shown, real path) of every regular file under `root`, sorted, skipping what is not walked."""
    given = Path(root)
    start = given if given.is_absolute() else cwd / given
    shown_root = PurePosixPath(given.as_posix()).as_posix()  # normalised: `./app/` is shown as `app`
    try:
        mode = os.stat(start).st_mode  # a PATH given as a link is followed: someone named it
    except OSError as exc:
        problems.append(Unreadable(shown_root, 1, f"cannot be scanned: {_reason(exc)}"))
        return
    if stat.S_ISREG(mode):
        yield shown_root, os.path.realpath(start)
        return
    if not stat.S_ISDIR(mode):
        problems.append(Unreadable(shown_root, 1, "cannot be scanned: not a file or folder"))
        return
    real_root = os.path.realpath(start)
    stack = [""]  # folders relative to the root, posix
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(os.path.join(real_root, folder)) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            shown = _join(shown_root, folder)
            problems.append(Unreadable(shown, 1, f"folder cannot be read: {_reason(exc)}"))
            continue
        if folder and any(entry.name == OUTPUT_MARKER for entry in listed):
            continue  # aims-lint's own output; a PATH naming it (folder == "") is still walked
        subfolders = []
        for entry in listed:
            rel = f"{folder}/{entry.name}" if folder else entry.name
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in ALWAYS_SKIPPED and not _excluded(excluded, rel, folder=True):
                    subfolders.append(rel)
            elif entry.is_file(follow_symlinks=False) and not _excluded(excluded, rel):
                yield _join(shown_root, rel), os.path.join(real_root, rel)
        stack.extend(reversed(subfolders))  # depth first, in name order


def _excluded(excluded: re.Pattern[str] | None, rel: str, *, folder: bool = False) -> bool:
    # A folder is tested as `vendor` and as `vendor/`, so `vendor`, `vendor/**` and `vendor/*` all
    # leave the whole folder out.
    if excluded is None:
        return False
    return excluded.fullmatch(rel) is not None or (folder and excluded.fullmatch(rel + "/") is not None)


def _join(root: str, rel: str) -> str:
    """`root/rel` as shown; plain string work, since pathlib cost a third of a 10,000-file walk."""
    if not rel:
        return root
    return rel if root == "." else f"{root.rstrip('/')}/{rel}"


def _scan(
    shown: str, real: str, wanting: Sequence[Scanner], signatures: Signatures, max_file_bytes: int
) -> Iterator[Use | Unreadable]:
    """The file read once for the scanners that want it, and what each of them finds."""
    heads = [s.head_bytes for s in wanting]
    whole = any(h is None for h in heads)
    try:
        file = _read(shown, real, None if whole else max(h for h in heads if h is not None), max_file_bytes)
    except _TooLarge as exc:
        yield Unreadable(shown, 1, str(exc))
        return
    except OSError as exc:
        yield Unreadable(shown, 1, f"cannot be read: {_reason(exc)}")
        return
    said_not_text = False
    for scanner in wanting:
        if scanner.head_bytes is not None and len(file.data) > scanner.head_bytes:
            # Each scanner sees what it asked for: a header scanner never relies on more by chance.
            given = ScannedFile(file.path, file.data[: scanner.head_bytes], file.size, False)
        else:
            given = file
        try:
            for item in scanner.scan(given, signatures):
                if isinstance(item, Unreadable) and "not UTF-8 text" in item.message:
                    # A manifest is also configuration to the code scanner: one warning per file.
                    if said_not_text:
                        continue
                    said_not_text = True
                yield item
        except Exception as exc:  # a scanner's fault on one file must not end the run
            yield Unreadable(shown, 1, f"the {scanner.name} scanner failed: {type(exc).__name__}: {exc}")


class _TooLarge(Exception):
    pass


def _read(shown: str, real: str, head: int | None, max_file_bytes: int) -> ScannedFile:
    """The file's first `head` bytes (None: all of it, up to the cap), from one open and one read."""
    # O_NONBLOCK: a file replaced by a named pipe since the walk listed it must not hang the run.
    fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file")
        if head is None and info.st_size > max_file_bytes:
            raise _TooLarge(
                f"not read: {info.st_size:,} bytes is more than discover.max_file_bytes ({max_file_bytes:,})"
            )
        limit = head if head is not None else max_file_bytes
        data = handle.read(limit + 1)  # one byte more than allowed says the file grew past it
    if head is None and len(data) > max_file_bytes:
        raise _TooLarge(f"not read: it grew past discover.max_file_bytes ({max_file_bytes:,}) while read")
    data = data[:limit]
    return ScannedFile(shown, data, max(info.st_size, len(data)), len(data) >= info.st_size)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)

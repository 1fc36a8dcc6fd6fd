"""Folders aims-lint writes whole (the site source, the built site): only its own, marked as such.

`render` makes its output folder hold exactly the pages it renders, which means
deleting pages it rendered before; MkDocs empties `site_dir` before a build.
Pointed at the wrong folder, either would delete someone's files. So each such
folder carries a marker, `.aims-lint-output.json`, listing every file aims-lint
wrote there (and beside it: the navigation file), and:

- a folder is claimed only if it is new, empty, already marked, or holds
  nothing but an earlier version's output (recognised by the caller, adopted
  once, since earlier versions wrote no marker);
- the repository root, a folder holding or inside the documents, schemas,
  templates or `.git`, a folder holding a symbolic link, and any other
  non-empty folder are refused with `WriteRefused` (exit 2), naming the folder;
- only files the marker lists are ever deleted.

The marker's name starts with a dot, so MkDocs neither publishes it from the
source folder nor deletes it when it cleans `site_dir`.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from aims_lint.atomic import WriteRefused, write_atomic
from aims_lint.config import Settings
from aims_lint.discover import document_folders

MARKER = ".aims-lint-output.json"
FORMAT = "aims-lint output folder 1"


@dataclass(frozen=True)
class OwnedFolder:
    """A folder aims-lint may write: what it wrote there, and what is there now."""

    path: Path  # resolved
    shown: str  # for messages: relative to the repository when inside it
    listed: frozenset[str]  # files (POSIX, relative to the folder) aims-lint wrote, per the marker
    beside: frozenset[str]  # names next to the folder aims-lint wrote (the navigation file)
    present: frozenset[str]  # files in the folder now, the marker left out

    def record(self, files: Iterable[str], beside: Iterable[str] = ()) -> OwnedFolder:
        """Write the marker: these files (and names beside the folder) are aims-lint's."""
        listing = sorted(set(files) - {MARKER})
        names = sorted(set(beside))
        data = {"format": FORMAT, "files": listing, "beside": names}
        self.path.mkdir(parents=True, exist_ok=True)
        text = (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
        marker = self.path / MARKER
        # Unchanged, it is not rewritten: `mkdocs serve` watches the folder and would rebuild.
        if not marker.is_file() or marker.read_bytes() != text:
            write_atomic(marker, text, durable=False)
        return OwnedFolder(self.path, self.shown, frozenset(listing), frozenset(names), self.present)


def protected_folders(settings: Settings) -> list[tuple[Path, str]]:
    """The folders no output may replace, hold or sit inside, with what they hold."""
    root = settings.root
    found = [(root / p, "documents") for p in document_folders(settings)]
    found += [(root / settings.schemas, "schemas"), (root / "templates", "templates"), (root / ".git", "git")]
    return [(p.resolve(), what) for p, what in found]


def claim(
    folder: Path,
    settings: Settings,
    *,
    purpose: str,
    earlier_output: Callable[[Path, frozenset[str]], bool],
) -> OwnedFolder:
    """`folder` as aims-lint's own output folder, or WriteRefused saying why it is not.

    `earlier_output(folder, files)` says whether an unmarked folder holds nothing
    but what an earlier version wrote there; such a folder is adopted.
    """
    root = settings.root.resolve()
    target = folder.resolve()
    shown = _shown(target, root, folder)
    refuse = _refusal(shown, purpose)
    if target == root:
        raise refuse("it is the repository root")
    if root.is_relative_to(target):
        raise refuse("it holds the repository")
    for protected, what in protected_folders(settings):
        name = _shown(protected, root, protected)
        if target == protected or protected.is_relative_to(target):
            raise refuse(f"it holds {_what(what, name)}")
        if target.is_relative_to(protected):
            raise refuse(f"it is inside {name}/, which holds {_what(what, '')}".rstrip())
    if target.exists() and not target.is_dir():
        raise refuse("it exists and is not a folder")
    present = _files(target, refuse) if target.is_dir() else frozenset()
    marker = _read_marker(target / MARKER)
    if marker is not None:
        return OwnedFolder(target, shown, marker[0], marker[1], present - {MARKER})
    if (target / MARKER).exists():
        raise refuse(f"its {MARKER} is not one aims-lint wrote")
    if present and not earlier_output(target, present):
        raise refuse(
            f"it is not empty and aims-lint did not make it (it has no {MARKER}); "
            "choose a new or empty folder, or move its files away"
        )
    # New, empty, or an earlier version's output: adopt it, everything in it counts as written by us.
    return OwnedFolder(target, shown, present, frozenset(), present)


def remove_stale(owned: OwnedFolder, keep: set[str]) -> None:
    """Delete what the marker lists and `keep` does not, and folders left empty by that."""
    emptied: set[Path] = set()
    for rel in sorted(owned.listed - keep):
        path = owned.path / rel
        if path.is_file() and not path.is_symlink():
            path.unlink()
            emptied.update(p for p in path.parents if p.is_relative_to(owned.path) and p != owned.path)
    for folder in sorted(emptied, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # only an empty folder goes: nothing else is removed
            folder.rmdir()


def check_foreign(owned: OwnedFolder, wanted: Iterable[str]) -> None:
    """Refuse to overwrite a file in the folder that the marker does not list."""
    foreign = sorted(set(wanted) & (owned.present - owned.listed))
    if foreign:
        raise WriteRefused(
            f"refusing to overwrite {owned.shown}/{foreign[0]}: aims-lint did not write it "
            f"({len(foreign)} such file(s)); move it away"
        )


def _refusal(shown: str, purpose: str) -> Callable[[str], WriteRefused]:
    return lambda why: WriteRefused(f"refusing to {purpose} {shown}: {why}")


def _what(what: str, name: str) -> str:
    where = f" ({name}/)" if name else ""
    return {"git": f"a git repository{where}"}.get(what, f"{what}{where}")


def _files(target: Path, refuse: Callable[[str], WriteRefused]) -> frozenset[str]:
    """Every file below `target` (POSIX, relative); a link or a `.git` inside is refused."""
    found: set[str] = set()
    for folder, dirs, files in os.walk(target, followlinks=False):
        base = Path(folder)
        for name in (*dirs, *files):
            path = base / name
            rel = path.relative_to(target).as_posix()
            if name == ".git":
                raise refuse(f"it holds a git repository ({rel})")
            if path.is_symlink():
                raise refuse(f"it holds a symbolic link ({rel}); aims-lint does not write through links")
        found.update((base / name).relative_to(target).as_posix() for name in files)
    return frozenset(found)


def _read_marker(path: Path) -> tuple[frozenset[str], frozenset[str]] | None:
    if not path.is_file() or path.is_symlink():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    files, beside = data.get("files"), data.get("beside", [])
    if _names(files) and _names(beside):
        return frozenset(files), frozenset(beside)
    return None


def _names(value: object) -> TypeGuard[list[str]]:
    """A list of plain relative names: a marker cannot make us delete outside the folder."""
    return isinstance(value, list) and all(
        isinstance(v, str) and v and not v.startswith("/") and ".." not in v.split("/") and "\\" not in v
        for v in value
    )


def _shown(target: Path, root: Path, given: Path) -> str:
    return target.relative_to(root).as_posix() if target.is_relative_to(root) else str(given)

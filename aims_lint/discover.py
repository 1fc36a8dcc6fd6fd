"""Find the Markdown documents of the management system under the document folders.

The document folders are the ones the schemas claim (`x-aims.folders`), unless
the `paths` setting names others on purpose: `document_folders()` is the one
place that decides, and every stage that asks "is this a document?" (the
engine, history, adopt, the folders no output may replace) asks it.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from aims_lint.config import Settings
from aims_lint.schemas import SchemaSet, load_schemas


@dataclass(frozen=True)
class Candidate:
    path: str  # repo-relative, POSIX separators
    absolute: Path
    refused: str | None = None  # why the file is not read (e.g. a symlink leaving the repo)


def document_folders(settings: Settings, schemas: SchemaSet | None = None) -> tuple[str, ...]:
    """Where documents live: the `paths` setting when given, else every folder a schema claims.

    Derived from the schemas, a new type (a schema with `folders: [standards]`)
    is checked with no configuration change. `schemas` saves loading them again
    when the caller has them.
    """
    if settings.paths is not None:
        return settings.paths
    return (schemas or load_schemas(settings.root, settings.schemas)).folders


def is_candidate(path: str, folders: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    """Whether discovery would pick up the file at repo-relative `path` (it need not exist):
    a `*.md` file below a document folder, not in a hidden folder below it, not excluded."""
    parts = PurePosixPath(path).parts
    inside = any(_visible_below(PurePosixPath(folder).parts, parts) for folder in folders)
    return path.endswith(".md") and inside and not any(fnmatch.fnmatch(path, g) for g in exclude)


def _visible_below(folder: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    # What lies between the folder and the file name: discovery skips hidden folders there.
    between = parts[len(folder) : -1]
    return len(parts) > len(folder) and parts[: len(folder)] == folder and not any(
        p.startswith(".") for p in between
    )


def discover(root: Path, folders: tuple[str, ...], exclude: tuple[str, ...]) -> list[Candidate]:
    """Every `*.md` file below the folders, sorted; hidden folders are skipped."""
    root = root.resolve()
    found: list[Candidate] = []
    for folder in folders:
        base = root / folder
        if not base.is_dir():
            continue
        if not _inside(root, base):
            found.append(Candidate(folder.strip("/"), base, f"folder {_LEAVES}"))
            continue
        for directory, subdirs, files in os.walk(base, followlinks=False):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
            found.extend(_linked_away(root, Path(directory), subdirs))
            for name in files:
                if name.endswith(".md"):
                    found.append(_candidate(root, Path(directory) / name))
    excluded = [c for c in found if any(fnmatch.fnmatch(c.path, g) for g in exclude)]
    return sorted(set(found) - set(excluded), key=lambda c: c.path)


_LEAVES = "symlink points outside the repository; refused (nothing below it is checked)"


def _inside(root: Path, path: Path) -> bool:
    # os.path.realpath, not Path.resolve(): on Python 3.11 resolve() raises
    # RuntimeError on a symlink loop, which would stop the whole run.
    return Path(os.path.realpath(path)).is_relative_to(root)


def _linked_away(root: Path, directory: Path, subdirs: list[str]) -> list[Candidate]:
    """Folder symlinks are never followed; one that leaves the repository is
    reported rather than skipped in silence, since its documents go unchecked."""
    links = (directory / name for name in subdirs)
    return [
        Candidate(link.relative_to(root).as_posix(), link, f"folder {_LEAVES}")
        for link in links
        if link.is_symlink() and not _inside(root, link)
    ]


def _candidate(root: Path, file: Path) -> Candidate:
    rel = file.relative_to(root).as_posix()
    if file.is_symlink() and not _inside(root, file):
        return Candidate(rel, file, "symlink points outside the repository; refused")
    # A broken link, a loop or a link to a non-file inside the repository is not
    # unsafe, just unreadable: load() reports it as unreadable-file.
    return Candidate(rel, file)

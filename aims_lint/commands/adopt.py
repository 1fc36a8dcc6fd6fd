"""`aims-lint adopt PATH...`: give existing Markdown files front matter, body untouched.

Files are taken one at a time, in path order; one that cannot be read or
adopted is reported on stderr and the others still go ahead (exit 2 at the
end). A file that already opens with front matter is skipped and never
rewritten, so running adopt twice changes nothing the second time. Ids and the
values the tool can know come from aims_lint/scaffold.py, as for `new` (one
above the highest id in use), counting the ids handed out earlier in the same
run. What the header fields mean is aims_lint/adopting.py's.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click

from aims_lint.adopting import (
    AdoptError,
    Header,
    adoptable,
    adopted_bytes,
    decode,
    first_heading,
    guess_type,
    has_front_matter,
    header_for,
)
from aims_lint.atomic import WriteRefused
from aims_lint.config import Settings
from aims_lint.corpus import Corpus
from aims_lint.discover import document_folders
from aims_lint.engine import build_context
from aims_lint.placeholders import MARKER
from aims_lint.repo_lock import replace_if_unchanged, repository_lock
from aims_lint.report.text import visible
from aims_lint.scaffold import NewRequest, known_values, template_values
from aims_lint.schemas import SchemaSet, TypeSchema


@dataclass(frozen=True)
class AdoptRequest:
    paths: tuple[Path, ...]
    owner: str | None = None
    approver: str | None = None
    doc_type: str | None = None  # overrides the guess from the folder


@dataclass
class _Tally:
    adopted: int = 0
    skipped: int = 0
    failed: int = 0


def run_adopt(settings: Settings, today: date, request: AdoptRequest) -> int:
    # One lock from reading the documents (the next free ids) to the last write, as `new` does.
    with repository_lock(settings.root):
        return _adopt_all(settings, today, request)


def _adopt_all(settings: Settings, today: date, request: AdoptRequest) -> int:
    ctx = build_context(settings, today)
    forced = _forced_type(ctx.schemas, request.doc_type)
    tally, taken = _Tally(), set[str]()
    folders = document_folders(settings, ctx.schemas)
    for rel, problem in _files(settings, folders, request.paths):
        try:
            if problem:
                raise AdoptError(problem)
            header = _adopt_one(settings, ctx.corpus, ctx.schemas, rel, forced, request, today, taken)
        except (AdoptError, WriteRefused) as exc:
            tally.failed += 1
            sys.stderr.write(f"aims-lint: cannot adopt {visible(rel)}: {exc}\n")
            continue
        if header is None:
            tally.skipped += 1
            sys.stdout.write(f"skipped {visible(rel)}: it already has front matter\n")
            continue
        tally.adopted += 1
        taken.add(str(header.fields["id"]))
        _report(rel, header)
    sys.stdout.write(f"adopted {tally.adopted}, skipped {tally.skipped}, could not adopt {tally.failed}\n")
    if tally.adopted:
        sys.stdout.write("next: replace each TODO placeholder, then run aims-lint check\n")
    return 2 if tally.failed else 0


def _adopt_one(settings: Settings, corpus: Corpus, schemas: SchemaSet, rel: str,
               forced: TypeSchema | None, request: AdoptRequest, today: date,
               taken: set[str]) -> Header | None:
    """The header written to `rel`, or None when the file already had front matter."""
    path = settings.root / rel
    raw = _read(path, settings.max_file_bytes)
    if has_front_matter(raw):
        return None
    text = decode(raw, settings.max_file_bytes)
    schema = forced or guess_type(schemas, rel)
    title = first_heading(text)
    scaffold = NewRequest(schema.type, title or "", request.owner, request.approver)
    values = template_values(corpus, schema, scaffold, today, taken)
    # An untitled file gets a placeholder for its title, not an empty one.
    header = header_for(schema, known_values(schema, values))
    _write(path, raw, header, settings.max_file_bytes)
    return header


def _write(path: Path, before: bytes, header: Header, max_bytes: int) -> None:
    """Put `header` in front of the file's bytes, under the repository lock.

    Another program may have changed the file since it was read: the header is
    then put in front of the new bytes once, unless they gained front matter.
    """

    def change(current: bytes) -> bytes:
        if has_front_matter(current):
            raise AdoptError("it gained front matter while being adopted; run adopt again")
        return adopted_bytes(current, header, max_bytes)

    replace_if_unchanged(path, before, change)


def _read(path: Path, max_bytes: int) -> bytes:
    """The file's bytes (one more than the limit at most); never through a symlink or a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise AdoptError("it is a symbolic link; adopt the file it points to") from None
        raise AdoptError(f"cannot read it: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise AdoptError("it is not a regular file")
        try:
            return handle.read(max_bytes + 1)
        except OSError as exc:
            raise AdoptError(f"cannot read it: {exc.strerror or exc}") from None


def _forced_type(schemas: SchemaSet, doc_type: str | None) -> TypeSchema | None:
    if doc_type is None:
        return None
    schema = schemas.by_type.get(doc_type)
    names = sorted(t for t, s in schemas.by_type.items() if adoptable(s))
    if schema is None or not adoptable(schema):
        raise click.UsageError(f"adopt cannot make a '{doc_type}'; --type is one of: {', '.join(names)}")
    return schema


def _files(
    settings: Settings, folders: tuple[str, ...], paths: tuple[Path, ...]
) -> Iterator[tuple[str, str | None]]:
    """(repo-relative path, why it cannot be adopted or None) for each file named or
    found below a folder named, sorted and each once."""
    found: dict[str, str | None] = {}
    for path in paths:
        found.update(_expand(settings, folders, path))
    yield from sorted(found.items())


def _expand(settings: Settings, folders: tuple[str, ...], path: Path) -> Iterator[tuple[str, str | None]]:
    root = settings.root
    # Folders resolved (the root is), the file itself not: a symlink must stay visible to be refused.
    normal = Path(os.path.abspath(path))
    absolute = normal.parent.resolve() / normal.name if normal.name else normal
    shown = path.as_posix()
    if not absolute.is_relative_to(root):
        yield shown, f"it is outside the repository {root}"
        return
    rel = absolute.relative_to(root).as_posix()
    if absolute.is_dir() and not absolute.is_symlink():
        # A folder stands for the documents below it, as `check` finds them: a README
        # beside them, or a file the configuration excludes, is not one.
        for directory, subdirs, names in os.walk(absolute, followlinks=False):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
            for name in names:
                found = (Path(directory) / name).relative_to(root).as_posix()
                if name.endswith(".md") and _is_document(settings, folders, found):
                    yield from _expand(settings, folders, Path(directory) / name)
        return
    if not absolute.exists() and not absolute.is_symlink():
        yield rel, "no such file"
    elif not rel.endswith(".md"):
        yield rel, "it is not a Markdown (.md) file"
    elif not any(_under(rel, folder) for folder in folders):
        yield rel, f"it is not under the document folders ({', '.join(folders)}; see paths)"
    elif not _is_document(settings, folders, rel):
        yield rel, "the configuration excludes it (see exclude), so check would never read it"
    else:
        yield rel, None


def _under(rel: str, folder: str) -> bool:
    return rel.startswith(folder.strip("/") + "/")


def _is_document(settings: Settings, folders: tuple[str, ...], rel: str) -> bool:
    inside = any(_under(rel, folder) for folder in folders)
    return inside and not any(fnmatch.fnmatch(rel, glob) for glob in settings.exclude)


def _report(rel: str, header: Header) -> None:
    title = header.fields.get("title")
    # The title and the path come from the file: shown escaped, so they cannot drive the terminal.
    shown = f' "{visible(str(title))}"' if title and title not in header.placeholders.values() else ""
    sys.stdout.write(f"adopted {visible(rel)} as {header.fields['type']} {header.fields['id']}{shown}\n")
    for name, placeholder in header.placeholders.items():
        sys.stdout.write(f"  to fill in: {name}: {placeholder.removeprefix(MARKER).strip()}\n")

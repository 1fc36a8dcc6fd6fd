"""What the history knows: commits, the changes they made, and each document's lineage.

Everything here is frozen: a history is read once per run and then only
looked at, by rules, the `history` command and the evidence bundle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

SHORT_SHA = 7  # what GitHub shows; fixed, so output never depends on the object count
Key = tuple[str, str]  # a past revision: (commit, path relative to the aims root)
# A revision a rule will read, with the blob id the log gave its file there
# ("" for no file; None when unknown, and then git is asked by commit and path).
Read = tuple[Key, str | None]


@dataclass(frozen=True)
class Person:
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name


@dataclass(frozen=True)
class Signature:
    """Who did something to a commit, and when (with the offset they recorded)."""

    person: Person
    when: datetime

    @property
    def day(self) -> date:
        return self.when.date()


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author: Signature
    committer: Signature
    subject: str
    message: str
    trailers: tuple[tuple[str, str], ...] = ()
    pr: int | None = None

    @property
    def short_sha(self) -> str:
        return self.sha[:SHORT_SHA]

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    @property
    def day(self) -> date:
        """The day the change entered the history (committer date, in its own offset)."""
        return self.committer.day

    def trailer_values(self, key: str) -> list[str]:
        wanted = key.casefold()
        return [value for name, value in self.trailers if name.casefold() == wanted]


@dataclass(frozen=True)
class Change:
    """One file in one commit, as `git log --name-status` lists it.

    `status` is the letter (A, M, D, R, C, T); `old_path` is set for renames and copies.
    """

    status: str
    path: str
    old_path: str | None = None
    score: int | None = None  # similarity of a rename or copy, 100 = identical content
    # The blob ids before (first parent, `before_path`) and after (this commit, `path`),
    # "" where there is no file (or a submodule); None when the listing did not give them.
    blobs: tuple[str, str] | None = field(default=None, compare=False, repr=False)

    @property
    def before_path(self) -> str | None:
        """Where the file was before the commit, or None when the commit created it."""
        if self.status in ("A", "C"):
            return None
        return self.old_path if self.status == "R" else self.path


@dataclass(frozen=True)
class FileChange:
    commit: Commit
    change: Change


@dataclass(frozen=True)
class FileHistory:
    """A document's commits, newest first, across every name it has had."""

    path: str
    changes: tuple[FileChange, ...] = ()
    previous_paths: tuple[str, ...] = ()  # older names, newest rename first
    alive: bool = True  # False for a lineage whose newest commit deleted it

    @property
    def commits(self) -> tuple[Commit, ...]:
        return tuple(fc.commit for fc in self.changes)

    @property
    def created(self) -> datetime | None:
        return self.changes[-1].commit.committer.when if self.changes else None

    @property
    def last_changed(self) -> datetime | None:
        return self.changes[0].commit.committer.when if self.changes else None

    @property
    def paths(self) -> tuple[str, ...]:
        return (self.path, *self.previous_paths)


@dataclass(frozen=True)
class Log:
    """The single pass over the log, indexed: commits by sha, lineages by current path."""

    head: str | None = None
    commits: dict[str, Commit] = field(default_factory=dict)
    files: dict[str, FileHistory] = field(default_factory=dict)  # alive lineages by path
    deleted: tuple[FileHistory, ...] = ()  # lineages that no longer exist at head

    def of(self, path: str) -> FileHistory:
        """A file's history; a file never committed has an empty one."""
        return self.files.get(path) or FileHistory(path)


@dataclass(frozen=True)
class Revision:
    """A document as it was at a commit: its front matter (None if unreadable) and body."""

    data: dict[str, Any] | None
    body: str = ""

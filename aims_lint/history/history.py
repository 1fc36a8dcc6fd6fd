"""What history-aware rules receive in `Context.history`: read-only facts, loaded before rules run.

A `History` is data and nothing else: the log read once per run, what
changed since the base (pull-request mode), why history is missing if it
is, and the past revisions of documents that the rules declared they will
read. It holds no process and no cache that fills up as it is asked: the
engine calls `with_revisions()` once, before any rule runs, with every read
the selected rules declare in their `revisions(ctx)`, and those are all in
one `git cat-file --batch`. Asking for a revision nobody declared is a bug in
the rule, so it raises `RevisionNotLoaded` instead of quietly running git.

Why loaded up front rather than a lazy reader handed to the rules
(issue 16, `benchmarks/RESULTS.md`, "History loaded before rules run"):
the rules that read revisions already knew everything they would ask for
from the log alone (AIMS901 read ahead in bulk, AIMS904 reads one revision
per deleted document), so loading first costs nothing extra; and a rule
that is a pure function of its `Context` needs no process to be closed,
can be tested without git, and can be cached.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from aims_lint.history.base import BaseChanges
from aims_lint.history.blobs import read_revisions
from aims_lint.history.forge_notes import NOTES_REF, read_notes
from aims_lint.history.gitcmd import Git, HistoryUnavailable
from aims_lint.history.model import FileHistory, Key, Log, Read, Revision
from aims_lint.history.proofs import ForgeRecord, SignatureCheck
from aims_lint.history.signatures import verify_signatures


class Revisions(Mapping[Key, Revision | None]):
    """Past revisions by (commit, path): read-only, and (unlike a mapping proxy) picklable."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[Key, Revision | None] | None = None) -> None:
        self._items = dict(items or {})

    def __getitem__(self, key: Key) -> Revision | None:
        return self._items[key]

    def __iter__(self) -> Iterator[Key]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


class RevisionNotLoaded(LookupError):
    """A rule asked for a revision it did not declare in `revisions(ctx)`."""


@dataclass(frozen=True)
class History:
    log: Log = field(default_factory=Log)
    problem: str | None = None  # why history could not be read; None when it was
    required: bool = False  # True when the run cannot do its job without history (--base)
    base: BaseChanges | None = None  # pull-request mode: what changed since the base
    # The past revisions loaded for the rules (read-only); see `with_revisions`.
    revisions: Revisions = field(default_factory=Revisions, repr=False, compare=False)
    # What git says of the SSH signatures on approval commits (and tags on them), by commit id:
    # loaded before rules run for the commits the approval rules name (`with_signatures`).
    signatures: Mapping[str, tuple[SignatureCheck, ...]] = field(default_factory=dict, repr=False,
                                                                  compare=False)
    # What the approvals workflow recorded of merged pull requests (refs/notes/aims-approvals),
    # by the commit each note is attached to (`with_forge`).
    forge: Mapping[str, ForgeRecord] = field(default_factory=dict, repr=False, compare=False)
    # The notes under that ref that are no record, and why (the rules say so rather than "none");
    # under "" when the notes could not be listed at all.
    forge_problems: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    # Which noted commits cover each commit: a merge's note covers what it brought in, a
    # rebase's note on its tip covers the commits it landed (`forge_records`).
    forge_covers: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False,
                                                        compare=False)
    # Where the revisions come from: a location, not a connection (no process is kept).
    source: Git | None = field(default=None, repr=False, compare=False)
    max_bytes: int = 1_048_576

    @property
    def available(self) -> bool:
        return self.problem is None

    def of(self, path: str) -> FileHistory:
        return self.log.of(path)

    def front_matter(self, commit: str, path: str) -> dict[str, Any] | None:
        """The front matter of `path` as of `commit`; None if absent there or unreadable."""
        revision = self._revision(commit, path)
        return None if revision is None else revision.data

    def snapshot(self, commit: str, path: str) -> tuple[dict[str, Any], str] | None:
        """Front matter and body of `path` as of `commit`; None if absent there or unreadable."""
        revision = self._revision(commit, path)
        return None if revision is None or revision.data is None else (revision.data, revision.body)

    def with_revisions(self, wanted: Iterable[Read], root: Path, current: Mapping[str, Revision],
                       max_bytes: int) -> History:
        """This history with the revisions `wanted` loaded too (one git process at most).

        `current` is what this run parsed from the documents below `root`, by
        path, with a size limit of `max_bytes`; a revision whose blob is that
        very file reuses it. Never raises: when git fails here, the history
        that comes back says why in `problem` (AIMS907 reports it).
        """
        reads = [read for read in dict.fromkeys(wanted) if read[0] not in self.revisions]
        if not reads or not self.available:
            return self
        if self.source is None:  # made without a repository (tests): nothing was there to read
            loaded: dict[Key, Revision | None] = dict.fromkeys((key for key, _ in reads), None)
        else:
            try:
                loaded = read_revisions(self.source, reads, root, current if max_bytes == self.max_bytes
                                        else {}, self.max_bytes)
            except (HistoryUnavailable, OSError) as exc:
                return replace(self, problem=f"cannot read past revisions of documents: {exc}")
        return replace(self, revisions=Revisions({**self.revisions, **loaded}))

    def with_signatures(self, commits: Iterable[str], allowed_signers: str) -> History:
        """This history with git's verdict on the SSH signatures of `commits` (and of the tags on
        them) against `allowed_signers` (the file's text), in `signatures`.

        One `git log` for all the commits, one `for-each-ref` for the tags, one `verify-tag`
        per signed tag on them (`signatures.py`). A commit verified earlier in this run is not
        verified again: the verdicts are cached here by commit id, for the one registry a run
        has. Never raises: a failure of git is an "unverifiable" verdict.
        """
        wanted = [c for c in dict.fromkeys(commits) if c not in self.signatures]
        if not wanted or not self.available:
            return self
        found: dict[str, tuple[SignatureCheck, ...]]
        if self.source is None:  # made without a repository (tests): nothing to verify against
            found = {c: (SignatureCheck(c, "unverifiable", detail="no repository to verify in"),)
                     for c in wanted}
        else:
            found = verify_signatures(self.source, wanted, allowed_signers)
        return replace(self, signatures={**self.signatures, **found})

    def with_forge(self) -> History:
        """This history with the notes under refs/notes/aims-approvals read into `forge`.

        One `git notes` listing and one `cat-file --batch` (`forge_notes.py`). A note that is
        not a valid record is left out of `forge` and its reason put in `forge_problems`.
        Never raises: when git cannot list the notes, `forge_problems[""]` says why (the rest
        of the history stays usable; only the forge level misses its evidence).
        """
        if not self.available or self.source is None:
            return self
        try:
            notes = read_notes(self.source, self.log)
        except (HistoryUnavailable, OSError) as exc:
            return replace(self, forge_problems={"": f"cannot read {NOTES_REF}: {exc}"})
        return replace(self, forge=notes.records, forge_problems=notes.problems,
                       forge_covers=notes.covers)

    def forge_records(self, commit: str) -> tuple[ForgeRecord, ...]:
        """The records of the pull requests that landed `commit`, the first merge first."""
        noted = self.forge_covers.get(commit) or ((commit,) if commit in self.forge else ())
        return tuple(self.forge[sha] for sha in noted if sha in self.forge)

    def _revision(self, commit: str, path: str) -> Revision | None:
        try:
            return self.revisions[(commit, path)]
        except KeyError:
            raise RevisionNotLoaded(
                f"revision {commit[:12]}:{path} was not loaded; a rule reads only what its "
                "revisions(ctx) declares (the engine loads it before rules run)"
            ) from None

"""What history-aware rules receive in `Context.history`: the log, and why it may be missing.

Rules never run git. They look at the log read once per run, and ask for the
front matter of a document at a commit the log listed; that answer comes
from git's object store (immutable, so the same question always gets the same
answer) through the persistent reader opened when the history was loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aims_lint.frontmatter import parse
from aims_lint.history.base import BaseChanges
from aims_lint.history.blobs import read_ahead
from aims_lint.history.gitlog import GitRepo, read_blob
from aims_lint.history.model import FileHistory, Log


@dataclass(frozen=True)
class History:
    log: Log = field(default_factory=Log)
    problem: str | None = None  # why history could not be read; None when it was
    required: bool = False  # True when the run cannot do its job without history (--base)
    base: BaseChanges | None = None  # pull-request mode: what changed since the base
    repo: GitRepo | None = field(default=None, repr=False, compare=False)
    max_bytes: int = 1_048_576
    _cache: dict[tuple[str, str], dict[str, Any] | None] = field(
        default_factory=dict, repr=False, compare=False
    )
    _ahead: dict[tuple[str, str], str] = field(default_factory=dict, repr=False, compare=False)
    _blobs: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)

    @property
    def available(self) -> bool:
        return self.problem is None

    def of(self, path: str) -> FileHistory:
        return self.log.of(path)

    def front_matter(self, commit: str, path: str) -> dict[str, Any] | None:
        """The front matter of `path` as of `commit`; None if absent there or unreadable."""
        key = (commit, path)
        if key not in self._cache:
            self._cache[key] = self._read(commit, path)
        return self._cache[key]

    def read_ahead(self, keys: Iterable[tuple[tuple[str, str], str]],
                   current: Mapping[str, dict[str, Any] | None], max_bytes: int) -> None:
        """Fetch the revisions `front_matter` will be asked for, in one git process at most.

        `keys` are (commit, path) with the blob id the log gave (see `Change.blobs`).
        `current` is the front matter this run parsed from the work tree, by
        path, with a limit of `max_bytes`; a revision whose blob is that very
        file reuses it. Only an optimisation: if anything fails, nothing is
        kept, and `front_matter` reads each revision on its own as before.
        """
        if self.repo is None:
            return
        wanted = [(key, oid) for key, oid in dict.fromkeys(keys) if key not in self._cache]
        try:
            found = read_ahead(self.repo, wanted, current if max_bytes == self.max_bytes else {},
                               self.max_bytes)
        except Exception:  # a git or pipe failure: the one-by-one path still works
            return
        known, ahead, blobs = found
        self._cache.update(known)
        self._ahead.update(ahead)
        self._blobs.update(blobs)

    def snapshot(self, commit: str, path: str) -> tuple[dict[str, Any], str] | None:
        """Front matter and body of `path` as of `commit`; None if absent there or unreadable.

        Asked only for the few changes a rule must look at closely, so it is not cached.
        """
        raw = self._raw(commit, path)
        parsed = parse(raw, max_bytes=self.max_bytes) if raw is not None else None
        return None if parsed is None or parsed.data is None else (parsed.data, parsed.body)

    def _read(self, commit: str, path: str) -> dict[str, Any] | None:
        raw = self._raw(commit, path)
        return None if raw is None else parse(raw, max_bytes=self.max_bytes).data

    def _raw(self, commit: str, path: str) -> bytes | None:
        oid = self._ahead.get((commit, path))
        if oid is not None:
            return self._blobs[oid]
        return read_blob(self.repo, commit, path) if self.repo is not None else None

    def close(self) -> None:
        """Stop the persistent git reader (GitPython keeps one `cat-file` process per repository)."""
        if self.repo is not None:
            self.repo.repo.close()

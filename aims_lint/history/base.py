"""Pull-request mode: what changed in the work tree since the branch left the base.

The comparison starts at the merge base of the base revision and HEAD (the
three-dot diff a pull request shows), so changes that landed on the base
branch meanwhile are not blamed on this branch. One `git diff -M` against the
work tree gives modified, renamed and deleted documents (git applies its
line-ending filters, so a CRLF checkout is not "changed"); one `git ls-files`
adds documents that are new and not yet tracked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aims_lint.frontmatter import parse
from aims_lint.history.gitcmd import Git, HistoryUnavailable
from aims_lint.history.gitlog import read_files, resolve
from aims_lint.history.model import Change
from aims_lint.history.parse import parse_changes
from aims_lint.history.review_only import review_only

if TYPE_CHECKING:
    from aims_lint.document import SourceFile
    from aims_lint.model import Document


@dataclass(frozen=True)
class BaseDoc:
    """A document as it was at the base: where, and its front matter ({} if unreadable)."""

    path: str
    data: dict[str, Any]
    body: str = ""


@dataclass(frozen=True)
class BaseChanges:
    rev: str  # as the user named it
    commit: str  # the merge base the comparison starts from
    changed: dict[str, BaseDoc]  # current path -> the document at the base (content differs)
    renamed: dict[str, str]  # current path -> base path, content unchanged
    added: frozenset[str]  # current paths that did not exist at the base
    deleted: tuple[BaseDoc, ...]  # documents at the base that are gone (not renamed)

    def edited(
        self, typed: Iterable[tuple[SourceFile, Document]]
    ) -> Iterator[tuple[SourceFile, Document, BaseDoc]]:
        """Documents whose content changed since the base, other than by recording a periodic review."""
        for source, doc in typed:
            before = self.changed.get(source.path)
            if before is None:
                continue
            if not review_only((before.data, before.body), (source.data, source.parsed.body)):
                yield source, doc, before


def compare(repo: Git, rev: str, folders: tuple[str, ...], is_document: Callable[[str], bool],
            max_bytes: int) -> BaseChanges:
    start = _merge_base(repo, rev)
    specs = [f"{repo.prefix}{folder}" for folder in folders]
    diff = repo.run("diff", "-z", "--name-status", "-M", "--no-relative", "--no-color",
                          start, "--", *specs)
    untracked = repo.run("ls-files", "-z", "--others", "--exclude-standard", "--full-name",
                               "--", *specs)
    changes = [c for c in parse_changes(diff, repo.prefix) if is_document(c.path)]
    new = {c.path for c in changes if c.status in ("A", "C")}
    new |= {p for p in _paths(untracked, repo.prefix) if is_document(p)}

    edited = [c for c in changes if _edited(c)]
    deleted = [c for c in changes if c.status == "D"]
    # One git process for every document the comparison looks at, as it was at the base.
    at_base = read_files(repo, start, [*(c.before_path or c.path for c in edited),
                                       *(c.path for c in deleted)])

    def base_doc(path: str) -> BaseDoc:
        raw = at_base.get(path)
        parsed = parse(raw, max_bytes=max_bytes) if raw is not None else None
        return BaseDoc(path, (parsed.data if parsed else None) or {}, parsed.body if parsed else "")

    return BaseChanges(
        rev, start,
        changed={c.path: base_doc(c.before_path or c.path) for c in edited},
        renamed={c.path: c.old_path for c in changes if c.status == "R" and c.old_path and not _edited(c)},
        added=frozenset(new),
        deleted=tuple(base_doc(c.path) for c in deleted),
    )


def _edited(change: Change) -> bool:
    """Modified in place, or renamed with changes (R100 is a pure rename)."""
    return change.status in ("M", "T") or (change.status == "R" and change.score != 100)


def _merge_base(repo: Git, rev: str) -> str:
    base = resolve(repo, rev)
    head = resolve(repo, "HEAD")
    if base is None or head is None:
        raise HistoryUnavailable("the repository has no commits yet; there is no base to compare with")
    try:
        return repo.text("merge-base", base, head).strip() or base
    except HistoryUnavailable:  # unrelated histories: compare with the base itself
        return base


def _paths(raw: bytes, prefix: str) -> list[str]:
    names = [os.fsdecode(p) for p in raw.split(b"\0") if p]
    return [n[len(prefix):] for n in names if n.startswith(prefix)]

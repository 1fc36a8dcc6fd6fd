"""A document's revision history read as document control: each commit's version, what it changed,
and, for the commits that recorded an approval, what backs it.

`build()` turns one lineage (`FileHistory`) into a `DocumentRecord`: one
`Row` per commit, newest first like the lineage, with the version the
document had after it, the kind of change it made and the `Evidence` of
the approval it recorded. A commit that did not change what the document
says is marked so: a rename, a formatting change, the record of a review,
or the record of an approval. A commit that changed other front-matter
fields and not the body is marked "front matter changed" with the fields
named, but never "content unchanged": front matter holds substance too (an
SoA's entries, an assessment's risks, an owner), the same notion of content
`history/content.py` gives the reassessment rule.

The revisions compared are those `approvals.events.reads` names; `prepared()`
loads them (one `git cat-file --batch`), the signature verdicts and the
forge notes of the approval commits, once per run, for the site, the
`history` command and the evidence bundle. A history whose revisions were
not loaded still gives a record, with every kind "unknown" and no
approvals, never an exception.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from aims_lint.approvals.describe import Evidence, Proofs, evidence
from aims_lint.approvals.events import approval_events, reads
from aims_lint.approvals.trust import registry_reads, with_trusted_signatures
from aims_lint.corpus import Corpus
from aims_lint.history import History, Revision, RevisionNotLoaded
from aims_lint.history.content import APPROVAL_FIELDS
from aims_lint.history.model import FileChange, FileHistory
from aims_lint.history.review_only import REVIEW_FIELDS
from aims_lint.model import Role

Kind = Literal["created", "edited", "approval", "review", "front-matter", "renamed", "unchanged",
               "deleted", "unknown"]
# The kinds that leave what the document says as it was. "front-matter" is not one of them: only
# the review and approval fields are bookkeeping (history/content.py), the rest is what it says.
CONTENT_UNCHANGED: frozenset[Kind] = frozenset({"approval", "review", "renamed", "unchanged"})


@dataclass(frozen=True)
class Row:
    change: FileChange
    kind: Kind = "unknown"
    version: str | None = None  # the version the document had after the commit
    status: str | None = None  # its status after the commit
    fields: tuple[str, ...] = ()  # front-matter fields the commit changed (sorted), when the body did not
    approval: Evidence | None = None  # the approval this commit recorded

    @property
    def content_changed(self) -> bool | None:
        """False when the commit left the document's text and substance as they were; None unknown."""
        if self.kind in CONTENT_UNCHANGED:
            return False
        return None if self.kind in ("unknown", "deleted") else True

    @property
    def note(self) -> str:
        """How the row is marked when the commit changed no content, or the front matter alone."""
        change = self.change.change
        renamed = f"renamed from {change.old_path}" if change.status == "R" and change.old_path else ""
        listed = ", ".join(self.fields)
        # A merge records nothing itself when a branch commit did: it brings that record in.
        recorded = "brought in by the merge" if self.change.commit.is_merge else "recorded"
        words = {
            "renamed": renamed or "renamed",
            "unchanged": "formatting only",
            "review": f"review {recorded} ({listed})",
            "approval": f"approval {recorded} ({listed})",
        }.get(self.kind)
        if self.kind == "front-matter":
            return f"front matter changed ({listed}), body unchanged"
        return f"content unchanged: {words}" if words else ""


@dataclass(frozen=True)
class DocumentRecord:
    path: str
    rows: tuple[Row, ...] = ()  # newest first, one for each change of the lineage

    @property
    def approvals(self) -> tuple[Evidence, ...]:
        """The approved versions, oldest first."""
        return tuple(row.approval for row in reversed(self.rows) if row.approval is not None)


def plain(file: FileHistory) -> DocumentRecord:
    """A record without revisions: every kind unknown but deletions and exact renames."""
    return DocumentRecord(file.path, tuple(Row(fc, _plain_kind(fc)) for fc in file.changes))


def build(history: History, file: FileHistory, roles: Mapping[str, Role], proofs: Proofs) -> DocumentRecord:
    view = _viewing(history, file)
    try:
        events = {(e.commit.sha, e.path): e for e in approval_events(view, file.path)}
        rows = tuple(_row(view, fc, events, roles, proofs) for fc in file.changes)
    except RevisionNotLoaded:  # a caller that did not call prepared(): say less, never fail
        return plain(file)
    return DocumentRecord(file.path, rows)


def prepared(history: History, corpus: Corpus, root: Path,
             files: Iterable[FileHistory] | None = None) -> History:
    """`history` with what the records of `files` (default: every document of `corpus`) need loaded:
    the revisions (`root` holds `corpus`'s files), the signature verdicts of the approval commits
    against the registry's keys, and the forge notes. Commits already verified are not verified again."""
    if not history.available:
        return history
    lineages = list(files) if files is not None else [history.of(s.path) for s in corpus.sources]
    wanted = [read for file in lineages for read in reads(_viewing(history, file), file.path)]
    wanted += registry_reads(corpus, history)  # which registry each signature is judged against
    current = {s.path: Revision(s.parsed.data, s.parsed.body) for s, _ in corpus.typed}
    history = history.with_revisions(wanted, root, current, history.max_bytes)
    if not history.available:
        return history
    commits = sorted({event.commit.sha for file in lineages
                      for event in _events(_viewing(history, file), file.path)} - set(history.signatures))
    if commits:
        history = with_trusted_signatures(corpus, history, commits)
    return history if history.forge else history.with_forge()


def _events(history: History, path: str) -> list[Any]:
    try:
        return approval_events(history, path)
    except RevisionNotLoaded:
        return []


def _viewing(history: History, file: FileHistory) -> History:
    """The history, answering `of(file.path)` with `file` (a deleted lineage is not in `files`)."""
    if history.of(file.path) is file:
        return history
    return replace(history, log=replace(history.log, files={**history.log.files, file.path: file}))


def _row(history: History, fc: FileChange, events: Mapping[tuple[str, str], Any],
         roles: Mapping[str, Role], proofs: Proofs) -> Row:
    commit, change = fc.commit, fc.change
    event = events.get((commit.sha, change.path))
    approval = evidence(event, proofs, roles) if event is not None else None
    if change.status == "D":
        return Row(fc, "deleted")
    after = history.snapshot(commit.sha, change.path)
    version, status = _state(after[0] if after else None)
    kind, fields = _kind(history, fc, after, recorded=approval is not None)
    return Row(fc, kind, version, status, fields, approval)


def _kind(history: History, fc: FileChange, after: tuple[dict[str, Any], str] | None, *,
          recorded: bool) -> tuple[Kind, tuple[str, ...]]:
    commit, change = fc.commit, fc.change
    if change.before_path is None or not commit.parents:
        return "created", ()
    plain_kind = _plain_kind(fc)
    if plain_kind != "unknown":
        return plain_kind, ()
    before = history.snapshot(commit.parents[0], change.before_path)
    if before is None or after is None:
        return "unknown", ()
    (old, old_body), (new, new_body) = before, after
    if old_body != new_body:
        return "edited", ()
    fields = tuple(sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k)))
    if not fields:
        return "unchanged", ()
    if set(fields) <= REVIEW_FIELDS:
        return "review", fields
    if (recorded or commit.is_merge) and set(fields) <= APPROVAL_FIELDS | REVIEW_FIELDS:
        return "approval", fields
    return "front-matter", fields


def _plain_kind(fc: FileChange) -> Kind:
    change = fc.change
    if change.status == "D":
        return "deleted"
    same = change.blobs is not None and change.blobs[0] == change.blobs[1] and bool(change.blobs[0])
    if same or (change.status == "R" and change.score == 100):
        return "renamed" if change.status == "R" else "unchanged"
    return "unknown"


def _state(data: dict[str, Any] | None) -> tuple[str | None, str | None]:
    if data is None:
        return None, None
    version, status = data.get("version"), data.get("status")
    return (None if version is None else str(version)), (None if status is None else str(status))

"""In a pull request, a new document must not take an id that another document had.

Runs with `aims-lint check --base REV`. Ids are the audit trail's names:
findings, approvals and records from earlier years cite them. A document
added by the pull request must not reuse the id of a document that was
deleted, in this pull request or anywhere in the history, at another path
(a file re-created at its old path, or moved with `git mv`, keeps its
lineage and is not a reuse). The id a deleted document had is read from its
last revision.

Passing::

    # policies/old-vendor.md (POL-007) was deleted last year; the new policy takes
    id: POL-012

Failing::

    # policies/old-vendor.md (POL-007) was deleted last year; the new policy takes
    id: POL-007
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from aims_lint.history import FileHistory, History, Read
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS904", "id-reused", Severity.ERROR,
    "New documents must not reuse the id of a deleted document (--base).", needs_history=True,
)


@dataclass(frozen=True)
class Former:
    """A deleted document: how to name it, and every path its lineage had."""

    where: str
    paths: tuple[str, ...]


def check(ctx: Context) -> Iterator[Finding]:
    history = ctx.history
    if history is None or history.base is None or not history.base.added:
        return
    former = former_ids(history)
    for source, doc in ctx.corpus.typed:
        if source.path not in history.base.added:
            continue
        clash = next((f for f in former.get(doc.id, []) if source.path not in f.paths), None)
        if clash is not None:
            yield RULE.at(source, "/id", f"id {doc.id} belonged to {clash.where}; give this "
                          "document a new id (or restore the old one and retire it)")


def revisions(ctx: Context) -> Iterator[Read]:
    """The last revision of every deleted document (its id), loaded before rules run."""
    history = ctx.history
    if history is None or history.base is None or not history.base.added:
        return
    for lineage in history.log.deleted:
        read = _last_revision(lineage)
        if read is not None:
            yield read


def _last_revision(lineage: FileHistory) -> Read | None:
    """The document as it was just before the commit that deleted it."""
    newest = lineage.changes[0]
    parents = newest.commit.parents
    if not parents:
        return None
    return (parents[0], lineage.path), newest.change.blobs[0] if newest.change.blobs else None


def former_ids(history: History) -> dict[str, list[Former]]:
    """Deleted documents by the id they last had: in the pull request, then in the history."""
    found: dict[str, list[Former]] = {}
    base = history.base
    if base is not None:
        for doc in base.deleted:
            _add(found, doc.data.get("id"), Former(f"{doc.path}, deleted since {base.rev}", (doc.path,)))
    for lineage in history.log.deleted:
        read = _last_revision(lineage)
        data = history.front_matter(*read[0]) if read is not None else None
        if data is not None:
            where = f"{lineage.path}, deleted in {lineage.changes[0].commit.short_sha}"
            _add(found, data.get("id"), Former(where, lineage.paths))
    return found


def _add(found: dict[str, list[Former]], doc_id: object, former: Former) -> None:
    if isinstance(doc_id, str) and doc_id:
        found.setdefault(doc_id, []).append(former)

"""Every approved version of each published document, as one audience may see it (issue 13).

The site keeps a read-only page for each approved version of a document, as
it was at the commit that recorded the approval (`version_pages.py`). The
versions are `approvals.events.approval_events`, read from the one history
pass; their revisions are loaded here in one `git cat-file --batch` for all
documents (`load`), before the audience's view is made.

A document that was ever above the audience, in any committed revision, gets
no version pages for it: not its approved versions, and not the ones in
between. Its current page is published because its current classification
admits it; an earlier revision that did not would publish what was, at the
time, withheld. A revision whose front matter cannot be read counts as above
the audience, as an unreadable label does for the gate.

What the view holds of each version is redacted as the rest of the view is:
the recording commit's subject, message and trailers, and any front-matter
value that names a withheld document (`Redaction`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from aims_lint.approvals.events import approval_events, reads
from aims_lint.audience import WITHHELD_VALUE, Gate, Redaction, admits
from aims_lint.config import Settings
from aims_lint.corpus import Corpus
from aims_lint.history import Commit, History, Read, Revision


@dataclass(frozen=True)
class ApprovedVersion:
    """One approved version of a published document, redacted for the audience."""

    path: str  # the document's path at the recording commit
    version: str | None
    approved_on: str | None
    approver: str | None
    commit: Commit  # the commit that recorded the approval (subject, message, trailers redacted)
    data: dict[str, Any]  # the front matter as of that commit
    body: str

    @property
    def label(self) -> str:
        """`v2.1`, or the approval date for a document without versions."""
        if self.version:
            return f"v{self.version}"
        return f"approved {self.approved_on}" if self.approved_on else f"approved in {self.commit.short_sha}"


Versions = Mapping[str, tuple[ApprovedVersion, ...]]  # by the document's current path, oldest first


def version_reads(history: History, paths: Iterable[str]) -> list[Read]:
    """Every revision the versions of these documents are made from (each one once)."""
    return list(dict.fromkeys(read for path in paths for read in reads(history, path)))


def load(history: History, corpus: Corpus, settings: Settings) -> History:
    """The history with every revision of every document loaded (one git process at most).

    A revision whose blob is the file this run parsed is not read again.
    """
    if not history.available:
        return history
    current = {s.path: Revision(s.parsed.data, s.parsed.body) for s, _ in corpus.typed}
    wanted = version_reads(history, current)
    return history.with_revisions(wanted, settings.root, current, settings.max_file_bytes)


def for_audience(gate: Gate, history: History) -> dict[str, tuple[ApprovedVersion, ...]]:
    """The approved versions of every admitted document never above the audience, by path."""
    found: dict[str, tuple[ApprovedVersion, ...]] = {}
    if not history.available:
        return found
    for source, _ in gate.corpus.typed:  # the documents that have a page
        keys = [key for key, _ in reads(history, source.path)]
        if not keys or not _loaded(history, keys) or not _always_admitted(gate, history, keys):
            continue
        shown = tuple(_shown(event.path, event.version, event.approved_on, event.approver, event.commit,
                             event.data, event.body, gate.redaction)
                      for event in approval_events(history, source.path))
        if shown:
            found[source.path] = shown
    return found


def _loaded(history: History, keys: list[tuple[str, str]]) -> bool:
    # `load` was not called for this history (a caller that shows no versions): nothing to show.
    return all(key in history.revisions for key in keys)


def _always_admitted(gate: Gate, history: History, keys: list[tuple[str, str]]) -> bool:
    if gate.audience == "all":
        return True
    for key in keys:
        revision = history.revisions[key]
        if revision is None:  # no file there (the side of a change that created it)
            continue
        data = revision.data
        if data is None or not admits(gate.audience, data.get("classification")):
            return False
    return True


def _shown(path: str, version: str | None, approved_on: str | None, approver: str | None, commit: Commit,
           data: dict[str, Any], body: str, redaction: Redaction) -> ApprovedVersion:
    return ApprovedVersion(path, version, approved_on, approver, redaction.commit(commit),
                           {key: _redacted(value, redaction, path) for key, value in data.items()}, body)


def _redacted(value: Any, redaction: Redaction, path: str) -> Any:
    """A front-matter value without what names a withheld document (lists item by item)."""
    if isinstance(value, list):
        return [_redacted(item, redaction, path) for item in value]
    if isinstance(value, dict):
        return {key: _redacted(item, redaction, path) for key, item in value.items()}
    if isinstance(value, str) and (redaction.withholds(value, path) or redaction.names_withheld(value)):
        return WITHHELD_VALUE
    return value

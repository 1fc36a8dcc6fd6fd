"""Who a site or an evidence bundle is for, and the one gate that keeps the rest out.

An audience admits documents by classification:

    public     only documents classified `public`
    internal   `public` and `internal` (everything but `confidential`)
    all        everything

A document whose classification is missing or not one of the three is treated
as confidential: an unreadable label must not publish a document. `Gate` is
computed once from the whole corpus by whoever builds for an audience (the
site's render step, the evidence bundle), and makes what they hand on: the
admitted corpus, the findings and readiness report as the audience sees
them, the histories of admitted documents (`AudienceHistory`), and a
`Redaction` that recognises a withheld document without holding it.
Whatever names a withheld document (its id, its path, its file name or its
title) is redacted wherever it appears.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import get_args

from aims_lint.approvals.describe import Proofs
from aims_lint.approvals.record import DocumentRecord, build, plain
from aims_lint.config import Audience, Settings
from aims_lint.corpus import Corpus
from aims_lint.document import SourceFile
from aims_lint.history import History
from aims_lint.history.model import Change, Commit, FileChange, FileHistory
from aims_lint.readiness import Readiness, build_readiness, finding_counts, withhold
from aims_lint.results import Finding, LintResult
from aims_lint.soa import Soa, current

AUDIENCES: tuple[Audience, ...] = get_args(Audience)
# What each audience may read; "all" admits any label, even a missing one.
_ADMITTED: dict[Audience, frozenset[str]] = {
    "public": frozenset({"public"}),
    "internal": frozenset({"public", "internal"}),
}
WITHHELD_MESSAGE = "refers to a document not published for this audience"
WITHHELD_SUBJECT = "(subject not shown: it names a document not published for this audience)"
WITHHELD_VALUE = "(not shown: it names a document not published for this audience)"


def admits(audience: Audience, classification: object) -> bool:
    if audience == "all":
        return True
    return isinstance(classification, str) and classification in _ADMITTED[audience]


def stricter(first: Audience, second: Audience) -> Audience:
    """The audience that sees less of the two."""
    return min(first, second, key=AUDIENCES.index)


def classification(source: SourceFile) -> object:
    """As written: a file whose front matter did not become a typed document still has one."""
    return source.data.get("classification")


@dataclass(frozen=True)
class Redaction:
    """What names the documents an audience may not read, and nothing else of them.

    It holds no document: just the ids, paths and words (id, path, file name,
    title) to recognise a withheld document by, and the ids of roles only a
    withheld registry defines. The site hands it to page builders in place of
    the gate, so a page can ask "is this withheld?" without ever holding
    what was withheld.
    """

    ids: frozenset[str] = frozenset()
    paths: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        # One scan per text instead of one per word: a page's history names the same
        # commits again and again, and a large corpus withholds thousands of words.
        if not self.words:
            return None
        return re.compile("|".join(re.escape(w) for w in sorted(self.words, key=len, reverse=True)))

    def names_withheld(self, text: str) -> bool:
        return self._pattern is not None and self._pattern.search(text) is not None

    def withholds(self, reference: str, from_path: str = "") -> bool:
        """True when `reference` (an id, or a path as written in a document) names a
        withheld document; a path counts relative to the repository or to `from_path`."""
        if reference in self.ids:
            return True
        if not self.paths or ("/" not in reference and not reference.endswith(".md")):
            return False
        keys = {_path_key(reference)}
        if from_path:
            keys.add(_path_key(posixpath.join(posixpath.dirname(from_path), reference)))
        return any(p == k or p.endswith(f"/{k}") for p in self.paths for k in keys if k)

    def finding(self, finding: Finding) -> Finding:
        if self.names_withheld(finding.message):
            return replace(finding, message=WITHHELD_MESSAGE)
        return finding

    def subject(self, subject: str) -> str:
        return WITHHELD_SUBJECT if self.names_withheld(subject) else subject

    def value(self, value: str) -> str:
        """A trailer value or a former path: a note in its place when it names a withheld document."""
        return WITHHELD_VALUE if self.names_withheld(value) else value

    def commit(self, commit: Commit) -> Commit:
        """The commit with its subject, message and trailer values redacted; the same
        object when nothing in it names a withheld document."""
        said = "\n".join([commit.subject, commit.message, *(v for _, v in commit.trailers)])
        if not self.names_withheld(said):
            return commit
        message = self.subject(commit.subject) if self.names_withheld(commit.message) else commit.message
        trailers = tuple((key, self.value(v)) for key, v in commit.trailers)
        return replace(commit, subject=self.subject(commit.subject), message=message, trailers=trailers)

    def file_history(self, file: FileHistory, commits: dict[str, Commit]) -> FileHistory:
        """A published document's history with whatever names a withheld document redacted:
        commits (memoised by sha in `commits`), former paths, the paths of each change
        (but the document's own: it is published, even if a withheld one shares its file name)."""
        if not self.words:
            return file
        changes = tuple(FileChange(self._commit(fc.commit, commits), self._change(fc.change, file.path))
                        for fc in file.changes)
        previous = tuple(p for p in file.previous_paths if not self.names_withheld(p))
        return replace(file, changes=changes, previous_paths=previous)

    def record(self, record: DocumentRecord, shown: FileHistory) -> DocumentRecord:
        """A published document's record, on its redacted history `shown` (the same commits, in the
        same order), with the Approved-by values of its approvals redacted like every trailer."""
        if not self.words:
            return record
        rows = []
        for row, fc in zip(record.rows, shown.changes, strict=False):
            approval = row.approval
            if approval is not None:
                merge = approval.merged_in
                approval = replace(approval, commit=fc.commit,
                                   trailers=tuple(self.value(t) for t in approval.trailers),
                                   merged_in=self.commit(merge) if merge is not None else None,
                                   merge_trailers=tuple(self.value(t) for t in approval.merge_trailers))
            rows.append(replace(row, change=fc, approval=approval))
        return replace(record, rows=tuple(rows))

    def _commit(self, commit: Commit, commits: dict[str, Commit]) -> Commit:
        found = commits.get(commit.sha)
        if found is None:
            found = commits[commit.sha] = self.commit(commit)
        return found

    def _change(self, change: Change, own: str) -> Change:
        path, old = change.path, change.old_path
        if (path == own or not self.names_withheld(path)) and (old is None or not self.names_withheld(old)):
            return change
        shown = path if path == own else self.value(path)
        return replace(change, path=shown, old_path=old and self.value(old))


@dataclass(frozen=True)
class AudienceHistory:
    """The histories of the documents an audience may read, redacted; nothing of any other.

    What the site's pages get in place of `History`: `problem` says why there
    is no history (as `History.problem` does), `of` answers for a published
    document and gives an empty history for anything else.
    """

    problem: str | None = None
    files: Mapping[str, FileHistory] = field(default_factory=dict)
    # Each published document's history as document control (aims_lint/approvals/record.py).
    records: Mapping[str, DocumentRecord] = field(default_factory=dict)

    def of(self, path: str) -> FileHistory:
        return self.files.get(path) or FileHistory(path)

    def record(self, path: str) -> DocumentRecord:
        return self.records.get(path) or plain(self.of(path))


@dataclass(frozen=True)
class Gate:
    """The corpus as one audience sees it.

    It holds the whole corpus, so it stays with whoever builds for the
    audience (the site's render step, the evidence bundle); what they hand on
    is made by it: `corpus`, `redaction`, `result`, `history`, `readiness`, `soa`.
    """

    audience: Audience
    full: Corpus

    @classmethod
    def of(cls, corpus: Corpus, audience: Audience) -> Gate:
        return cls(audience, corpus)

    @cached_property
    def corpus(self) -> Corpus:
        """Only the admitted documents: what every page and bundle entry is built from."""
        return Corpus([s for s in self.full.sources if self.admits(s)])

    def admits(self, source: SourceFile) -> bool:
        return admits(self.audience, classification(source))

    @cached_property
    def withheld(self) -> tuple[SourceFile, ...]:
        return tuple(s for s in self.full.sources if not self.admits(s))

    @cached_property
    def redaction(self) -> Redaction:
        paths = frozenset(s.path for s in self.withheld)
        ids = {s.model.id for s in self.withheld if s.model is not None}
        ids |= {v for s in self.withheld if isinstance(v := s.data.get("id"), str) and v.strip()}
        # An id a published document also carries (a duplicate, which the linter reports)
        # still names the published one; links to it keep working.
        ids -= {d.id for _, d in self.corpus.typed}
        titles = {s.model.title for s in self.withheld if s.model is not None}
        titles |= {v for s in self.withheld if isinstance(v := s.data.get("title"), str)}
        names = {posixpath.basename(p) for p in paths}
        words = frozenset(w for w in ids | paths | names | titles if w.strip())
        roles = frozenset(self.full.roles) - frozenset(self.corpus.roles)
        return Redaction(frozenset(ids), paths, words, roles)

    @property
    def withheld_paths(self) -> frozenset[str]:
        return self.redaction.paths

    def names_withheld(self, text: str) -> bool:
        return self.redaction.names_withheld(text)

    def withholds(self, reference: str, from_path: str = "") -> bool:
        return self.redaction.withholds(reference, from_path)

    def subject(self, subject: str) -> str:
        return self.redaction.subject(subject)

    @cached_property
    def soa(self) -> Soa | None:
        """The SoA in force, unless it is withheld (then no other one stands in for it)."""
        found = current(self.full)
        return found if found is not None and self.admits(found.source) else None

    def result(self, result: LintResult) -> LintResult:
        """The lint result as this audience sees it: findings of withheld documents left
        out, messages naming one redacted. The corpus stays whole, so figures (readiness,
        counts) remain those of the whole management system."""
        admitted = self._admitted(result)
        if admitted is result:
            return result
        return replace(admitted, findings=[self.redaction.finding(f) for f in admitted.findings])

    def _admitted(self, result: LintResult) -> LintResult:
        """Findings and checked paths of admitted documents only (messages as they are)."""
        if self.audience == "all":
            return result
        findings = [f for f in result.findings if f.path not in self.withheld_paths]
        checked = [p for p in result.checked if p not in self.withheld_paths]
        return replace(result, findings=findings, checked=checked)

    def history(self, history: History) -> AudienceHistory:
        """The histories of the admitted documents, redacted (see `Redaction.file_history`)."""
        commits: dict[str, Commit] = {}
        redact = self.redaction.file_history
        files = {s.path: redact(history.of(s.path), commits) for s in self.corpus.sources}
        # The approvals are described with the registries this audience reads, and redacted too.
        proofs, roles = Proofs.of(history), self.corpus.roles
        records = {path: self.redaction.record(build(history, history.of(path), roles, proofs), shown)
                   for path, shown in files.items()}
        return AudienceHistory(history.problem, files, records)

    def readiness(self, result: LintResult, settings: Settings) -> Readiness:
        """The readiness report for this audience: the whole system's figures and verdict
        (so `result` is the whole lint result, not `self.result(result)`), lists naming only
        admitted documents, blockers on withheld ones without their message or path, and no
        decision of a withheld Statement of Applicability. The finding counts are those shown."""
        whole = replace(result, findings=[self.redaction.finding(f) for f in result.findings])
        report = withhold(build_readiness(whole, settings), self.withholds, self.names_withheld)
        return replace(report, findings=finding_counts(self._admitted(result)))


def _path_key(reference: str) -> str:
    """A written path reduced to what it names inside the repository."""
    path = posixpath.normpath(reference.replace("\\", "/")).lstrip("/")
    while path.startswith("../"):
        path = path[3:]
    return "" if path in (".", "..") else path

"""Who a site or an evidence bundle is for, and the one gate that keeps the rest out.

An audience admits documents by classification:

    public     only documents classified `public`
    internal   `public` and `internal` (everything but `confidential`)
    all        everything

A document whose classification is missing or not one of the three is treated
as confidential: an unreadable label must not publish a document. `Gate` is
computed once from the whole corpus; the site and the evidence bundle read
documents, findings, commit subjects and references through it, so none of
them has to remember the audience. Whatever names a withheld document (its
id, its path, its file name or its title) is redacted wherever it appears.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import get_args

from aims_lint.config import Audience
from aims_lint.corpus import Corpus
from aims_lint.document import SourceFile
from aims_lint.results import Finding, LintResult

AUDIENCES: tuple[Audience, ...] = get_args(Audience)
# What each audience may read; "all" admits any label, even a missing one.
_ADMITTED: dict[Audience, frozenset[str]] = {
    "public": frozenset({"public"}),
    "internal": frozenset({"public", "internal"}),
}
WITHHELD_MESSAGE = "refers to a document not published for this audience"
WITHHELD_SUBJECT = "(subject not shown: it names a document not published for this audience)"


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
class Gate:
    """The corpus as one audience sees it."""

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
    def withheld_paths(self) -> frozenset[str]:
        return frozenset(s.path for s in self.withheld)

    @cached_property
    def withheld_ids(self) -> frozenset[str]:
        """Ids of withheld documents, also when their front matter did not validate."""
        found = {s.model.id for s in self.withheld if s.model is not None}
        found |= {v for s in self.withheld if isinstance(v := s.data.get("id"), str) and v.strip()}
        # An id a published document also carries (a duplicate, which the linter reports)
        # still names the published one; links to it keep working.
        return frozenset(found - {d.id for _, d in self.corpus.typed})

    @cached_property
    def words(self) -> frozenset[str]:
        """Every string that names a withheld document: id, path, file name, title."""
        titles = {s.model.title for s in self.withheld if s.model is not None}
        titles |= {v for s in self.withheld if isinstance(v := s.data.get("title"), str)}
        names = {posixpath.basename(p) for p in self.withheld_paths}
        found = self.withheld_ids | self.withheld_paths | names | titles
        return frozenset(w for w in found if w.strip())

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
        if reference in self.withheld_ids:
            return True
        if not self.withheld_paths or ("/" not in reference and not reference.endswith(".md")):
            return False
        keys = {_path_key(reference)}
        if from_path:
            keys.add(_path_key(posixpath.join(posixpath.dirname(from_path), reference)))
        return any(p == k or p.endswith(f"/{k}") for p in self.withheld_paths for k in keys if k)

    # -- redaction -----------------------------------------------------------

    def finding(self, finding: Finding) -> Finding:
        if self.names_withheld(finding.message):
            return replace(finding, message=WITHHELD_MESSAGE)
        return finding

    def subject(self, subject: str) -> str:
        return WITHHELD_SUBJECT if self.names_withheld(subject) else subject

    def result(self, result: LintResult) -> LintResult:
        """The lint result as this audience sees it: findings of withheld documents left
        out, messages naming one redacted. The corpus stays whole, so figures (readiness,
        counts) remain those of the whole management system."""
        if self.audience == "all":
            return result
        findings = [self.finding(f) for f in result.findings if f.path not in self.withheld_paths]
        checked = [p for p in result.checked if p not in self.withheld_paths]
        return replace(result, findings=findings, checked=checked)


def _path_key(reference: str) -> str:
    """A written path reduced to what it names inside the repository."""
    path = posixpath.normpath(reference.replace("\\", "/")).lstrip("/")
    while path.startswith("../"):
        path = path[3:]
    return "" if path in (".", "..") else path

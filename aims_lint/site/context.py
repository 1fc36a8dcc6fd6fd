"""What every page generator reads: the published documents and how to link to them.

The audience gate (`aims_lint.audience.Gate`) is applied here, once, and it is
the only way a page reaches the documents: `corpus` holds just the documents
the build's audience may read, `soa` is the SoA in force only when it is one
of them, and `findings_for`, `commit_subject` and the link helpers redact
whatever names a withheld document. A withheld document has no page, so every
link helper returns None for it and every generator simply skips it. Nothing
downstream has to remember the audience, and no page reads `result.corpus`
(tests/test_audience.py checks that).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache

from aims_lint import escape
from aims_lint.audience import Gate
from aims_lint.catalog import Catalog, load_catalog
from aims_lint.config import Settings
from aims_lint.corpus import Corpus
from aims_lint.document import SourceFile
from aims_lint.history import Commit, History
from aims_lint.model import Document, Role
from aims_lint.readiness import Readiness, build_readiness
from aims_lint.results import Finding, LintResult
from aims_lint.soa import Soa, current

# Generated pages live at these names; a document never takes one of them.
RESERVED = frozenset(
    {
        "index.md",
        "dashboard.md",
        "documents.md",
        "soa.md",
        "inventory.md",
        "readiness.md",
        "rules.md",
        "tags.md",
        "controls",
        "clauses",
        "guide",
        "assets",
    }
)
_SAFE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*\.md$")


@dataclass
class SiteContext:
    settings: Settings
    today: date
    result: LintResult
    history: History
    catalog: Catalog = field(default_factory=load_catalog)

    @cached_property
    def gate(self) -> Gate:
        return Gate.of(self.result.corpus, self.settings.audience)

    @property
    def corpus(self) -> Corpus:
        """The documents this build's audience may read: what every page is made of."""
        return self.gate.corpus

    @cached_property
    def published(self) -> list[tuple[SourceFile, Document]]:
        return self.corpus.typed

    @cached_property
    def soa(self) -> Soa | None:
        """The SoA in force, unless it is withheld (then no other one stands in for it)."""
        found = current(self.result.corpus)
        return found if found is not None and self.gate.admits(found.source) else None

    @property
    def withheld_paths(self) -> frozenset[str]:
        """Repository paths of documents left out of this build."""
        return self.gate.withheld_paths

    def withholds(self, reference: str, from_path: str = "") -> bool:
        """Whether an id or a written path names a document left out of this build."""
        return self.gate.withholds(reference, from_path)

    @cached_property
    def page_of_path(self) -> dict[str, str]:
        """Repository path to site page, for every published document."""
        pages: dict[str, str] = {}
        taken: set[str] = set()
        for source, _ in self.published:
            page = _page_for(source.path, taken)
            taken.add(page)
            pages[source.path] = page
        return pages

    @cached_property
    def by_id(self) -> dict[str, tuple[SourceFile, Document]]:
        """Published documents by id; with duplicate ids (a lint error) the first wins."""
        index: dict[str, tuple[SourceFile, Document]] = {}
        for source, doc in self.published:
            index.setdefault(doc.id, (source, doc))
        return index

    @cached_property
    def by_clause(self) -> dict[str, list[tuple[SourceFile, Document]]]:
        """Published documents by every clause they cover (a listed sub-clause covers its parents)."""
        index: dict[str, list[tuple[SourceFile, Document]]] = {}
        for source, doc in self.published:
            covered = {".".join(c.split(".")[:n]) for c in doc.clauses for n in range(1, c.count(".") + 2)}
            for clause_id in sorted(covered):
                index.setdefault(clause_id, []).append((source, doc))
        return index

    @cached_property
    def by_control(self) -> dict[str, list[tuple[SourceFile, Document]]]:
        index: dict[str, list[tuple[SourceFile, Document]]] = {}
        for source, doc in self.published:
            for control_id in dict.fromkeys(doc.controls):
                index.setdefault(control_id, []).append((source, doc))
        return index

    @cached_property
    def known_ids(self) -> frozenset[str]:
        return frozenset(d.id for _, d in self.result.corpus.typed)

    @cached_property
    def readiness(self) -> Readiness:
        """The readiness report, built once per render: figures of the whole system, finding
        counts of what this audience sees (lists of documents are filtered where shown)."""
        return build_readiness(self.gate.result(self.result))

    @cached_property
    def roles(self) -> dict[str, Role]:
        """Roles from the registries this audience may read."""
        return self.corpus.roles

    def role_withheld(self, role_id: str) -> bool:
        """Defined only in a registry left out of this build: its title and holder are not shown."""
        return role_id not in self.roles and role_id in self.result.corpus.roles

    def findings_for(self, path: str) -> list[Finding]:
        """A page's findings; a message naming a withheld document says so instead."""
        return [self.gate.finding(f) for f in self.result.findings if f.path == path]

    def commit_subject(self, commit: Commit) -> str:
        """A commit's subject, or a note in its place when it names a withheld document
        (by id, path, file name or title): a commit touching a published document and a
        withheld one shows in the published one's history and on the dashboard."""
        return self.gate.subject(commit.subject)

    # -- links -------------------------------------------------------------

    def doc_link(self, from_page: str, doc_id: str, *, with_title: bool = False) -> str | None:
        """A Markdown link to a published document; None when it is withheld.

        An id that names no document at all is shown as plain text, so a
        dangling reference (which the linter reports) stays visible.
        """
        found = self.by_id.get(doc_id)
        if found is None:
            withheld = doc_id in self.known_ids or self.withholds(doc_id)
            return None if withheld else f"{escape.text(doc_id)} (not found)"
        source, doc = found
        label = f"{doc.id} {doc.title}" if with_title else doc.id
        return f"[{escape.text(label)}]({rel(from_page, self.page_of_path[source.path])})"

    def doc_links(self, from_page: str, ids: list[str] | tuple[str, ...]) -> str:
        links = (self.doc_link(from_page, i) for i in ids)
        return ", ".join(link for link in links if link)

    def page_link(self, from_page: str, source: SourceFile, doc: Document) -> str:
        return f"[{escape.text(doc.title)}]({rel(from_page, self.page_of_path[source.path])})"

    def control_link(self, from_page: str, control_id: str) -> str:
        if self.catalog.control(control_id) is None:
            return escape.text(control_id)
        return f"[{control_id}]({rel(from_page, control_page(control_id))})"

    def clause_link(self, from_page: str, clause_id: str) -> str:
        if self.catalog.clause(clause_id) is None:
            return escape.text(clause_id)
        return f"[{clause_id}]({rel(from_page, clause_page(clause_id))})"

    # -- review dates ------------------------------------------------------

    def review_state(self, doc: Document) -> str | None:
        """'overdue', 'due-soon' or None, judged as the review rules judge it."""
        due = doc.next_review
        if doc.status != "approved" or due is None:
            return None
        if due < self.today:
            return "overdue"
        if due <= self.today + timedelta(days=self.settings.due_soon_days):
            return "due-soon"
        return None


@lru_cache(maxsize=65536)
def rel(from_page: str, to_page: str) -> str:
    """A relative link from one site page to another (works from file://); cached: pages
    link to the same few folders thousands of times."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def control_page(control_id: str) -> str:
    return f"controls/{control_id}.md"


def clause_page(clause_id: str) -> str:
    return f"clauses/{clause_id}.md"


def _page_for(path: str, taken: set[str]) -> str:
    """The document's own path when it is a plain, free name; else a cleaned one."""
    page = path
    top = path.split("/", 1)[0]
    if not _SAFE_PATH.match(path) or ".." in path.split("/") or top in RESERVED:
        stem = re.sub(r"[^A-Za-z0-9._/-]+", "-", path.removesuffix(".md")).strip("-./") or "document"
        page = f"documents/{stem.replace('..', '-')}.md"
    candidate, number = page, 2
    while candidate in taken:
        candidate = f"{page.removesuffix('.md')}-{number}.md"
        number += 1
    return candidate

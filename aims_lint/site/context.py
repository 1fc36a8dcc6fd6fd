"""What every page builder reads: the documents, history and findings one audience may see.

`audience_view` is the audience gate (`aims_lint.audience.Gate`) of the
site: the render step calls it once with the whole lint result, and every
page builder gets only the `SiteContext` it returns. That view holds no
lint result, no gate and no corpus but the published one:

- `corpus`: the documents the build's audience may read;
- `history`: their histories, with subjects, trailers and former paths
  naming a withheld document redacted;
- `findings`: the findings of those documents, messages redacted;
- `readiness`: the readiness report with lists naming only published
  documents (and no decision of a withheld SoA);
- `soa`: the SoA in force only when it is published;
- `soas`: the same for every configured certifiable framework, by framework id;
- `redaction`: how to recognise a withheld document (ids, paths, words),
  holding none of them;
- `versions`: the approved versions of published documents that were never
  above the audience, redacted (`versions.py`).

A withheld document has no page, so every link helper returns None for it
and every builder simply skips it. Nothing downstream has to remember the
audience: a page cannot reach what it must not show (tests/test_page_table.py
walks the view to check it).
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache

from aims_lint import escape
from aims_lint.audience import WITHHELD_VALUE, AudienceHistory, Gate, Redaction
from aims_lint.catalog import Catalog, available, load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK
from aims_lint.catalog.frameworks import framework as framework_row
from aims_lint.config import Settings
from aims_lint.corpus import Corpus
from aims_lint.document import SourceFile
from aims_lint.history import History
from aims_lint.model import Document, Role
from aims_lint.readiness import Readiness
from aims_lint.results import Finding, LintResult
from aims_lint.site.inventory_scan import SiteDiscovery, discovery_for_audience
from aims_lint.site.page_names import clause_page as clause_page  # re-exported: pages import it from here
from aims_lint.site.page_names import control_page as control_page  # likewise
from aims_lint.site.page_names import item_page, paged_kinds
from aims_lint.site.versions import Versions, for_audience
from aims_lint.soa import Soa, current

_SAFE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*\.md$")


def audience_view(
    settings: Settings, today: date, result: LintResult, history: History, reserved: frozenset[str],
    discovery: SiteDiscovery | None = None,
) -> SiteContext:
    """The site as the configured audience may see it; `reserved` are the generated pages'
    names (`page_table.RESERVED`), which no document page takes."""
    gate = Gate.of(result.corpus, settings.audience)
    return SiteContext(
        settings=settings,
        today=today,
        corpus=gate.corpus,
        history=gate.history(history),
        findings=tuple(gate.result(result).findings),
        readiness=gate.readiness(result, settings),
        soa=gate.soa,
        soas=_statements(gate, settings),
        redaction=gate.redaction,
        reserved=reserved,
        # Past revisions are in `history` when the caller loaded them (versions.load); else none.
        versions=for_audience(gate, history),
        discovery=discovery_for_audience(
            discovery,
            frozenset(source.path for source in gate.corpus.sources),
            frozenset(source.path for source in result.corpus.sources),
        ),
    )


def _statements(gate: Gate, settings: Settings) -> dict[str, Soa | None]:
    """The SoA in force of each configured certifiable framework, as `Gate.soa` gives 42001's:
    chosen in the whole corpus, and None when that one is withheld (no other stands in)."""
    found: dict[str, Soa | None] = {}
    for fw in settings.frameworks:
        row = framework_row(fw)
        if row is not None and row.certifiable:
            soa = gate.soa if fw == DEFAULT_FRAMEWORK else current(gate.full, fw)
            found[fw] = soa if soa is not None and gate.admits(soa.source) else None
    return found


@dataclass(frozen=True)
class SiteContext:
    """The audience's view of the repository: the one argument of every page builder."""

    settings: Settings
    today: date
    corpus: Corpus
    history: AudienceHistory
    findings: tuple[Finding, ...]
    readiness: Readiness
    soa: Soa | None
    redaction: Redaction
    reserved: frozenset[str]
    catalog: Catalog = field(default_factory=load_catalog)
    versions: Versions = field(default_factory=dict)
    soas: dict[str, Soa | None] = field(default_factory=dict)
    # The build's discovery run over the register's sources (inventory_scan.py); None for a public
    # edition or a register without AI systems.
    discovery: SiteDiscovery | None = None

    @cached_property
    def published(self) -> list[tuple[SourceFile, Document]]:
        return self.corpus.typed

    @property
    def withheld_paths(self) -> frozenset[str]:
        """Repository paths of documents left out of this build."""
        return self.redaction.paths

    def withholds(self, reference: str, from_path: str = "") -> bool:
        """Whether an id or a written path names a document left out of this build."""
        return self.redaction.withholds(reference, from_path)

    def names_withheld(self, text: str) -> bool:
        """Whether a text names a document left out of this build (by id, path, file name or title)."""
        return self.redaction.names_withheld(text)

    @property
    def withheld_note(self) -> str:
        """What a page shows in place of a value that names a withheld document."""
        return WITHHELD_VALUE

    @cached_property
    def page_of_path(self) -> dict[str, str]:
        """Repository path to site page, for every published document."""
        pages: dict[str, str] = {}
        taken: set[str] = set()
        for source, _ in self.published:
            page = _page_for(source.path, taken, self.reserved)
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
            cited = doc.clause_ids()
            covered = {".".join(c.split(".")[:n]) for c in cited for n in range(1, c.count(".") + 2)}
            for clause_id in sorted(covered):
                index.setdefault(clause_id, []).append((source, doc))
        return index

    @cached_property
    def by_control(self) -> dict[str, list[tuple[SourceFile, Document]]]:
        index: dict[str, list[tuple[SourceFile, Document]]] = {}
        for source, doc in self.published:
            for control_id in dict.fromkeys(doc.control_ids()):
                index.setdefault(control_id, []).append((source, doc))
        return index

    @cached_property
    def roles(self) -> dict[str, Role]:
        """Roles from the registries this audience may read."""
        return self.corpus.roles

    def role_withheld(self, role_id: str) -> bool:
        """Defined only in a registry left out of this build: its title and holder are not shown."""
        return role_id not in self.roles and role_id in self.redaction.roles

    @cached_property
    def _findings_by_path(self) -> dict[str, list[Finding]]:
        index: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            index[finding.path].append(finding)
        return dict(index)

    def findings_for(self, path: str) -> list[Finding]:
        """A page's findings (already redacted by the gate)."""
        return list(self._findings_by_path.get(path, ()))

    # -- links -------------------------------------------------------------

    def doc_link(self, from_page: str, doc_id: str, *, with_title: bool = False) -> str | None:
        """A Markdown link to a published document; None when it is withheld.

        An id that names no document at all is shown as plain text, so a
        dangling reference (which the linter reports) stays visible.
        """
        found = self.by_id.get(doc_id)
        if found is None:
            return None if self.withholds(doc_id) else f"{escape.text(doc_id)} (not found)"
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

    # -- framework sections (framework_pages.py) ----------------------------

    @cached_property
    def catalogs(self) -> dict[str, Catalog]:
        """The catalog of every configured framework this package has one for, in configured order."""
        known = available()
        return {fw: load_catalog(fw) for fw in self.settings.frameworks if fw in known}

    @property
    def sections(self) -> tuple[str, ...]:
        """The frameworks with a section of their own: every configured one but ISO/IEC 42001,
        whose pages (`controls/`, `clauses/`, `soa.md`, `readiness.md`) predate the sections."""
        return tuple(fw for fw in self.catalogs if fw != DEFAULT_FRAMEWORK)

    def item_page(self, framework: str, item_id: str) -> str | None:
        """The page of one catalog item in this build, None when it has none (a framework not
        configured, an unknown id, a kind without pages such as 42001's objectives)."""
        catalog = self.catalogs.get(framework)
        item = catalog.get(item_id) if catalog is not None else None
        if catalog is None or item is None or item.kind not in paged_kinds(catalog):
            return None
        return item_page(framework, item.kind, item.id)

    def item_link(self, from_page: str, framework: str, item_id: str) -> str:
        """A Markdown link to an item's page, or its id as plain text when it has none here."""
        page = self.item_page(framework, item_id)
        if page is None:
            return escape.text(item_id)
        return f"[{escape.text(item_id)}]({rel(from_page, page)})"

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


def _page_for(path: str, taken: set[str], reserved: frozenset[str]) -> str:
    """The document's own path when it is a plain, free name; else a cleaned one."""
    page = path
    top = path.split("/", 1)[0]
    if not _SAFE_PATH.match(path) or ".." in path.split("/") or top in reserved:
        stem = re.sub(r"[^A-Za-z0-9._/-]+", "-", path.removesuffix(".md")).strip("-./") or "document"
        page = f"documents/{stem.replace('..', '-')}.md"
    candidate, number = page, 2
    while candidate in taken:
        candidate = f"{page.removesuffix('.md')}-{number}.md"
        number += 1
    return candidate

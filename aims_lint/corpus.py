"""All documents of the repository, indexed the way the cross-document rules ask."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from aims_lint.body_sections import Body, read_body
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, parse
from aims_lint.catalog.references import Citation, citations
from aims_lint.document import SourceFile
from aims_lint.model import Document, Record, Role, RolesRegistry


@dataclass
class Corpus:
    sources: list[SourceFile] = field(default_factory=list)
    _bodies: dict[str, Body] = field(default_factory=dict, repr=False, compare=False)

    def body(self, source: SourceFile) -> Body:
        """The source's body, read once however many body rules ask (aims_lint/body_sections.py)."""
        found = self._bodies.get(source.path)
        if found is None:
            found = self._bodies[source.path] = read_body(source.parsed.body, source.parsed.body_line)
        return found

    @cached_property
    def cited(self) -> list[tuple[SourceFile, tuple[Citation, ...]]]:
        """Each source that cites ids, with them (`catalog.references.citations`), read once for the
        rules that judge them (AIMS601, AIMS602, AIMS610-AIMS613), in path order."""
        found = ((s, tuple(citations(s))) for s in self.sources)
        return [(s, c) for s, c in found if c]

    @cached_property
    def operating(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """(framework, local control id) → ids of the approved records in force that list it in
        `controls`, sorted (`soa.operating_records`). Built once: every entry of every SoA asks, and
        scanning every document per entry, re-parsing its ids, was quadratic on a large repository."""
        found: dict[tuple[str, str], set[str]] = defaultdict(set)
        for _, doc in self.typed:
            if isinstance(doc, Record) and doc.active and doc.status == "approved":
                for value in doc.controls:
                    cited = parse(value, DEFAULT_FRAMEWORK) if isinstance(value, str) else None
                    if cited is not None and cited.framework is not None:
                        found[(cited.framework, cited.local)].add(doc.id)
        return {key: tuple(sorted(ids)) for key, ids in found.items()}

    @cached_property
    def typed(self) -> list[tuple[SourceFile, Document]]:
        """Sources whose front matter became a typed document, in path order."""
        return [(s, s.model) for s in self.sources if s.model is not None]

    @cached_property
    def by_id(self) -> dict[str, list[tuple[SourceFile, Document]]]:
        index: dict[str, list[tuple[SourceFile, Document]]] = defaultdict(list)
        for source, doc in self.typed:
            index[doc.id].append((source, doc))
        return dict(index)

    def get(self, doc_id: str) -> Document | None:
        matches = self.by_id.get(doc_id)
        return matches[0][1] if matches else None

    @cached_property
    def registries(self) -> list[tuple[SourceFile, RolesRegistry]]:
        return [(s, d) for s, d in self.typed if isinstance(d, RolesRegistry) and d.active]

    @cached_property
    def roles(self) -> dict[str, Role]:
        """Role id to role, from every active roles registry (first definition wins)."""
        found: dict[str, Role] = {}
        for _, registry in self.registries:
            for role in registry.roles:
                found.setdefault(role.id, role)
        return found

"""One framework catalog as data: kinds of item, items in a hierarchy, and the numbering they follow.

Nothing here names a framework. A catalog's kinds come from its data file
(ISO/IEC 42001 has clause, objective and control); the properties named after
`clause` and `control` are the two kinds the built-in rules and pages read,
because documents cite them in their `clauses` and `controls` fields. A
catalog without such a kind simply has none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from aims_lint.catalog import suggest
from aims_lint.catalog.numbering import Numbering


@dataclass(frozen=True)
class DocumentedInformation:
    """A document or record the framework expects for an item, and what can satisfy it."""

    id: str
    title: str
    clause: str  # the id of the item that expects it (a clause, or a control for expected evidence)
    expected_types: tuple[str, ...]
    expected_record_kinds: tuple[str, ...]
    # Front matter fields a providing document must carry with a value (the scope's `systems_in_scope`):
    # citing the clause alone does not make a document the one the item asks for.
    expected_fields: tuple[str, ...] = ()


# The document fields that cite a catalog's items: `clauses` and `controls` (and the SoA's entries).
CITING_FIELDS = ("clauses", "controls")


@dataclass(frozen=True)
class Kind:
    id: str  # as items name it: "control"
    label: str  # as messages name it: "control objective"
    # The document field that cites items of this kind ("clauses", "controls"), None when documents do
    # not cite them (42001's objectives, 27001's themes, NIST's functions). Defaults to "clauses" for a
    # kind named clause and "controls" for one named control.
    cited_in: str | None = None


@dataclass(frozen=True)
class Item:
    """A clause, objective, control, article, ...: whatever kinds the catalog declares."""

    id: str
    kind: str
    title: str
    description: str
    parent: str | None = None
    documented_information: tuple[DocumentedInformation, ...] = ()
    # What an auditor expects to see although the framework names no duty to document it (a control's
    # process, a register); the same shape as documented information, kept apart from it.
    expected_evidence: tuple[DocumentedInformation, ...] = ()
    # The day the item starts to apply, for a law applied in stages (the EU AI Act's Art. 113):
    # rules that require what an item asks for do so only from that day. None: applies already.
    applies_from: date | None = None
    # Which part of its annex an item sits in, where the framework's duties differ by part (the EU AI
    # Act's Annex I: Section A or B, Art. 2(2)). None: the catalog does not divide it.
    section: str | None = None


@dataclass(frozen=True)
class Catalog:
    framework: str  # the registry key and file stem: "iso42001"
    title: str  # as reports and messages name it: "ISO/IEC 42001:2023"
    kinds: tuple[Kind, ...]
    items: tuple[Item, ...]
    numbering: tuple[Numbering, ...] = ()
    _index: dict[str, Item] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for item in self.items:
            self._index[item.id] = item

    # --- any framework ---------------------------------------------------------------------------

    def get(self, item_id: str, kind: str | None = None) -> Item | None:
        found = self._index.get(item_id)
        return found if found is not None and (kind is None or found.kind == kind) else None

    def of_kind(self, kind: str) -> tuple[Item, ...]:
        return self._by_kind.get(kind, ())

    def children(self, item_id: str | None, kind: str | None = None) -> tuple[Item, ...]:
        """Items whose parent is `item_id` (None: the top level), in catalog order."""
        return tuple(i for i in self.items if i.parent == item_id and (kind is None or i.kind == kind))

    def descendants(self, item_id: str, kind: str | None = None) -> tuple[Item, ...]:
        return tuple(i for i in self.items if self._below(i, item_id) and (kind is None or i.kind == kind))

    def cited(self, item_id: str, field_name: str) -> Item | None:
        """The item `item_id` names when a document cites it in `field_name` ("clauses", "controls")."""
        found = self._index.get(item_id)
        return found if found is not None and found.kind in self.kinds_cited_in(field_name) else None

    def kinds_cited_in(self, field_name: str) -> tuple[str, ...]:
        return tuple(k.id for k in self.kinds if k.cited_in == field_name)

    def label(self, kind: str) -> str:
        return next((k.label for k in self.kinds if k.id == kind), kind)

    def scheme_for(self, identifier: str) -> Numbering | None:
        """The first numbering rule whose pattern the id fits: how suggestions read it."""
        return next((n for n in self.numbering if n.reads(identifier)), None)

    def suggest(self, identifier: str) -> str | None:
        """The known item an unknown id most likely meant, if any (by the catalog's numbering)."""
        return suggest.nearest(self, identifier)

    def explain(self, identifier: str) -> str:
        """Why an unknown id is wrong, in a few words ("" when there is nothing to add)."""
        return suggest.explain(self, identifier)

    @cached_property
    def documented_information(self) -> tuple[DocumentedInformation, ...]:
        return tuple(d for item in self.items for d in item.documented_information)

    @cached_property
    def expected_evidence(self) -> tuple[DocumentedInformation, ...]:
        return tuple(d for item in self.items for d in item.expected_evidence)

    # --- the kinds documents cite: `clauses` and `controls` ----------------------------------------

    @property
    def standard(self) -> str:
        return self.title

    @property
    def clauses(self) -> tuple[Item, ...]:
        return self.of_kind("clause")

    @property
    def objectives(self) -> tuple[Item, ...]:
        return self.of_kind("objective")

    @property
    def controls(self) -> tuple[Item, ...]:
        return self.of_kind("control")

    def clause(self, clause_id: str) -> Item | None:
        return self.get(clause_id, "clause")

    def objective(self, objective_id: str) -> Item | None:
        return self.get(objective_id, "objective")

    def control(self, control_id: str) -> Item | None:
        return self.get(control_id, "control")

    @cached_property
    def top_clauses(self) -> tuple[Item, ...]:
        """Clauses without a parent (4 to 10 in ISO/IEC 42001): the ones an audit cycle must cover."""
        return tuple(c for c in self.clauses if c.parent is None)

    def controls_of(self, parent_id: str) -> tuple[Item, ...]:
        return self.children(parent_id, "control")

    # --- internals --------------------------------------------------------------------------------

    @cached_property
    def _by_kind(self) -> dict[str, tuple[Item, ...]]:
        return {k.id: tuple(i for i in self.items if i.kind == k.id) for k in self.kinds}

    def _below(self, item: Item, ancestor: str) -> bool:
        parent = item.parent
        while parent is not None:
            if parent == ancestor:
                return True
            above = self._index.get(parent)
            parent = above.parent if above is not None else None
        return False

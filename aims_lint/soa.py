"""The Statement of Applicability as the SoA rules and the readiness report read it.

Entries are read from the raw front matter, one per list item and with its
index, so every finding points at the exact entry and a malformed entry
elsewhere in the list (which the schema reports) does not hide the others.

There is one SoA per certifiable framework (`framework:`, ISO/IEC 42001 when
absent). An entry of another framework's SoA may name, in `same_as`, the
ISO/IEC 42001 control it shares its implementation with: `statements` then
resolves it to the 42001 SoA's entry for that control (`Entry.shared`), and
`Entry.effective_implementation` / `effective_implemented_by` read from it,
so a shared control is implemented and evidenced once. The entry still
decides applicability, reasons and justification itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from aims_lint.catalog import load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, Cited, parse
from aims_lint.catalog.frameworks import framework as framework_row
from aims_lint.catalog.references import soa_framework
from aims_lint.corpus import Corpus
from aims_lint.doctypes import SOA
from aims_lint.document import SourceFile
from aims_lint.model import INACTIVE_STATUSES
from aims_lint.positions import join_pointer

IMPLEMENTED = frozenset({"implemented", "partial"})


@dataclass(frozen=True)
class Entry:
    index: int
    control: str | None
    applicable: bool | None  # None: not decided yet (or not a boolean, which the schema reports)
    reasons: tuple[str, ...]
    justification: str
    implementation: str | None
    implemented_by: tuple[str, ...]
    has: frozenset[str]  # keys present in the entry, to point at a field or at the entry
    # The ISO/IEC 42001 control this entry shares its implementation with, without the `ISO42001:`
    # prefix (an id of another framework is kept as written, for AIMS620 to report).
    same_as: str | None = None
    # The current 42001 SoA's entry for `same_as`, set by `statements` when there is one; never set
    # in a 42001 SoA (an entry there is its own implementation).
    shared: Entry | None = None
    # The `control` as written when it names a control of another framework (`ISO42001:A.2.2` in the
    # 27001 SoA): such an entry is in `Soa.foreign`, not `Soa.entries`, and AIMS625 reports it.
    foreign: str | None = None

    @property
    def effective_implementation(self) -> str | None:
        """How far the control is implemented: the shared 42001 entry's value, else this entry's."""
        return self.shared.implementation if self.shared is not None else self.implementation

    @property
    def effective_implemented_by(self) -> tuple[str, ...]:
        """The implementing documents: the shared 42001 entry's, else this entry's."""
        return self.shared.implemented_by if self.shared is not None else self.implemented_by

    def pointer(self, key: str = "") -> str:
        if key and key in self.has:
            return join_pointer("entries", self.index, key)
        return join_pointer("entries", self.index)


@dataclass(frozen=True)
class Soa:
    source: SourceFile
    status: str
    entries: tuple[Entry, ...]
    framework: str = DEFAULT_FRAMEWORK  # whose controls it decides on (`framework:`, 42001 when absent)
    # Entries whose control belongs to another framework (AIMS625); no other rule reads them, so a
    # misplaced entry is one finding and never counts as this framework's decision.
    foreign: tuple[Entry, ...] = ()
    explicit: bool = False  # the document states `framework:` (an absent one reads as 42001)

    @property
    def approved(self) -> bool:
        return self.status == "approved"

    def decision(self, control: str) -> Entry | None:
        """The first entry for `control` (duplicates are AIMS702's business)."""
        return next((e for e in self.entries if e.control == control), None)


def statements(corpus: Corpus, framework: str | None = DEFAULT_FRAMEWORK) -> list[Soa]:
    """Every SoA in force (not retired) of `framework` (None: of every framework), in path order.

    An entry's unqualified control id is the SoA's framework's; one qualified with that
    framework's prefix reads the same (`ISO27001:A.5.1` in a 27001 SoA is `A.5.1`). Entries
    of other frameworks' SoAs with `same_as` are resolved against the current 42001 SoA.
    """
    found = []
    for source in corpus.sources:
        data = source.data
        status = data.get("status")
        status = status if isinstance(status, str) else ""
        if source.behaviour == SOA and status not in INACTIVE_STATUSES:
            own = soa_framework(data)
            if own is None:
                continue  # an invalid `framework:` (AIMS103 reports it): no SoA of any framework
            read = _entries(data.get("entries"), own)
            entries = tuple(e for e in read if e.foreign is None)
            foreign = tuple(e for e in read if e.foreign is not None)
            found.append(Soa(source, status, entries, own, foreign, "framework" in data))
    base = _first(s for s in found if s.framework == DEFAULT_FRAMEWORK)
    if base is not None:
        found = [s if s.framework == DEFAULT_FRAMEWORK else _resolved(s, base) for s in found]
    return [s for s in found if framework is None or s.framework == framework]


def current(corpus: Corpus, framework: str = DEFAULT_FRAMEWORK) -> Soa | None:
    """The SoA of `framework` the other documents are judged against: the first approved, else the first;
    among those, one that states its `framework:` comes before one that leaves it to the default."""
    return _first(statements(corpus, framework))


def _first(found: Iterable[Soa]) -> Soa | None:
    return min(found, key=lambda s: (not s.approved, not s.explicit), default=None)  # min keeps path order


def _resolved(soa: Soa, base: Soa) -> Soa:
    """`soa` with each `same_as` entry pointing at the 42001 SoA's entry for that control."""
    entries = tuple(
        replace(e, shared=base.decision(e.same_as)) if e.same_as is not None else e for e in soa.entries
    )
    return replace(soa, entries=entries)


@dataclass(frozen=True)
class Sharing:
    """An entry of another framework's SoA with `same_as`, as AIMS621 and AIMS622 judge it."""

    soa: Soa  # the SoA of another framework the entry is in
    entry: Entry  # an entry with `same_as`
    base: Soa | None  # the current ISO/IEC 42001 SoA, which `same_as` is read from
    known: bool  # `same_as` names an ISO/IEC 42001 Annex A control (else AIMS620 reports it)

    @property
    def start(self) -> str:
        """How their findings begin: "ISO/IEC 27001:2022 control A.5.34 shares its implementation with
        A.7.2"."""
        name = control_name(self.soa.framework, self.entry.control or f"entry {self.entry.index + 1}")
        return f"{name} shares its implementation with {self.entry.same_as}"

    @property
    def pointer(self) -> str:
        """Where their findings point: the entry's `same_as`."""
        return self.entry.pointer("same_as")


def sharings(corpus: Corpus) -> Iterator[Sharing]:
    """Every entry with `same_as` in an SoA in force of a framework other than ISO/IEC 42001, in path
    then entry order (`same_as` in the 42001 SoA itself shares nothing: AIMS620 reports it).

    AIMS621 (the shared control is undecided, or missing) and AIMS622 (it is excluded) both walk
    these, so they cannot disagree on which entries they read or how they name them."""
    catalog = load_catalog()
    base = current(corpus)
    for soa in statements(corpus, None):
        if soa.framework == DEFAULT_FRAMEWORK:
            continue
        for entry in soa.entries:
            if entry.same_as is not None:
                yield Sharing(soa, entry, base, catalog.control(entry.same_as) is not None)


def control_name(framework_id: str, control: str) -> str:
    """How messages name a control of an SoA: "control A.6.2.4" for ISO/IEC 42001 (as always),
    "ISO/IEC 27001:2022 control A.5.1" for another framework."""
    row = framework_row(framework_id)
    if framework_id == DEFAULT_FRAMEWORK or row is None:
        return f"control {control}"
    return f"{row.title} control {control}"


def _entries(raw: Any, framework: str) -> tuple[Entry, ...]:
    if not isinstance(raw, list):
        return ()
    return tuple(_entry(i, item, framework) for i, item in enumerate(raw) if isinstance(item, dict))


def _entry(index: int, item: dict[str, Any], framework: str) -> Entry:
    applicable = item.get("applicable")
    justification = item.get("justification")
    implementation = item.get("implementation")
    control = item.get("control")
    cited = parse(control, framework) if isinstance(control, str) else None
    same_as = item.get("same_as")
    shares = parse(same_as) if isinstance(same_as, str) else None  # an ISO/IEC 42001 id, bare or prefixed
    foreign = cited is not None and cited.framework != framework
    return Entry(
        index=index,
        # in the SoA's own framework, without prefix; an id of another framework is only in `foreign`
        control=None if cited is None or foreign else cited.local,
        foreign=control if foreign else None,
        applicable=applicable if isinstance(applicable, bool) else None,
        reasons=_strings(item.get("reasons")),
        justification=justification.strip() if isinstance(justification, str) else "",
        implementation=implementation if isinstance(implementation, str) else None,
        implemented_by=_strings(item.get("implemented_by")),
        has=frozenset(str(k) for k in item),
        same_as=None if shares is None else _shared_id(shares),
    )


def _shared_id(cited: Cited) -> str:
    """A `same_as` id without the 42001 prefix; one of another framework as written (AIMS620's)."""
    return cited.local if cited.framework == DEFAULT_FRAMEWORK else cited.text


def _strings(raw: Any) -> tuple[str, ...]:
    return tuple(v for v in raw if isinstance(v, str)) if isinstance(raw, list) else ()


def operating_records(corpus: Corpus, control: str, framework: str = DEFAULT_FRAMEWORK) -> tuple[str, ...]:
    """Ids of the approved records in force that show `control` operating, sorted.

    A record shows a control operating when it lists the control in its
    `controls`. The SoA rules (an `implemented` control needs one) and the
    readiness report (such a control counts as implemented only with one)
    both ask this, so they cannot disagree.
    """
    return corpus.operating.get((framework, control), ())


def evidence(corpus: Corpus, soa: Soa, entry: Entry) -> tuple[str, ...]:
    """The records that show an entry's control operating, sorted: those listing its own control and,
    for an entry that shares its implementation (`same_as`), those listing the 42001 control too."""
    own = operating_records(corpus, entry.control, soa.framework) if entry.control else ()
    if entry.shared is None or entry.same_as is None:
        return own
    return tuple(sorted({*own, *operating_records(corpus, entry.same_as)}))


def implementer_problem(corpus: Corpus, doc_id: str) -> str | None:
    """Why `doc_id`, named in an entry's `implemented_by`, cannot carry the control out ("does not
    exist", "is retired", "is not approved (status: draft)"), or None for an approved document in force.

    A mapped control is not an implemented one. The SoA rules (AIMS705: an implemented or partial
    control must name approved implementing documents) and the readiness report (such a control
    counts as implemented only when its implementing documents pass this and have no error
    findings) both ask this, so they cannot disagree.
    """
    doc = corpus.get(doc_id)
    if doc is None:
        return "does not exist"
    if not doc.active:
        return f"is {doc.status}"
    if doc.status != "approved":
        return f"is not approved (status: {doc.status})"
    return None

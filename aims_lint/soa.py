"""The Statement of Applicability as the SoA rules and the readiness report read it.

Entries are read from the raw front matter, one per list item and with its
index, so every finding points at the exact entry and a malformed entry
elsewhere in the list (which the schema reports) does not hide the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, parse
from aims_lint.catalog.references import soa_framework
from aims_lint.corpus import Corpus
from aims_lint.doctypes import SOA
from aims_lint.document import SourceFile
from aims_lint.model import INACTIVE_STATUSES, Record
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

    @property
    def approved(self) -> bool:
        return self.status == "approved"

    def decision(self, control: str) -> Entry | None:
        """The first entry for `control` (duplicates are AIMS702's business)."""
        return next((e for e in self.entries if e.control == control), None)


def statements(corpus: Corpus, framework: str | None = DEFAULT_FRAMEWORK) -> list[Soa]:
    """Every SoA in force (not retired) of `framework` (None: of every framework), in path order.

    An entry's unqualified control id is the SoA's framework's; one qualified with that
    framework's prefix reads the same (`ISO27001:A.5.1` in a 27001 SoA is `A.5.1`).
    """
    found = []
    for source in corpus.sources:
        data = source.data
        status = data.get("status")
        status = status if isinstance(status, str) else ""
        if source.behaviour == SOA and status not in INACTIVE_STATUSES:
            own = soa_framework(data)
            if framework is None or own == framework:
                found.append(Soa(source, status, _entries(data.get("entries"), own), own))
    return found


def current(corpus: Corpus, framework: str = DEFAULT_FRAMEWORK) -> Soa | None:
    """The SoA of `framework` the other documents are judged against: the first approved, else the first."""
    found = statements(corpus, framework)
    return next((s for s in found if s.approved), found[0] if found else None)


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
    return Entry(
        index=index,
        # in the SoA's own framework, without prefix; an id of another framework is kept as written
        control=None if cited is None else cited.local if cited.framework == framework else control,
        applicable=applicable if isinstance(applicable, bool) else None,
        reasons=_strings(item.get("reasons")),
        justification=justification.strip() if isinstance(justification, str) else "",
        implementation=implementation if isinstance(implementation, str) else None,
        implemented_by=_strings(item.get("implemented_by")),
        has=frozenset(str(k) for k in item),
    )


def _strings(raw: Any) -> tuple[str, ...]:
    return tuple(v for v in raw if isinstance(v, str)) if isinstance(raw, list) else ()


def operating_records(corpus: Corpus, control: str, framework: str = DEFAULT_FRAMEWORK) -> tuple[str, ...]:
    """Ids of the approved records in force that show `control` operating, sorted.

    A record shows a control operating when it lists the control in its
    `controls`. The SoA rules (an `implemented` control needs one) and the
    readiness report (such a control counts as implemented only with one)
    both ask this, so they cannot disagree.
    """
    return tuple(sorted({
        doc.id for _, doc in corpus.typed
        if isinstance(doc, Record) and doc.active and doc.status == "approved"
        and control in doc.control_ids(framework)
    }))

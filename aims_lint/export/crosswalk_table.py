"""A crosswalk as rows for people and spreadsheets: text, JSON and CSV (`aims-lint crosswalk`).

The rows carry each mapping's two items with their titles, read from the two
catalogs, and their ids as a document cites them (`frameworks.qualified`:
ISO/IEC 42001's bare, the others prefixed), so an id can be copied into a
document's `clauses` or `controls` as it is. Rows are in catalog order (the `from` item's, then the `to`
item's), not file order, so two crosswalks read the same way and a reordered
data file prints the same. Pure functions: no files, no clock.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from aims_lint.catalog.crosswalk import Crosswalk
from aims_lint.catalog.frameworks import framework, qualified
from aims_lint.catalog.model import Catalog

COLUMNS = ("from", "from_title", "to", "to_title", "relationship", "rationale", "source")
# What each relationship says, read from the left item to the right one (the data's own terms).
MEANING = {
    "equivalent": "both ask for the same thing",
    "subset": "the left item asks for part of what the right one does",
    "superset": "the left item asks for all the right one does, and more",
    "related": "they overlap; neither contains the other",
}
ADVISORY = ("ADVISORY: no authoritative mapping exists between these frameworks. Treat these "
            "mappings as guidance for planning, not as evidence that one framework's requirement is met.")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # the same defence as export/spreadsheet.py


@dataclass(frozen=True)
class Row:
    from_local: str  # id in the source catalog: "A.2.2"
    from_id: str  # as a document cites it: "A.2.2", "ISO27001:A.5.1"
    from_title: str
    relationship: str  # crosswalk.RELATIONSHIPS, how `from` relates to `to`
    to_local: str
    to_id: str
    to_title: str
    rationale: str
    source: str


def rows(walk: Crosswalk, source: Catalog, target: Catalog) -> tuple[Row, ...]:
    """The crosswalk's mappings with titles from `source` and `target`, in catalog order."""
    before, after = _order(source), _order(target)
    found = [
        Row(m.source_id, qualified(walk.source, m.source_id), _title(source, m.source_id), m.relationship,
            m.target_id, qualified(walk.target, m.target_id), _title(target, m.target_id),
            m.rationale.strip(), m.source)
        for m in walk.mappings
    ]
    return tuple(sorted(found, key=lambda r: (_place(before, r.from_local), _place(after, r.to_local),
                                              r.relationship)))


def to_text(walk: Crosswalk, found: tuple[Row, ...]) -> str:
    lines = [walk.title, f"{_name(walk.source)} -> {_name(walk.target)}: {len(found)} mapping(s)"]
    if walk.advisory:
        lines.append(ADVISORY)
    lines.append("")
    header = ("FROM", "FROM TITLE", "RELATIONSHIP", "TO", "TO TITLE")
    table = [header, *((r.from_id, r.from_title, r.relationship, r.to_id, r.to_title) for r in found)]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for line in table:
        cells = [cell.ljust(width) for cell, width in zip(line, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines.append("")
    used = sorted({r.relationship for r in found}, key=list(MEANING).index)
    lines.extend(f"{name}: {MEANING[name]}" for name in used)
    if walk.sources:
        lines.extend(["", "Checked against:", *(f"- {text}" for text in walk.sources)])
    return "\n".join(lines) + "\n"


def to_json(walk: Crosswalk, found: tuple[Row, ...]) -> str:
    payload: dict[str, Any] = {
        "source": walk.source,
        "target": walk.target,
        "title": walk.title,
        "advisory": walk.advisory,
        "sources": list(walk.sources),
        "mappings": [dict(zip(COLUMNS, _cells(r), strict=True)) for r in found],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def to_csv(found: tuple[Row, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([_inert(cell) for cell in _cells(r)] for r in found)
    return out.getvalue()


def _cells(row: Row) -> tuple[str, ...]:
    return (row.from_id, row.from_title, row.to_id, row.to_title, row.relationship, row.rationale, row.source)


def _inert(value: str) -> str:
    """A cell a spreadsheet program would read as a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _name(framework_id: str) -> str:
    found = framework(framework_id)
    return f"{found.title} ({framework_id})" if found else framework_id


def _title(catalog: Catalog, item_id: str) -> str:
    item = catalog.get(item_id)
    return item.title if item is not None else ""  # tests hold every packaged id to its catalog


def _order(catalog: Catalog) -> dict[str, int]:
    return {item.id: place for place, item in enumerate(catalog.items)}


def _place(order: dict[str, int], item_id: str) -> tuple[int, str]:
    return (order.get(item_id, len(order)), item_id)

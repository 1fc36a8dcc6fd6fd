"""Where a document cites a framework: its clause and control ids, with their JSON pointers.

Read from the raw front matter rather than the typed model, so an id is
checked (and located) even when another field of the same file failed the
schema and the typed model could not be built.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, Cited, cites_field, framework, parse
from aims_lint.document import SourceFile
from aims_lint.model import INACTIVE_STATUSES
from aims_lint.positions import join_pointer


def string_items(data: dict[str, Any], key: str) -> Iterator[tuple[int, str]]:
    """(index, value) of the string items of a list field; other items are the schema's business."""
    values = data.get(key)
    if isinstance(values, list):
        for index, value in enumerate(values):
            if isinstance(value, str):
                yield index, value


# Fields that list clause ids, or control ids, on their own; the audit records' scope among them.
CLAUSE_FIELDS = ("clauses", "scope_clauses")
CONTROL_FIELDS = ("controls", "scope_controls")
# Where an audit names either kind of id.
_MIXED_FIELDS = ("deferred",)


@dataclass(frozen=True)
class Citation:
    """One cited id and where it stands."""

    pointer: str
    field: str  # the kind of place: "clauses" (it names a clause) or "controls" (a control, subcategory ...)
    cited: Cited  # the id read against the framework table (`frameworks.parse`)


def citations(source: SourceFile) -> Iterator[Citation]:
    """Every id `source` cites, of any framework, in field order.

    `clauses` and `scope_clauses` cite clauses; `controls`, `scope_controls` and the SoA's
    `entries[].control` cite controls (or a framework's equivalent: a NIST subcategory, an AI Act
    article). An audit's `deferred` and `findings[].clause_or_control` hold either: an id whose
    local part starts with a digit is a clause. An SoA's unqualified entry ids are its own
    framework's (`framework:`, ISO/IEC 42001 when absent); every other unqualified id is 42001's.
    """
    for key in CLAUSE_FIELDS:
        for index, value in string_items(source.data, key):
            yield Citation(join_pointer(key, index), "clauses", parse(value))
    for key in CONTROL_FIELDS:
        for index, value in string_items(source.data, key):
            yield Citation(join_pointer(key, index), "controls", parse(value))
    for pointer, value in _mixed(source):
        cited = parse(value)
        yield Citation(pointer, cites_field(cited.local), cited)
    entries = source.data.get("entries")
    default = soa_framework(source.data)
    # An SoA whose `framework` is invalid decides on no framework's controls: its entries cite nothing
    # (the schema reports the value once, instead of one finding per entry read in the wrong catalog).
    if isinstance(entries, list) and default is not None:
        for index, entry in enumerate(entries):
            control = entry.get("control") if isinstance(entry, dict) else None
            if isinstance(control, str):
                yield Citation(join_pointer("entries", index, "control"), "controls", parse(control, default))


def soa_framework(data: dict[str, Any]) -> str | None:
    """The framework an SoA's entries decide on: its `framework` field, ISO/IEC 42001 when absent.

    An invalid value (not a string, unknown, or a framework that is not certifiable; the schema
    reports it) is None: such a document is no SoA of any framework. Reading it as 42001's made it
    the current 42001 SoA when its path sorted first, and every 42001 rule then reported it.
    """
    if "framework" not in data:
        return DEFAULT_FRAMEWORK
    value = data.get("framework")
    row = framework(value) if isinstance(value, str) else None
    return row.id if row is not None and row.certifiable else None


def _mixed(source: SourceFile) -> Iterator[tuple[str, str]]:
    for key in _MIXED_FIELDS:
        for index, value in string_items(source.data, key):
            yield join_pointer(key, index), value
    findings = source.data.get("findings")
    if isinstance(findings, list):
        for index, entry in enumerate(findings):
            target = entry.get("clause_or_control") if isinstance(entry, dict) else None
            if isinstance(target, str):
                yield join_pointer("findings", index, "clause_or_control"), target


def in_force(source: SourceFile) -> bool:
    """Not retired or superseded; a malformed status (the schema reports it) counts as in force."""
    status = source.data.get("status")
    return not (isinstance(status, str) and status in INACTIVE_STATUSES)

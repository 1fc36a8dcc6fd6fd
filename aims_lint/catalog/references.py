"""Where a document cites the standard: its clause and control ids, with their JSON pointers.

Read from the raw front matter rather than the typed model, so an id is
checked (and located) even when another field of the same file failed the
schema and the typed model could not be built.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
# Where an audit names either kind of id; a control id starts with "A.".
_MIXED_FIELDS = ("deferred",)


def clause_references(source: SourceFile) -> Iterator[tuple[str, str]]:
    """(pointer, clause id) for every entry of `clauses` and `scope_clauses`, and the clause ids of an
    audit's `deferred` and `findings[].clause_or_control`."""
    for key in CLAUSE_FIELDS:
        for index, value in string_items(source.data, key):
            yield join_pointer(key, index), value
    yield from (ref for ref in _mixed(source) if not ref[1].startswith("A."))


def control_references(source: SourceFile) -> Iterator[tuple[str, str]]:
    """(pointer, control id) from `controls`, `scope_controls`, the SoA's `entries[].control`, and the
    control ids of an audit's `deferred` and `findings[].clause_or_control`."""
    for key in CONTROL_FIELDS:
        for index, value in string_items(source.data, key):
            yield join_pointer(key, index), value
    yield from (ref for ref in _mixed(source) if ref[1].startswith("A."))
    entries = source.data.get("entries")
    if isinstance(entries, list):
        for index, entry in enumerate(entries):
            control = entry.get("control") if isinstance(entry, dict) else None
            if isinstance(control, str):
                yield join_pointer("entries", index, "control"), control


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

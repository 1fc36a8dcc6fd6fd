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


def clause_references(source: SourceFile) -> Iterator[tuple[str, str]]:
    """(pointer, clause id) for every entry of `clauses`."""
    for index, value in string_items(source.data, "clauses"):
        yield join_pointer("clauses", index), value


def control_references(source: SourceFile) -> Iterator[tuple[str, str]]:
    """(pointer, control id) from `controls` and from the SoA's `entries[].control`."""
    for index, value in string_items(source.data, "controls"):
        yield join_pointer("controls", index), value
    entries = source.data.get("entries")
    if isinstance(entries, list):
        for index, entry in enumerate(entries):
            control = entry.get("control") if isinstance(entry, dict) else None
            if isinstance(control, str):
                yield join_pointer("entries", index, "control"), control


def in_force(source: SourceFile) -> bool:
    """Not retired or superseded; a malformed status (the schema reports it) counts as in force."""
    status = source.data.get("status")
    return not (isinstance(status, str) and status in INACTIVE_STATUSES)

"""The front-matter fields that changed between two approved versions, one readable row per change.

A scalar field is one row, its old and new value. A structured value is
compared inside, so an auditor sees what changed rather than two long dumps:

- a list of mappings with a natural key (the first of `id`, `control`,
  `name`, `key` that every element of both versions has, as a plain value,
  unique within each version) is compared element by element: one row per
  changed sub-field, labelled `entries A.7.3 · applicable`, and one row for
  each element added or removed. A list of mappings without such a key is
  compared by position (`items [3] · status`, a removed one as `items [old 3]`),
  matched so an inserted element does not shift the ones after it;
- a mapping is compared key by key, by dotted path (`owner.team`);
- a plain list (`related`) is one row with both lists, the items that went
  and came marked.

Rows follow the newer version's document order; what the newer version no
longer has comes after what preceded it in the older one. The values here
are plain text: the page escapes them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from typing import Any

# The keys that name an element of a list, in the order they are tried.
NATURAL_KEYS = ("id", "control", "name", "key")
SUB = " · "  # between an element's label and its sub-field


@dataclass(frozen=True)
class Item:
    """One item of a plain list as shown in a row; `marked` when it went (old list) or came (new)."""

    text: str
    marked: bool = False


@dataclass(frozen=True)
class FieldChange:
    name: str  # the row's label: `version`, `owner.team`, `entries A.7.3 · applicable`
    before: str  # "" when the field (or element) was not there
    after: str
    # For a plain list, its items with those that went (before) and came (after) marked.
    before_items: tuple[Item, ...] | None = None
    after_items: tuple[Item, ...] | None = None


class _Absent:
    """A field or element one of the versions does not have (unlike an explicit null)."""

    def __bool__(self) -> bool:
        return False


ABSENT = _Absent()


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[FieldChange]:
    """Each changed field, element and sub-field, in the newer version's order (see the module)."""
    changes: list[FieldChange] = []
    _mapping("", ".", before, after, changes)
    return changes


def value_text(value: Any) -> str:
    """A value as one line of text, as written (dates as ISO, plain lists joined, the rest as JSON)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list) and all(_scalar(v) for v in value):
        return ", ".join(value_text(v) for v in value) if value else "[]"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _compare(label: str, old: Any, new: Any, out: list[FieldChange]) -> None:
    if _same(old, new):
        return
    if isinstance(old, Mapping | _Absent) and isinstance(new, Mapping | _Absent) and _nonempty(old, new):
        _mapping(label, ".", _as_mapping(old), _as_mapping(new), out)
        return
    if isinstance(old, list | _Absent) and isinstance(new, list | _Absent) and _nonempty(old, new):
        olds, news = _as_list(old), _as_list(new)
        if all(_scalar(v) for v in (*olds, *news)) and not (isinstance(old, _Absent)
                                                            or isinstance(new, _Absent)):
            out.append(_plain_list(label, olds, news))
            return
        if all(isinstance(v, Mapping) for v in (*olds, *news)):
            key = natural_key(olds, news)
            if key is not None:
                _keyed(label, key, olds, news, out)
            else:
                _positional(label, olds, news, out)
            return
    out.append(FieldChange(label, _text(old), _text(new)))


def _mapping(label: str, sep: str, old: Mapping[str, Any], new: Mapping[str, Any],
             out: list[FieldChange]) -> None:
    for name in _merged_order(list(old), list(new)):
        _compare(f"{label}{sep}{name}" if label else str(name), old.get(name, ABSENT),
                 new.get(name, ABSENT), out)


def natural_key(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> str | None:
    """The first of NATURAL_KEYS every element of both lists has, as a plain value unique in each."""
    for key in NATURAL_KEYS:
        if all(_names(elements, key) is not None for elements in (old, new)):
            return key
    return None


def _names(elements: Sequence[Mapping[str, Any]], key: str) -> list[str] | None:
    names = []
    for element in elements:
        value = element.get(key)
        if isinstance(value, bool) or not isinstance(value, (str, int, float, date)):
            return None
        names.append(value_text(value))
    return names if len(set(names)) == len(names) else None


def _keyed(label: str, key: str, old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]],
           out: list[FieldChange]) -> None:
    olds = dict(zip(_names(old, key) or [], old, strict=True))
    news = dict(zip(_names(new, key) or [], new, strict=True))
    for name in _merged_order(list(olds), list(news)):
        _element(f"{label} {name}", key, olds.get(name, ABSENT), news.get(name, ABSENT), out)


def _positional(label: str, old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]],
                out: list[FieldChange]) -> None:
    # Matched on their whole value, so an inserted element leaves the ones after it unchanged.
    matcher = SequenceMatcher(None, [_canonical(v) for v in old], [_canonical(v) for v in new],
                              autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(paired):
            _element(f"{label} [{j1 + offset + 1}]", None, old[i1 + offset], new[j1 + offset], out)
        for i in range(i1 + paired, i2):
            _element(f"{label} [old {i + 1}]", None, old[i], ABSENT, out)
        for j in range(j1 + paired, j2):
            _element(f"{label} [{j + 1}]", None, ABSENT, new[j], out)


def _element(label: str, key: str | None, old: Mapping[str, Any] | _Absent, new: Mapping[str, Any] | _Absent,
             out: list[FieldChange]) -> None:
    """An element present in both versions by sub-field; one added or removed as one row."""
    if isinstance(old, _Absent) or isinstance(new, _Absent):
        out.append(FieldChange(label, _summary(old, key), _summary(new, key)))
    elif not _same(old, new):
        _mapping(label, SUB, old, new, out)


def _summary(element: Mapping[str, Any] | _Absent, key: str | None) -> str:
    """An added or removed element on one line, its fields in order (the key is in the label)."""
    if isinstance(element, _Absent):
        return ""
    return "; ".join(f"{name}: {value_text(value)}" for name, value in element.items() if name != key) or "{}"


def _plain_list(label: str, old: Sequence[Any], new: Sequence[Any]) -> FieldChange:
    return FieldChange(label, value_text(list(old)), value_text(list(new)),
                       before_items=_marked(old, new), after_items=_marked(new, old))


def _marked(items: Sequence[Any], other: Sequence[Any]) -> tuple[Item, ...]:
    """`items` with each one `other` lacks marked; counted, so a repeated item is matched once each."""
    left = Counter(_canonical(v) for v in other)
    shown = []
    for value in items:
        found = left[_canonical(value)] > 0
        left[_canonical(value)] -= found
        shown.append(Item(value_text(value), not found))
    return tuple(shown)


def _merged_order(old: list[Any], new: list[Any]) -> list[Any]:
    """The newer order, each name only the older has placed after the one it followed there."""
    merged = list(new)
    present = set(new)
    for index, name in enumerate(old):
        if name in present:
            continue
        merged.insert(merged.index(old[index - 1]) + 1 if index else 0, name)
        present.add(name)
    return merged


def _text(value: Any) -> str:
    return "" if isinstance(value, _Absent) else value_text(value)


def _scalar(value: Any) -> bool:
    return not isinstance(value, (list, dict, Mapping))


def _nonempty(old: Any, new: Any) -> bool:
    # A field added or removed whole is compared inside only when there is something inside.
    return (not isinstance(old, _Absent) and not isinstance(new, _Absent)) or bool(old or new)


def _as_mapping(value: Mapping[str, Any] | _Absent) -> Mapping[str, Any]:
    return {} if isinstance(value, _Absent) else value


def _as_list(value: list[Any] | _Absent) -> list[Any]:
    return [] if isinstance(value, _Absent) else value


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, _Absent) or isinstance(new, _Absent):
        return isinstance(old, _Absent) and isinstance(new, _Absent)
    if _scalar(old) and _scalar(new):  # as the page shows them: a date and its ISO text are the same
        return value_text(old) == value_text(new)
    return _canonical(old) == _canonical(new)

"""Schemas older than framework-qualified ids: telling their pattern errors apart, and the fix.

Before documents could cite other frameworks, the shipped schemas held
`clauses` and `controls` to ISO/IEC 42001's shapes (`^A\\.(?:[2-9]|10)...$`).
A repository that copied those schemas and then cites `ISO27001:A.5.1` would
get one pattern-mismatch error per id, all saying the same thing: the schema
is out of date, not the documents. `predates_qualified_ids` decides, for one
schema error, whether it is that case; the validate stage then records it for
AIMS614, which reports it once per schema file with the pattern to use.

The patterns below are the shipped schemas' (both copies, `schemas/` and
`aims_lint/data/schemas/`); tests/test_schema_upgrade.py holds them to each other.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import yaml

from aims_lint.catalog.frameworks import PREFIX_PATTERN, parse

_LOCAL = "[A-Za-z0-9][A-Za-z0-9.()-]*"  # an id inside any framework
_OTHER = f"{PREFIX_PATTERN}:{_LOCAL}"  # any framework's qualified id
_CLAUSE = "(?:[4-9]|10)(?:\\.[0-9]+){0,2}"
_CONTROL = "A\\.(?:[2-9]|10)(?:\\.[0-9]+){1,2}"
CLAUSE_PATTERN = f"^(?:(?:ISO42001:)?{_CLAUSE}|{_OTHER})$"
CONTROL_PATTERN = f"^(?:(?:ISO42001:)?{_CONTROL}|{_OTHER})$"
EITHER_PATTERN = f"^(?:(?:ISO42001:)?(?:{_CLAUSE}|{_CONTROL})|{_OTHER})$"
ENTRY_PATTERN = f"^(?:{PREFIX_PATTERN}:)?{_LOCAL}$"

# Where a document cites ids, by the shape of the error's path, and the pattern each takes now.
_LISTS = {"clauses": CLAUSE_PATTERN, "scope_clauses": CLAUSE_PATTERN, "controls": CONTROL_PATTERN,
          "scope_controls": CONTROL_PATTERN, "deferred": EITHER_PATTERN}
_NESTED = {("findings", "clause_or_control"): EITHER_PATTERN, ("entries", "control"): ENTRY_PATTERN}


def citing_field(path: Sequence[Any]) -> str | None:
    """The citing field an error's path is an item of (`controls`, `findings[].clause_or_control`)."""
    if len(path) == 2 and path[0] in _LISTS and isinstance(path[1], int):
        return str(path[0])
    if len(path) == 3 and isinstance(path[1], int) and (path[0], path[2]) in _NESTED:
        return f"{path[0]}[].{path[2]}"
    return None


# Fields the SoA gained with several frameworks (its `framework`, an entry's `same_as`), by the shape
# of the path to the key, for a type with the SoA behaviour: an old SoA schema closes its properties
# (`additionalProperties: false`) without them, so a 27001 SoA would read as "unknown field".
_SOA_FIELDS = {("framework",): "framework", ("entries", int, "same_as"): "entries[].same_as"}
SOA_BEHAVIOUR = "soa"  # doctypes.SOA, named here so this module needs no document types


def new_field(path: Sequence[Any]) -> str | None:
    """The SoA field added for several frameworks a key's path names (`entries[].same_as`), or None."""
    shape = tuple(int if isinstance(p, int) else p for p in path)
    return _SOA_FIELDS.get(shape)


def predates_new_field(behaviour: str | None, key_path: Sequence[Any]) -> str | None:
    """The field, when an unknown-field error is an old SoA schema closed before `framework` and
    `same_as` existed (and the shipped SoA schema declares it)."""
    if behaviour != SOA_BEHAVIOUR:
        return None
    field = new_field(key_path)
    return field if field is not None and current_definition(field) else None


@cache
def current_definition(field: str) -> dict[str, Any]:
    """The shipped SoA schema's definition of a field `new_field` named, without its description."""
    shipped = resources.files("aims_lint").joinpath("data", "schemas", "soa.schema.yaml")
    node: Any = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    outer, _, inner = field.partition("[].")
    node = node.get("properties", {}).get(outer, {})
    if inner:
        node = node.get("items", {}).get("properties", {}).get(inner, {})
    return {k: v for k, v in node.items() if k != "description"} if isinstance(node, dict) else {}


def closing_position(text: str, field: str) -> tuple[int, int] | None:
    """1-based (line, column) of the `additionalProperties` (or `unevaluatedProperties`) key that
    closes the mapping a field `new_field` named belongs in: the root's for `framework`, the
    entries' items' for `entries[].same_as`."""
    node = _composed(text)
    outer, _, inner = field.partition("[].")
    for step in (("properties", outer, "items") if inner else ()):
        node = _value(node, step)
    if not isinstance(node, yaml.MappingNode):
        return None
    for name, _ in node.value:
        if isinstance(name, yaml.ScalarNode) and name.value in _CLOSING:
            return name.start_mark.line + 1, name.start_mark.column + 1
    return None


_CLOSING = ("additionalProperties", "unevaluatedProperties")


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def current_pattern(field: str) -> str:
    """The shipped pattern for a field `citing_field` named."""
    if field in _LISTS:
        return _LISTS[field]
    outer, _, inner = field.partition("[].")
    return _NESTED[(outer, inner)]


def predates_qualified_ids(validator: str, path: Sequence[Any], instance: Any) -> str | None:
    """The citing field, when this schema error is an old pattern rejecting a qualified id.

    That is: a `pattern` failure on an item of a field that cites ids, the value carries a prefix
    of the framework table (ISO42001: too), and the shipped pattern for that field accepts it.
    Anything else (`clause 6`, `ISO27001:A 5 1`, an unknown prefix) stays a pattern mismatch.
    """
    if validator != "pattern" or not isinstance(instance, str):
        return None
    field = citing_field(path)
    if field is None:
        return None
    cited = parse(instance)
    if cited.prefix is None or not cited.known:
        return None
    return field if re.search(current_pattern(field), instance) else None


def as_yaml(pattern: str) -> str:
    """A pattern as a double-quoted YAML scalar, ready to paste (JSON's escapes are YAML's)."""
    return json.dumps(pattern)


def pattern_position(text: str, pattern: str, field: str | None = None) -> tuple[int, int] | None:
    """1-based (line, column) of the first `pattern:` value equal to `pattern` in a schema's text;
    with `field` (as `citing_field` names it), only one below that field's key."""
    root = _composed(text)
    if root is None:
        return None
    key = None if field is None else field.rpartition(".")[2]
    stack: list[tuple[yaml.Node, bool]] = [(root, key is None)]
    found: list[tuple[int, int]] = []
    while stack:
        node, below = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for name, value in node.value:
                named = isinstance(name, yaml.ScalarNode)
                if (below and named and name.value == "pattern"
                        and isinstance(value, yaml.ScalarNode) and value.value == pattern):
                    found.append((value.start_mark.line + 1, value.start_mark.column + 1))
                stack.append((value, below or (named and name.value == key)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, below) for item in node.value)
    return min(found) if found else None


@cache
def _composed(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None

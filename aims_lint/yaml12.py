"""A fast, safe YAML loader with YAML 1.2 core-schema scalars and no surprises.

PyYAML's C loader is about fifteen times faster than a pure-Python round-trip
parse, but it resolves scalars the YAML 1.1 way: ``no`` becomes ``False``,
``1:20`` becomes ``80`` and ``2026-01-10`` becomes a ``date``. Front matter is
written by people who expect what they typed, so this loader keeps the C
parser and swaps the implicit resolvers for the YAML 1.2 core schema, leaves
dates as strings (the schemas validate them with ``format: date``), and
rejects duplicate keys instead of silently keeping the last value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from aims_lint.problem import RuleKey

_CORE_RESOLVERS: list[tuple[str, re.Pattern[str], str]] = [
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    (
        "tag:yaml.org,2002:int",
        re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+0123456789.",
    ),
]


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A mapping names the same key twice; YAML forbids it, PyYAML ignores it."""


class UnreadableValue(yaml.MarkedYAMLError):
    """A value its explicit tag cannot read (`!!int abc`, `!!bool maybe`, `!!map [1]`).

    PyYAML's constructors raise plain ValueError, KeyError or TypeError for these;
    they become a YAML error placed at the value (or, where PyYAML builds the
    value later, at the start of the front matter).
    """

    def __init__(self, node: yaml.Node | None, error: Exception) -> None:
        mark = node.start_mark if node is not None else None
        tag = node.tag.removeprefix("tag:yaml.org,2002:") if node is not None else ""
        what = f"this !!{tag} value" if node is not None else "a tagged value"
        super().__init__(problem=f"{what} cannot be read as its tag says ({error})", problem_mark=mark)


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_KINDS = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
}


@dataclass(frozen=True)
class OddKey:
    """A mapping key that is not a non-empty string; its pair is left out of the data."""

    rule: RuleKey  # NON_STRING_KEY, EMPTY_KEY or MERGE_KEY
    mark: yaml.Mark  # where the key starts
    message: str


def odd_key(node: yaml.Node) -> tuple[RuleKey, str] | None:
    """(rule key, message) for a key node that is not a usable field name, else None."""
    if isinstance(node, yaml.SequenceNode | yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
        return RuleKey.NON_STRING_KEY, f"a key must be text, not {kind}; the entry is ignored"
    plain = isinstance(node, yaml.ScalarNode) and not node.style  # the C loader says "" for plain
    if node.tag == _MERGE or (node.tag == _STR and node.value == "<<" and plain):
        return RuleKey.MERGE_KEY, (
            "'<<' merge keys are YAML 1.1 only: some readers merge the mapping, others keep "
            "a field named '<<'; write the fields out; the entry is ignored"
        )
    if node.tag != _STR:
        kind = _KINDS.get(node.tag, f"tagged {node.tag}")
        return RuleKey.NON_STRING_KEY, (
            f"key {node.value!r} is read by YAML as {kind}, not text; quote it "
            f'("{node.value}") if it is meant as a name; the entry is ignored'
        )
    if node.value == "":
        return RuleKey.EMPTY_KEY, "a key is an empty string; give the field a name; the entry is ignored"
    return None


class CoreLoader(yaml.CSafeLoader):
    """CSafeLoader with YAML 1.2 core scalars and duplicate-key detection."""

    yaml_implicit_resolvers = {}  # noqa: RUF012  # PyYAML reads it from the class; filled below

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        """PyYAML's `BaseResolver.resolve` without the parts this loader never uses.

        The C composer calls this for every node, about forty times per
        document, and it was a fifth of the parse time. This loader has no
        wildcard implicit resolvers and no path resolvers, so only the lookup
        by first character remains; the answers are the same.
        """
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag  # type: ignore[no-any-return]
            return self.DEFAULT_SCALAR_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.odd_keys: list[OddKey] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        # Keys that are not non-empty strings are reported and left out, here where
        # every mapping at any depth passes once, before PyYAML could fail on them
        # (a list as a key is unhashable) or merge them (`<<`).
        kept = []
        for key_node, value_node in node.value:
            odd = odd_key(key_node)
            if odd is None:
                kept.append((key_node, value_node))
            else:
                self.odd_keys.append(OddKey(odd[0], key_node.start_mark, odd[1]))
        node.value = kept
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise DuplicateKeyError(
                    "key first defined here",
                    seen[key].start_mark,
                    f"duplicate key {key!r}",
                    key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, KeyError, TypeError) as exc:
            raise UnreadableValue(node, exc) from None

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        value = str(self.construct_scalar(node))
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        value = str(self.construct_scalar(node)).lower()
        if value.endswith("nan"):  # .nan, .NaN, .NAN: float() only reads "nan"
            return float("nan")
        if value.endswith("inf"):
            return float("-inf") if value.startswith("-") else float("inf")
        return float(value)


for _tag, _regexp, _first in _CORE_RESOLVERS:
    CoreLoader.add_implicit_resolver(_tag, _regexp, list(_first))
# An empty plain value (`owner:`) is null in YAML 1.2, not ''; PyYAML looks empty
# values up under the first character '', which a string of first characters cannot hold.
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])
CoreLoader.add_constructor("tag:yaml.org,2002:int", CoreLoader.construct_yaml_int)
CoreLoader.add_constructor("tag:yaml.org,2002:float", CoreLoader.construct_yaml_float)
# Timestamps stay strings: there is no implicit resolver for them, and an
# explicit !!timestamp tag is refused rather than silently turned into a date.
CoreLoader.yaml_constructors = {
    tag: ctor
    for tag, ctor in CoreLoader.yaml_constructors.items()
    if tag
    not in {f"tag:yaml.org,2002:{name}" for name in ("timestamp", "binary", "set", "omap", "pairs")}
}


@dataclass(frozen=True)
class Loaded:
    root: yaml.Node | None  # the node tree, for positions (odd keys already left out)
    data: Any
    odd_keys: list[OddKey] = field(default_factory=list)


def compose_and_load(text: str) -> Loaded:
    """Parse once and return both the node tree (for positions) and the data."""
    loader = CoreLoader(text)
    try:
        node = loader.get_single_node()
        try:
            data = loader.construct_document(node) if node is not None else None
        except (ValueError, KeyError, TypeError) as exc:
            # An explicit tag on a value it cannot take (`!!int abc`, `!!bool maybe`,
            # `!!map [1]`): PyYAML's constructors raise plain Python errors for these.
            raise UnreadableValue(None, exc) from None
        return Loaded(node, data, loader.odd_keys)
    finally:
        loader.dispose()

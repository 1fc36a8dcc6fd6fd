"""Change a few top-level front-matter values and leave every other byte alone.

A round-trip YAML dump re-flows long lines, re-quotes strings and drops blank
lines: a one-line review would show up as a diff of the whole header and
bury what changed. So this module never dumps YAML. It parses the header with
the linter's own parser, takes the exact character span of each value it must
change from the node tree, and splices the new text into those spans (keeping
the value's quoting style). A missing key becomes one new line next to its
neighbours. The result is parsed again and compared before anything is written.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from aims_lint.doctypes import FIELD_ORDER
from aims_lint.frontmatter import FenceError, split_fences
from aims_lint.yaml12 import compose_and_load

# Where a missing key goes: after the nearest earlier key of FIELD_ORDER that the
# document has (or before the nearest later one), so headers stay in the usual order.


# A value to write: a string, a boolean, or a list of small mappings of strings (the AI system's
# `sources` and `models`, which `discover --draft` fills in), written in YAML's one-line flow style.
Value = str | bool | list[dict[str, str]]


class EditError(Exception):
    """The file cannot be edited without touching more than the values asked for."""


@dataclass(frozen=True)
class _Header:
    start: int  # offset of the first header character in the text
    end: int  # offset of the closing fence line
    root: yaml.MappingNode


def edit_bytes(raw: bytes, values: Mapping[str, Value]) -> bytes:
    """`raw` with each top-level key in `values` set to that string value."""
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
    edited = edit_text(text, values)
    return (codecs.BOM_UTF8 if bom else b"") + edited.encode("utf-8")


def edit_text(text: str, values: Mapping[str, Value]) -> str:
    header = _header(text)
    before = _data(text, header)
    replacements = [
        (*_replacement(text, header, key, value), order) for order, (key, value) in enumerate(values.items())
    ]
    # Splice from the end so earlier offsets stay valid; of two insertions at the
    # same offset the later one goes in first, so they end up in the order asked.
    for start, end, new, _ in sorted(replacements, key=lambda r: (r[0], r[1], r[3]), reverse=True):
        text = text[:start] + new + text[end:]
    _verify(text, before, values)
    return text


def _header(text: str) -> _Header:
    try:
        fences = split_fences(text)
    except FenceError as exc:
        raise EditError(str(exc)) from None
    return _Header(fences.start, fences.end, _root(text[fences.start : fences.end]))


def _root(header: str) -> yaml.MappingNode:
    try:
        root = compose_and_load(header).root
    except yaml.YAMLError as exc:
        raise EditError(f"front matter does not parse: {exc}") from None
    if not isinstance(root, yaml.MappingNode):
        raise EditError("front matter is not a mapping")
    if root.flow_style:
        raise EditError("front matter is one flow mapping ({...}); write it as key: value lines")
    return root


def _replacement(text: str, header: _Header, key: str, value: Value) -> tuple[int, int, str]:
    node = _value_node(header.root, key)
    if node is None:
        return _insertion(text, header, key, value)
    if isinstance(value, list):
        return _flow_replacement(text, header, key, node, value)
    if not isinstance(node, yaml.ScalarNode):
        raise EditError(f"'{key}' holds a list or mapping, not a single value")
    start, end = header.start + node.start_mark.index, header.start + node.end_mark.index
    span = text[start:end]
    if node.style not in ("", None, '"', "'") or "\n" in span or "\r" in span:
        raise EditError(f"'{key}' is written over several lines; edit it by hand")
    if span[:1] in ("!", "&"):
        raise EditError(f"'{key}' carries a YAML tag or anchor; edit it by hand")
    if isinstance(value, bool):
        return start, end, (" " if start == end else "") + _boolean(value)
    if start == end:  # `key:` with nothing after the colon
        return start, end, " " + _scalar(value, "")
    return start, end, _scalar(value, node.style or "")


def _boolean(value: bool) -> str:
    return "true" if value else "false"


def _value_node(root: yaml.MappingNode, key: str) -> yaml.Node | None:
    for key_node, value_node in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node  # type: ignore[no-any-return]
    return None


def _flow_replacement(
    text: str, header: _Header, key: str, node: yaml.Node, value: list[dict[str, str]]
) -> tuple[int, int, str]:
    """A list written over a list (or no value), in flow style where the old one stood: a block
    list's items (a template's example entry) become one indented flow line under the key."""
    start, end = header.start + node.start_mark.index, header.start + node.end_mark.index
    block = isinstance(node, yaml.SequenceNode) and not node.flow_style
    if block:  # a block list ends where the next key starts: keep its last line break
        end = start + len(text[start:end].rstrip())
    span = text[start:end]
    one_line = "\n" not in span and "\r" not in span
    if (not one_line and not block) or isinstance(node, yaml.MappingNode) or (
        isinstance(node, yaml.ScalarNode) and node.value not in ("", "~", "null")
    ):
        raise EditError(f"'{key}' is not a list; edit it by hand")
    return start, end, (" " if start == end else "") + flow(value)


def flow(value: list[dict[str, str]]) -> str:
    """A list of mappings of strings in one line of YAML flow style: [{repo: app, path: src}]."""
    items = (", ".join(f"{k}: {_flow_scalar(v)}" for k, v in entry.items()) for entry in value)
    return "[" + ", ".join(f"{{{item}}}" for item in items) + "]"


def _flow_scalar(value: str) -> str:
    """Plain where a flow collection keeps it a string, else double-quoted."""
    if _reads_back(value) and not set(value) & set(",[]{}#:\"'"):
        return value
    return _scalar(value, '"')


def _insertion(text: str, header: _Header, key: str, value: Value) -> tuple[int, int, str]:
    """A new `key: value` line after its nearest earlier neighbour, else before a later one."""
    newline = "\r\n" if "\r\n" in text[: header.end] else "\n"
    first_key = header.root.value[0][0] if header.root.value else None
    indent = " " * (first_key.start_mark.column if first_key is not None else 0)
    if isinstance(value, bool):
        written = _boolean(value)
    else:
        written = _scalar(value, "") if isinstance(value, str) else flow(value)
    line = f"{indent}{key}: {written}{newline}"
    at = _insert_offset(text, header, key)
    return at, at, line


def _insert_offset(text: str, header: _Header, key: str) -> int:
    position = FIELD_ORDER.index(key) if key in FIELD_ORDER else len(FIELD_ORDER)
    for earlier in reversed(FIELD_ORDER[:position]):
        node = _value_node(header.root, earlier)
        if isinstance(node, yaml.ScalarNode) and node.start_mark.line == node.end_mark.line:
            end_of_line = text.find("\n", header.start + node.end_mark.index)
            if end_of_line != -1 and end_of_line < header.end:
                return end_of_line + 1
    for later in FIELD_ORDER[position + 1 :]:
        for key_node, _ in header.root.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == later:
                return header.start + key_node.start_mark.index - key_node.start_mark.column
    return header.end


def yaml_scalar(value: str | int) -> str:
    """`value` as a YAML scalar that reads back as exactly this value (plain when it can be)."""
    return str(value) if isinstance(value, int) else _scalar(value, "")


def _scalar(value: str, style: str) -> str:
    """`value` as YAML in `style`; a plain scalar that would not read back as this
    string (a version such as 1.10 is a number) is double-quoted instead."""
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style == "" and _reads_back(value):
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _reads_back(value: str) -> bool:
    if not value or value != value.strip() or "\n" in value:
        return False
    try:
        data = compose_and_load(f"k: {value}\n").data
    except yaml.YAMLError:
        return False
    return isinstance(data, dict) and data.get("k") == value


def _data(text: str, header: _Header) -> dict[str, Any]:
    try:
        data = compose_and_load(text[header.start : header.end]).data
    except yaml.YAMLError as exc:
        raise EditError(f"front matter does not parse: {exc}") from None
    if not isinstance(data, dict):
        raise EditError("front matter is not a mapping")
    return data


def _verify(text: str, before: dict[str, Any], values: Mapping[str, Value]) -> None:
    """Parse the result again: the edited keys hold the new values, every other key its old one."""
    after = _data(text, _header(text))
    for key, value in values.items():
        if after.get(key) != value:
            raise EditError(f"'{key}' would not read back as {value!r}; edit it by hand")
    untouched = {k: v for k, v in before.items() if k not in values}
    if {k: v for k, v in after.items() if k not in values} != untouched:
        raise EditError("the edit would change other values; edit the file by hand")

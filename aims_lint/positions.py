"""JSON pointer to line and column, read from the node tree the parser kept.

Locating costs nothing until a finding needs it, which is why the parser keeps
the C loader's node tree instead of re-parsing files that have findings.
"""

from __future__ import annotations

from functools import lru_cache

import yaml

_INDEXED = 16  # keys; a larger mapping gets an index, so locating each of its keys is not quadratic


def pointer_parts(pointer: str) -> list[str]:
    if not pointer or pointer == "/":
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]


def join_pointer(*parts: object) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def locate(root: yaml.Node | None, pointer: str, line_offset: int) -> tuple[int, int]:
    """1-based (line, column) of the value at `pointer`.

    A missing key resolves to its parent mapping, the place where it should be added.
    """
    if root is None:
        return 1, 1
    node = root
    for part in pointer_parts(pointer):
        child = _child(node, part)
        if child is None:
            break
        node = child
    return node.start_mark.line + 1 + line_offset, node.start_mark.column + 1


def locate_key(root: yaml.Node | None, pointer: str, line_offset: int) -> tuple[int, int]:
    """Position of the key (not the value) at `pointer`: where an unknown key stands."""
    parts = pointer_parts(pointer)
    if root is None or not parts:
        return locate(root, pointer, line_offset)
    parent_pointer = join_pointer(*parts[:-1])
    parent = _walk(root, parent_pointer)
    if isinstance(parent, yaml.MappingNode):
        pair = _pair(parent, parts[-1])
        if pair is not None:
            key_node = pair[0]
            return key_node.start_mark.line + 1 + line_offset, key_node.start_mark.column + 1
    return locate(root, pointer, line_offset)


def scalar_text(root: yaml.Node | None, pointer: str) -> str | None:
    """The scalar at `pointer` exactly as written (`1.10`, not the number 1.1)."""
    node = _walk(root, pointer) if root is not None else None
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _walk(root: yaml.Node, pointer: str) -> yaml.Node | None:
    node: yaml.Node | None = root
    for part in pointer_parts(pointer):
        node = _child(node, part) if node is not None else None
    return node


def _child(node: yaml.Node, part: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        pair = _pair(node, part)
        return pair[1] if pair is not None else None
    if isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
        return node.value[int(part)]  # type: ignore[no-any-return]
    return None


def _pair(node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key, value) nodes of `key`; the first one, as a reader of the file would see it."""
    if len(node.value) > _INDEXED:
        return _index(node).get(key)
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and _key_text(key_node) == key:
            return key_node, value_node
    return None


@lru_cache(maxsize=64)
def _index(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    # A hostile header of 100,000 keys has 100,000 unknown-field findings to place;
    # scanning the mapping for each one took minutes. Nodes hash by identity.
    found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            found.setdefault(_key_text(key_node), (key_node, value_node))
    return found


def _key_text(node: yaml.ScalarNode) -> str:
    # Keys that are not strings never reach the tree: the loader reports and drops them.
    return str(node.value)

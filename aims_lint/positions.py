"""JSON pointer to line and column, read from the node tree the parser kept.

Locating costs nothing until a finding needs it, which is why the parser keeps
the C loader's node tree instead of re-parsing files that have findings.
"""

from __future__ import annotations

import yaml


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
        for key_node, _ in parent.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == parts[-1]:
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
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                return value_node  # type: ignore[no-any-return]
        return None
    if isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
        return node.value[int(part)]  # type: ignore[no-any-return]
    return None

"""How deep front matter nests, decided by us rather than by the YAML library.

Front matter is a flat header, so nesting past MAX_DEPTH is an attack or a
mistake. The limit is counted here from the parser's events, so the finding
(AIMS010) is the same whatever nesting limit the installed libyaml enforces
itself (libyaml 0.2.6 refuses 1,000 flow levels while scanning ahead; 0.2.5
does not). Hand-written because no library exposes a depth bound that holds
before libyaml's composer recurses in C.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from aims_lint.yaml12 import CoreLoader

MAX_DEPTH = 32  # front matter is a flat header; deeper nesting is an attack or a mistake
_CHEAP_NESTING = 1000  # below this many indicators nesting cannot reach the C stack limit


@dataclass
class _Walk:
    """How far one pass over the parser events got, and how deep it found the nesting."""

    deep: tuple[int, int] | None = None  # (0-based line, column) of the first node too deep
    depth: int = 0  # collections open after the last event read
    last: tuple[int, int] = (0, 0)  # where the last event read starts
    error: yaml.YAMLError | None = None  # why the pass stopped early, if it did


def _walk(events: Iterator[yaml.Event]) -> _Walk:
    walk = _Walk()
    try:
        for event in events:
            if isinstance(event, yaml.NodeEvent) and walk.depth > MAX_DEPTH:
                walk.deep = _where(event)
                return walk
            walk.last = _where(event)
            if isinstance(event, yaml.CollectionStartEvent):
                walk.depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                walk.depth -= 1
    except yaml.YAMLError as exc:
        walk.error = exc
    return walk


def _where(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line, mark.column) if mark else (0, 0)


def too_deep(header: str) -> tuple[int, int] | None:
    """Where nesting passes MAX_DEPTH, found from the C parser's events.

    libyaml's composer recurses in C once per level and overflows the C stack
    (a segfault, not an exception) somewhere past 20,000 levels, well inside the
    size limit. Each level needs one of these indicator characters, so ordinary
    front matter skips the extra event pass. Raises what the parser raises.
    """
    if _indicators(header) < _CHEAP_NESTING:
        return None
    walk = _walk(yaml.parse(header, Loader=CoreLoader))
    if walk.deep is None and walk.error is not None:
        raise walk.error
    return walk.deep


def too_deep_despite_error(header: str) -> tuple[int, int] | None:
    """Where nesting passes MAX_DEPTH in front matter the C parser refused, if it does.

    The C parser's events are exact up to its refusal. Past it, every further
    level needs an indicator character; if there are too few of them left to
    pass MAX_DEPTH, the answer is no. Otherwise PyYAML's pure-Python parser,
    which has no nesting limit and does not recurse, reads the events again
    and stops at the first level too deep (or at its own syntax error).
    """
    walk = _walk(yaml.parse(header, Loader=CoreLoader))
    if walk.deep is not None:
        return walk.deep
    rest = header[_index(header, *walk.last) :]
    if walk.depth + _indicators(rest) <= MAX_DEPTH:
        return None
    return _walk(yaml.parse(header, Loader=yaml.SafeLoader)).deep


def _indicators(text: str) -> int:
    """Characters that can open a level of nesting: an upper bound on the depth."""
    return sum(text.count(c) for c in "[{-?:")


def _index(header: str, line: int, column: int) -> int:
    """Character index of a 0-based line and column (libyaml's own index may count bytes)."""
    line_start = 0
    for _ in range(line):
        line_start = header.find("\n", line_start) + 1
        if line_start == 0:
            return len(header)
    return min(line_start + column, len(header))


def structure_problem(root: yaml.Node) -> tuple[str, yaml.Mark] | None:
    """Refuse aliases (a shared node is an alias bomb waiting to happen) and deep nesting."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            return "anchors and aliases are not allowed in front matter", node.start_mark
        seen.add(id(node))
        if depth > MAX_DEPTH:
            return f"front matter is nested deeper than {MAX_DEPTH} levels", node.start_mark
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
    return None

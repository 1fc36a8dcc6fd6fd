"""How the schemas of `schemas/` reach one another: `$ref`s followed, checked and collected.

A record kind's schema `$ref`s the common record fields in `record.schema.yaml`,
and any schema may `$ref` a definition of its own. jsonschema follows a
reference only when a document reaches it; the toolkit needs more up front:
every reference checked when the schemas load (a broken one is a configuration
error, not a traceback in the middle of a run), the fields a schema declares
through its references (for the built-in checks and the register), and the
files each schema reaches (for the jsonschema-rs quick check). References are
followed only within `schemas/`: a file name, or `#/...` in the file that holds it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aims_lint.config import ConfigError

# Every schema file of the folder by file name: (repo-relative path, contents).
Raws = dict[str, tuple[str, dict[str, Any]]]


def declared_fields(
    raw: dict[str, Any], raws: Raws, rel: str, root: dict[str, Any] | None = None, depth: int = 0
) -> tuple[dict[str, Any], dict[str, None]]:
    """The properties and required fields a schema declares, through `$ref` and `allOf`.

    Only what the built-in checks need: a record kind's schema `$ref`s the common
    record fields, so those count as declared by it too. References are
    followed within `schemas/` (a file name, or `#/...` in the file that holds
    the reference: `root`, the whole file `raw` belongs to).
    """
    if depth > 8:
        raise ConfigError(f"{rel}: $ref chain too deep")
    root = raw if root is None else root
    properties: dict[str, Any] = {}
    required: dict[str, None] = {}  # an ordered set: the order the schema lists them in
    parts = [raw, *(p for p in raw.get("allOf", []) if isinstance(p, dict))]
    for part in parts:
        ref = part.get("$ref")
        if isinstance(ref, str):
            target, target_root = _resolve(ref, root, raws, rel)
            more, need = declared_fields(target, raws, rel, target_root, depth + 1)
            properties.update({k: v for k, v in more.items() if k not in properties})
            required.update(need)
        own = part.get("properties", {})
        if isinstance(own, dict):
            for key, value in own.items():
                properties[key] = _merged(properties.get(key), value)
        required.update(dict.fromkeys(r for r in part.get("required", []) if isinstance(r, str)))
    return properties, required


def _merged(before: Any, after: Any) -> Any:
    if isinstance(before, dict) and isinstance(after, dict):
        return {**before, **after}
    return after


def _resolve(
    ref: str, root: dict[str, Any], raws: Raws, rel: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The schema a `$ref` names, and the whole file it lies in (for its own `#...` references)."""
    name, _, pointer = ref.partition("#")
    if name:
        if name not in raws:
            raise ConfigError(f"{rel}: $ref '{ref}' names no schema file in the schemas folder")
        root = raws[name][1]
    target: Any = root
    for part in (p for p in pointer.split("/") if p):
        target = target.get(part.replace("~1", "/").replace("~0", "~")) if isinstance(target, dict) else None
    if not isinstance(target, dict):
        raise ConfigError(f"{rel}: $ref '{ref}' does not point at a schema")
    return target, root


def check_refs(raw: dict[str, Any], raws: Raws, rel: str) -> None:
    """Every `$ref` of the file, at any depth, names a schema here, and none loops on itself.

    jsonschema resolves a reference only when a document reaches it, so a broken
    one would surface as a traceback in the middle of a run (and a chain of
    references that returns to itself as a RecursionError); here it is a
    configuration error naming the reference.
    """
    for ref in _refs(raw):
        seen = [ref]
        target, root = _resolve(ref, raw, raws, rel)
        while isinstance(target.get("$ref"), str):  # a reference that is only a reference
            step = target["$ref"]
            if step in seen:
                raise ConfigError(f"{rel}: $ref loop: {' -> '.join([*seen, step])}")
            seen.append(step)
            target, root = _resolve(step, root, raws, rel)


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            elif key not in ("enum", "const", "default", "examples", "x-aims"):
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def files_named(raw: dict[str, Any], raws: Raws) -> list[str]:
    """The schema files `raw` reaches through `$ref`, directly or through one another, sorted."""
    found: set[str] = set()
    waiting = [raw]
    while waiting:
        for ref in _refs(waiting.pop()):
            name = ref.partition("#")[0]
            if name in raws and name not in found:
                found.add(name)
                waiting.append(raws[name][1])
    return sorted(found)

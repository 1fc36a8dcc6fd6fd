"""`aims-lint schema`: each document type's and record kind's JSON Schema as JSON, for editors.

The schemas in `schemas/` are written in YAML for people; editors and other
tools want JSON. With `--out DIR` each type is written to `DIR/TYPE.schema.json`
and each record kind with a schema of its own to `DIR/TYPE-KIND.schema.json`;
a `$ref` to another file of `schemas/` (a kind's `record.schema.yaml#/$defs/record`)
is rewritten to name the exported file beside it (`record.schema.json#/$defs/record`),
so an editor given the folder resolves it. Without `--out`, one JSON object
keyed by those names (`policy`, `record-nonconformity`) goes to standard
output. A file there that is not an exported schema is not replaced (unless
`--force`), and DIR may not be the repository's own `schemas/` (the JSON
copies would be read as a second schema for each type) nor a folder of documents.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path, PurePosixPath
from typing import Any

import click

from aims_lint import own_output
from aims_lint.atomic import WriteRefused, check_output, write_output
from aims_lint.config import ConfigError, Settings
from aims_lint.owned_folder import protected_folders
from aims_lint.schemas import SchemaSet, TypeSchema, load_schemas

SUFFIX = ".schema.json"


def run_schema(settings: Settings, out: Path | None, doc_type: str | None, force: bool = False) -> int:
    exported = exports(load_schemas(settings.root, settings.schemas))
    if doc_type is not None and doc_type not in exported:
        raise click.UsageError(f"unknown type '{doc_type}'; known: {', '.join(exported)}")
    chosen = {name: raw for name, raw in exported.items() if doc_type in (None, name)}
    if out is None:
        payload: Any = chosen[doc_type] if doc_type else chosen
        sys.stdout.write(_json(payload))
        return 0
    _check_folder(settings, out)
    targets = {out / f"{name}{SUFFIX}": raw for name, raw in chosen.items()}
    for target in targets:  # every refusal before the first write
        check_output(target, ours=own_output.json_schema, force=force)
    out.mkdir(parents=True, exist_ok=True)
    for target, raw in targets.items():
        write_output(target, _json(raw).encode("utf-8"), ours=own_output.json_schema, force=force)
    sys.stderr.write(f"wrote {len(chosen)} schema(s) to {out}\n")
    return 0


def exports(schemas: SchemaSet) -> dict[str, dict[str, Any]]:
    """Exported name (`policy`, `record-nonconformity`) to its schema, sorted, each `$ref`
    to a schema file rewritten to that file's exported name."""
    every: dict[str, TypeSchema] = {}
    for schema in [*schemas.by_type.values(), *(k for ks in schemas.kinds.values() for k in ks.values())]:
        name = schema.type if schema.record_kind is None else f"{schema.type}-{schema.record_kind}"
        if name in every:
            raise ConfigError(f"{schema.path}: exports as {name}{SUFFIX}, as {every[name].path} does")
        every[name] = schema
    renamed = {PurePosixPath(s.path).name: f"{name}{SUFFIX}" for name, s in every.items()}
    exported = {name: _rewritten(every[name].raw, renamed) for name in sorted(every)}
    for doc_type, kinds in schemas.kinds.items():
        if doc_type in exported:
            exported[doc_type] = _dispatching(exported[doc_type], doc_type, sorted(kinds))
    return exported


def _dispatching(raw: dict[str, Any], doc_type: str, kinds: list[str]) -> dict[str, Any]:
    """The type's schema as an editor needs it: a record of a kind with its own schema is
    checked against that one too. aims-lint picks the kind's schema itself; an editor given
    only `record.schema.json` for `records/*.md` would otherwise flag every kind's own fields
    (the kind's `then` evaluates them, so the closing `unevaluatedProperties` accepts them)."""
    branches = [
        {
            "if": {"properties": {"record_kind": {"const": kind}}, "required": ["record_kind"]},
            "then": {"$ref": f"{doc_type}-{kind}{SUFFIX}"},
        }
        for kind in kinds
    ]
    before = raw.get("allOf")
    return {**raw, "allOf": [*(before if isinstance(before, list) else []), *branches]}


def _rewritten(value: Any, renamed: dict[str, str]) -> Any:
    """`value` with every `$ref` to a schema file made to name its exported file instead."""
    if isinstance(value, list):
        return [_rewritten(item, renamed) for item in value]
    if not isinstance(value, dict):
        return value
    out = {key: _rewritten(item, renamed) for key, item in value.items()}
    ref = value.get("$ref")
    if isinstance(ref, str):
        name, hash_, pointer = ref.partition("#")
        if name in renamed:
            out["$ref"] = f"{renamed[name]}{hash_}{pointer}"
    return out


def _check_folder(settings: Settings, out: Path) -> None:
    target = out.resolve()
    for folder, what in protected_folders(settings):
        if target == folder or target.is_relative_to(folder):
            raise WriteRefused(f"refusing to write schemas into {out}: it is (inside) the folder of {what}")


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"

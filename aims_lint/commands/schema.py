"""`aims-lint schema`: each document type's JSON Schema as JSON, for editors.

The schemas in `schemas/` are written in YAML for people; editors and other
tools want JSON. With `--out DIR` each type is written to `DIR/TYPE.schema.json`;
without it, one JSON object keyed by type goes to standard output. A file
there that is not an exported schema is not replaced (unless `--force`), and
DIR may not be the repository's own `schemas/` (the JSON copies would be read
as a second schema for each type) nor a folder of documents.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from aims_lint import own_output
from aims_lint.atomic import WriteRefused, check_output, write_output
from aims_lint.config import Settings
from aims_lint.owned_folder import protected_folders
from aims_lint.schemas import load_schemas


def run_schema(settings: Settings, out: Path | None, doc_type: str | None, force: bool = False) -> int:
    schemas = load_schemas(settings.root, settings.schemas).by_type
    if doc_type is not None and doc_type not in schemas:
        raise click.UsageError(f"unknown type '{doc_type}'; known: {', '.join(sorted(schemas))}")
    chosen = {t: s.raw for t, s in sorted(schemas.items()) if doc_type in (None, t)}
    if out is None:
        payload: Any = chosen[doc_type] if doc_type else chosen
        sys.stdout.write(_json(payload))
        return 0
    _check_folder(settings, out)
    targets = {out / f"{name}.schema.json": raw for name, raw in chosen.items()}
    for target in targets:  # every refusal before the first write
        check_output(target, ours=own_output.json_schema, force=force)
    out.mkdir(parents=True, exist_ok=True)
    for target, raw in targets.items():
        write_output(target, _json(raw).encode("utf-8"), ours=own_output.json_schema, force=force)
    sys.stderr.write(f"wrote {len(chosen)} schema(s) to {out}\n")
    return 0


def _check_folder(settings: Settings, out: Path) -> None:
    target = out.resolve()
    for folder, what in protected_folders(settings):
        if target == folder or target.is_relative_to(folder):
            raise WriteRefused(f"refusing to write schemas into {out}: it is (inside) the folder of {what}")


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"

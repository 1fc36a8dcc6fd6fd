"""`aims-lint schema`: each document type's JSON Schema as JSON, for editors.

The schemas in `schemas/` are written in YAML for people; editors and other
tools want JSON. With `--out DIR` each type is written to `DIR/TYPE.schema.json`;
without it, one JSON object keyed by type goes to standard output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from aims_lint.config import Settings
from aims_lint.schemas import load_schemas


def run_schema(settings: Settings, out: Path | None, doc_type: str | None) -> int:
    schemas = load_schemas(settings.root, settings.schemas).by_type
    if doc_type is not None and doc_type not in schemas:
        raise click.UsageError(f"unknown type '{doc_type}'; known: {', '.join(sorted(schemas))}")
    chosen = {t: s.raw for t, s in sorted(schemas.items()) if doc_type in (None, t)}
    if out is None:
        payload: Any = chosen[doc_type] if doc_type else chosen
        sys.stdout.write(_json(payload))
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for name, raw in chosen.items():
        (out / f"{name}.schema.json").write_text(_json(raw), encoding="utf-8")
    sys.stderr.write(f"wrote {len(chosen)} schema(s) to {out}\n")
    return 0


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"

"""The organisation's contract: one JSON Schema (written in YAML) per document type.

Each file in `schemas/` is a JSON Schema 2020-12 document with one extension,
`x-aims`, that names the document type it governs and the folders where such
documents live. Validators are built once per run. A schema that is not valid
JSON Schema, or that drops a field the built-in rules need, is a configuration
error: the run stops with exit code 2 before any document is judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jsonschema
import yaml

from aims_lint.config import ConfigError
from aims_lint.model import CORE_FIELDS, OPTIONAL_FIELDS
from aims_lint.schema_check import Check, compile_check
from aims_lint.yaml12 import CoreLoader


@dataclass(frozen=True)
class TypeSchema:
    type: str
    path: str  # repo-relative path of the schema file
    folders: tuple[str, ...]  # repo-relative POSIX paths, normalised: "governance/policies"
    raw: dict[str, Any]
    validator: jsonschema.protocols.Validator
    quick: Check | None = None  # certainly-valid test; see aims_lint/schema_check.py

    def holds(self, path: str) -> bool:
        """True when the document at `path` lies in one of the folders, at any depth."""
        return any(_depth_in(folder, path) is not None for folder in self.folders)

    def field_schema(self, name: str) -> dict[str, Any]:
        value = self.raw.get("properties", {}).get(name, {})
        return value if isinstance(value, dict) else {}

    @property
    def id_pattern(self) -> str | None:
        pattern = self.field_schema("id").get("pattern")
        return pattern if isinstance(pattern, str) else None

    @property
    def default_review_cycle(self) -> int | None:
        default = self.field_schema("review_cycle_months").get("default")
        return default if isinstance(default, int) else None

    def errors(self, data: dict[str, Any]) -> Iterator[jsonschema.ValidationError]:
        if self.quick is not None and self.quick(data):
            return iter(())
        return self.validator.iter_errors(data)


@dataclass(frozen=True)
class SchemaSet:
    by_type: dict[str, TypeSchema]

    def for_path(self, path: str) -> TypeSchema | None:
        """The schema whose folder holds `path`; the most specific folder wins
        (`governance/records` over `governance`), then the first schema in type order."""
        best: tuple[int, TypeSchema] | None = None
        for schema in self.by_type.values():
            for folder in schema.folders:
                depth = _depth_in(folder, path)
                if depth is not None and (best is None or depth > best[0]):
                    best = (depth, schema)
        return best[1] if best else None


def _depth_in(folder: str, path: str) -> int | None:
    """How many parts `folder` has when it contains `path`, else None.

    Folders are compared as paths, part by part: `governance/policies` holds
    `governance/policies/ai.md` and `governance/policies/2026/ai.md`, but not
    `governance/policies-old/ai.md` or `governance/ai.md`.
    """
    want, parts = PurePosixPath(folder).parts, PurePosixPath(path).parts
    return len(want) if len(parts) > len(want) and parts[: len(want)] == want else None


def folder_path(entry: str) -> str | None:
    """An `x-aims.folders` entry as a normalised repo-relative path; None if it leaves the repository."""
    path = PurePosixPath(entry)  # "policies/", "./policies" and "policies" are one folder
    if path.is_absolute() or ".." in path.parts or "\\" in entry or not path.parts:
        return None
    return path.as_posix()


def load_schemas(root: Path, folder: str) -> SchemaSet:
    directory = root / folder
    _inside(root, directory, f"{folder}/")
    files = sorted([*directory.glob("*.schema.yaml"), *directory.glob("*.schema.json")])
    for file in files:
        _inside(root, file, file.relative_to(root).as_posix())
    if not files:
        raise ConfigError(f"{folder}/: no *.schema.yaml files; every document type needs a schema")
    schemas: dict[str, TypeSchema] = {}
    for file in files:
        schema = _load_one(file, file.relative_to(root).as_posix())
        if schema.type in schemas:
            raise ConfigError(
                f"{schema.path}: type '{schema.type}' is also defined by {schemas[schema.type].path}"
            )
        schemas[schema.type] = schema
    missing = sorted(set(CORE_FIELDS) - set(schemas))
    if missing:
        raise ConfigError(f"{folder}/: no schema for document type(s) {', '.join(missing)}")
    return SchemaSet(schemas)


def _inside(root: Path, path: Path, shown: str) -> None:
    """The contract must be the repository's own: a schema linked in from elsewhere is refused."""
    base = root.resolve()
    if not path.resolve().is_relative_to(base):
        raise ConfigError(f"{shown} resolves to {path.resolve()}, outside the repository {base}")


def _load_one(file: Path, rel: str) -> TypeSchema:
    try:
        raw = yaml.load(file.read_text(encoding="utf-8"), Loader=CoreLoader)  # CoreLoader is a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{rel}: cannot read schema: {exc}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{rel}: a schema must be a mapping")
    meta = raw.get("x-aims")
    if not isinstance(meta, dict) or not isinstance(meta.get("type"), str):
        raise ConfigError(f"{rel}: missing 'x-aims: {{type: ..., folders: [...]}}'")
    doc_type, folders = meta["type"], meta.get("folders", [])
    if doc_type not in CORE_FIELDS:
        raise ConfigError(
            f"{rel}: unknown document type '{doc_type}'; known: {', '.join(sorted(CORE_FIELDS))}"
        )
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        raise ConfigError(f"{rel}: x-aims.folders must be a list of folder paths")
    paths = [folder_path(f) for f in folders]
    bad = [f for f, p in zip(folders, paths, strict=True) if p is None]
    if bad:
        raise ConfigError(
            f"{rel}: x-aims.folders entry {bad[0]!r} is not a folder inside the repository; "
            "give a relative path such as governance/policies"
        )
    try:
        jsonschema.Draft202012Validator.check_schema(raw)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top level)"
        raise ConfigError(f"{rel}: not a valid JSON Schema at {where}: {exc.message}") from None
    _check_core_fields(raw, doc_type, rel)
    formats = jsonschema.FormatChecker()
    validator = jsonschema.Draft202012Validator(raw, format_checker=formats)
    normalised = tuple(p for p in paths if p)
    return TypeSchema(doc_type, rel, normalised, raw, validator, compile_check(raw, formats))


def _check_core_fields(raw: dict[str, Any], doc_type: str, rel: str) -> None:
    properties = raw.get("properties", {})
    required = set(raw.get("required", []))
    for name in CORE_FIELDS[doc_type]:
        if name not in properties or name not in required:
            raise ConfigError(
                f"{rel}: field '{name}' must stay declared and required; "
                "the built-in rules for this document type depend on it"
            )
    for name in OPTIONAL_FIELDS:
        if name not in properties:
            raise ConfigError(
                f"{rel}: field '{name}' must stay declared (it may be optional); "
                "the built-in rules read it"
            )

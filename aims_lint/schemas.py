"""The organisation's contract: one JSON Schema (written in YAML) per document type or record kind.

Each file in `schemas/` is a JSON Schema 2020-12 document with one extension,
`x-aims`, that says what the file defines (`docs/documents.md` lists its keys):

- a document type: `x-aims.type` and the `folders` its documents live in;
- a record kind: `x-aims.type` names the record type and `record_kind` the
  kind (`schemas/record-KIND.schema.yaml`, which `$ref`s the common record
  schema); records of that kind are validated against it instead.

Any type name is allowed. A type with a built-in `behaviour`
(`aims_lint/doctypes.py`) must keep the fields that behaviour's rules read.
Validators are built once per run. A schema that is not valid JSON Schema, or
that drops a field the built-in rules need, is a configuration error: the run
stops with exit code 2 before any document is judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from aims_lint.body_spec import BodySpec, body_spec
from aims_lint.config import ConfigError
from aims_lint.doctypes import (
    BEHAVIOURS,
    EXPORT_AS,
    EXPORT_AS_DEFAULT,
    LEGACY,
    REGISTER_COLUMNS,
    Behaviour,
    behaviour,
)
from aims_lint.schema_check import Check, compile_check
from aims_lint.schema_refs import Raws, check_refs, declared_fields, files_named
from aims_lint.yaml12 import CoreLoader

# The keys an `x-aims` block may hold; a misspelt key would otherwise be ignored in silence.
X_AIMS_KEYS = frozenset(
    {
        "type",
        "record_kind",
        "folders",
        "id_prefix",
        "register_columns",
        "site_section",
        "export_as",
        "behaviour",
        "body",
    }
)
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class TypeSchema:
    type: str
    path: str  # repo-relative path of the schema file
    folders: tuple[str, ...]  # repo-relative POSIX paths, normalised: "governance/policies"
    raw: dict[str, Any]
    validator: jsonschema.protocols.Validator
    quick: Check | None = None  # certainly-valid test; see aims_lint/schema_check.py
    record_kind: str | None = None  # set on a record kind's own schema
    behaviour: str | None = None  # the built-in semantics it takes (aims_lint/doctypes.py)
    id_prefix: str | None = None  # "POL" for ids POL-001; from x-aims or the id pattern
    register_columns: tuple[str, ...] = REGISTER_COLUMNS
    site_section: str = ""  # heading of the type's group in the register and the navigation
    export_as: str = EXPORT_AS_DEFAULT  # OSCAL component type of the type's documents (doctypes.EXPORT_AS)
    declared: dict[str, Any] = field(default_factory=dict)  # properties, through $ref and allOf
    required: tuple[str, ...] = ()  # in the order the schema lists them
    # What the body must hold (x-aims.body; aims_lint/body_spec.py); None: no body rules.
    # A record kind without its own takes its type's.
    body: BodySpec | None = None
    # The file as written, for pointing a finding at a line of it (AIMS614); not read otherwise.
    text: str = field(default="", repr=False, compare=False)

    def holds(self, path: str) -> bool:
        """True when the document at `path` lies in one of the folders, at any depth."""
        return any(_depth_in(folder, path) is not None for folder in self.folders)

    def field_schema(self, name: str) -> dict[str, Any]:
        value = self.declared.get(name, {})
        return value if isinstance(value, dict) else {}

    @property
    def id_pattern(self) -> str | None:
        pattern = self.field_schema("id").get("pattern")
        return pattern if isinstance(pattern, str) else None

    @property
    def default_review_cycle(self) -> int | None:
        default = self.field_schema("review_cycle_months").get("default")
        return default if isinstance(default, int) else None

    @property
    def semantics(self) -> Behaviour | None:
        return behaviour(self.behaviour)

    def errors(self, data: dict[str, Any]) -> Iterator[jsonschema.ValidationError]:
        if self.quick is not None and self.quick(data):
            return iter(())
        return self.validator.iter_errors(data)


@dataclass(frozen=True)
class SchemaSet:
    by_type: dict[str, TypeSchema]
    kinds: dict[str, dict[str, TypeSchema]] = field(default_factory=dict)  # type -> kind -> schema

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

    def for_document(self, schema: TypeSchema, data: dict[str, Any]) -> TypeSchema:
        """The schema a document is validated against: its record kind's own, if it has one."""
        kind = data.get("record_kind")
        found = self.kinds.get(schema.type, {}).get(kind) if isinstance(kind, str) else None
        return found or schema

    @property
    def folders(self) -> tuple[str, ...]:
        """Every folder a schema claims, sorted: where discovery looks by default."""
        return tuple(sorted({f for s in self.by_type.values() for f in s.folders}))

    def document_folders(self, paths: tuple[str, ...] | None) -> tuple[str, ...]:
        """Where documents live: the `paths` setting when given, else every folder a schema claims
        (what `discover.document_folders` answers, for a caller that has the schemas: a rule)."""
        return paths if paths is not None else self.folders

    def with_behaviour(self, name: str) -> list[TypeSchema]:
        """The types (and record kinds) that take a built-in behaviour, in type order."""
        every = [*self.by_type.values(), *(k for ks in self.kinds.values() for k in ks.values())]
        return [s for s in every if s.behaviour == name]


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
    raws: Raws = {}
    texts: dict[str, str] = {}
    for file in files:
        rel = file.relative_to(root).as_posix()
        texts[rel], raw = _read(file, rel)
        raws[file.name] = (rel, raw)
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(raw, default_specification=DRAFT202012))
        for name, (_, raw) in raws.items()
    )
    types: dict[str, TypeSchema] = {}
    kinds: list[TypeSchema] = []
    for rel, raw in raws.values():
        schema = replace(_load_one(raw, rel, raws, registry), text=texts[rel])
        if schema.record_kind is not None:
            kinds.append(schema)
        elif schema.type in types:
            raise ConfigError(
                f"{schema.path}: type '{schema.type}' is also defined by {types[schema.type].path}"
            )
        else:
            types[schema.type] = schema
    attached = _attach_kinds(types, kinds)
    for doc_type, own in attached.items():
        types[doc_type] = _admitting(types[doc_type], sorted(own), registry, raws)
    return SchemaSet(types, attached)


def _admitting(schema: TypeSchema, kinds: list[str], registry: Registry[Any], raws: Raws) -> TypeSchema:
    """The type's schema with its kinds' names added to its `record_kind` enum.

    A record whose kind has a schema of its own is validated against that one, so
    the enum in the common schema needs to list only the other kinds; a record
    whose kind is misspelt is still checked against the common schema, and its
    "allowed" list and suggestion should then name every kind there is.
    """
    properties = schema.raw.get("properties")
    if not isinstance(properties, dict):
        return schema
    field = properties.get("record_kind")
    if not isinstance(field, dict) or not isinstance(field.get("enum"), list):
        return schema
    enum = [*field["enum"], *(k for k in kinds if k not in field["enum"])]
    raw = {**schema.raw, "properties": {**properties, "record_kind": {**field, "enum": enum}}}
    validator, quick = _validators(raw, registry, raws)
    declared = {**schema.declared, "record_kind": {**schema.field_schema("record_kind"), "enum": enum}}
    return replace(schema, raw=raw, validator=validator, quick=quick, declared=declared)


def _attach_kinds(types: dict[str, TypeSchema], kinds: list[TypeSchema]) -> dict[str, dict[str, TypeSchema]]:
    """Each kind schema under its type; it lives where its type's documents live."""
    attached: dict[str, dict[str, TypeSchema]] = {}
    for kind in kinds:
        base = types.get(kind.type)
        if base is None:
            raise ConfigError(f"{kind.path}: record kind of type '{kind.type}', which no schema defines")
        assert kind.record_kind is not None
        taken = attached.setdefault(kind.type, {})
        if kind.record_kind in taken:
            other = taken[kind.record_kind].path
            raise ConfigError(f"{kind.path}: record kind '{kind.record_kind}' is also defined by {other}")
        taken[kind.record_kind] = replace(
            kind,
            folders=base.folders,
            site_section=base.site_section,
            export_as=base.export_as,
            register_columns=base.register_columns,  # its records are listed in their type's group
            body=kind.body if "body" in kind.raw.get("x-aims", {}) else base.body,
        )
    return attached


def _inside(root: Path, path: Path, shown: str) -> None:
    """The contract must be the repository's own: a schema linked in from elsewhere is refused."""
    base = root.resolve()
    if not path.resolve().is_relative_to(base):
        raise ConfigError(f"{shown} resolves to {path.resolve()}, outside the repository {base}")


def _read(file: Path, rel: str) -> tuple[str, dict[str, Any]]:
    try:
        text = file.read_text(encoding="utf-8")
        raw = yaml.load(text, Loader=CoreLoader)  # CoreLoader is a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{rel}: cannot read schema: {exc}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{rel}: a schema must be a mapping")
    return text, raw


def _load_one(
    raw: dict[str, Any], rel: str, raws: Raws, registry: Registry[Any]
) -> TypeSchema:
    meta = _meta(raw, rel)
    doc_type, kind = meta["type"], meta.get("record_kind")
    legacy = LEGACY.get(doc_type, {}) if kind is None else {}
    named = meta.get("behaviour", legacy.get("behaviour"))
    try:
        jsonschema.Draft202012Validator.check_schema(raw)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top level)"
        raise ConfigError(f"{rel}: not a valid JSON Schema at {where}: {exc.message}") from None
    check_refs(raw, raws, rel)
    declared, required = declared_fields(raw, raws, rel)
    found = behaviour(named)
    if found is not None:
        _check_behaviour_fields(found, declared, required, rel)
    validator, quick = _validators(raw, registry, raws)
    pattern = declared.get("id", {}).get("pattern") if isinstance(declared.get("id"), dict) else None
    return TypeSchema(
        type=doc_type,
        path=rel,
        folders=tuple(p for p in (folder_path(f) for f in meta.get("folders", [])) if p),
        raw=raw,
        validator=validator,
        quick=quick,
        record_kind=kind,
        behaviour=named,
        id_prefix=meta.get("id_prefix") or _prefix_of(pattern),
        register_columns=_columns(meta, declared, rel),
        site_section=meta.get("site_section", legacy.get("site_section", _section_default(raw, doc_type))),
        export_as=meta.get("export_as", legacy.get("export_as", EXPORT_AS_DEFAULT)),
        declared=declared,
        required=tuple(required),
        body=body_spec(meta["body"], rel) if "body" in meta else None,
    )


def _columns(meta: dict[str, Any], declared: dict[str, Any], rel: str) -> tuple[str, ...]:
    """The register's columns: the schema's own, each a field it declares; by default the
    usual ones it declares (a type without versions gets no empty Version column)."""
    if "register_columns" not in meta:
        return tuple(c for c in REGISTER_COLUMNS if c in declared)
    unknown = [c for c in meta["register_columns"] if c not in declared]
    if unknown:
        raise ConfigError(
            f"{rel}: x-aims.register_columns names '{unknown[0]}', a field the schema does not declare"
        )
    return tuple(meta["register_columns"])


def _meta(raw: dict[str, Any], rel: str) -> dict[str, Any]:
    """The `x-aims` block, checked: what the file defines and how the toolkit treats it."""
    meta = raw.get("x-aims")
    if not isinstance(meta, dict) or not isinstance(meta.get("type"), str):
        raise ConfigError(f"{rel}: missing 'x-aims: {{type: ..., folders: [...]}}'")
    unknown = sorted(set(meta) - X_AIMS_KEYS)
    if unknown:
        raise ConfigError(
            f"{rel}: unknown x-aims key '{unknown[0]}'; known: {', '.join(sorted(X_AIMS_KEYS))}"
        )
    for key in ("type", "record_kind", "behaviour"):
        if key in meta and not (isinstance(meta[key], str) and _NAME.match(meta[key])):
            raise ConfigError(f"{rel}: x-aims.{key} must be a lower-case name such as 'standard'")
    for key in ("id_prefix", "site_section", "export_as"):
        if key in meta and not (isinstance(meta[key], str) and meta[key].strip()):
            raise ConfigError(f"{rel}: x-aims.{key} must be a non-empty string")
    if "export_as" in meta and meta["export_as"] not in EXPORT_AS:
        raise ConfigError(
            f"{rel}: x-aims.export_as '{meta['export_as']}' is not an OSCAL component type; "
            f"known: {', '.join(sorted(EXPORT_AS))}"
        )
    if "behaviour" in meta and behaviour(meta["behaviour"]) is None:
        raise ConfigError(
            f"{rel}: unknown x-aims.behaviour '{meta['behaviour']}'; known: {', '.join(sorted(BEHAVIOURS))}"
        )
    if "behaviour" in meta:
        found = behaviour(meta["behaviour"])
        if found is not None and found.kind != ("record_kind" in meta):
            which = "a record kind's" if found.kind else "a document type's"
            raise ConfigError(f"{rel}: x-aims.behaviour '{found.name}' is {which} behaviour")
    _check_lists(meta, rel)
    return meta


def _check_lists(meta: dict[str, Any], rel: str) -> None:
    for key in ("folders", "register_columns"):
        value = meta.get(key, [])
        if not isinstance(value, list) or not all(isinstance(f, str) for f in value):
            raise ConfigError(f"{rel}: x-aims.{key} must be a list of strings")
    if "record_kind" in meta and "folders" in meta:
        raise ConfigError(f"{rel}: a record kind lives in its type's folders; remove x-aims.folders")
    bad = [f for f in meta.get("folders", []) if folder_path(f) is None]
    if bad:
        raise ConfigError(
            f"{rel}: x-aims.folders entry {bad[0]!r} is not a folder inside the repository; "
            "give a relative path such as governance/policies"
        )


def _prefix_of(pattern: str | None) -> str | None:
    match = re.match(r"^\^([A-Z][A-Z0-9]*)-", pattern or "")
    return match.group(1) if match else None


def _section_default(raw: dict[str, Any], doc_type: str) -> str:
    title = raw.get("title")
    return (
        title.strip() if isinstance(title, str) and title.strip() else doc_type.replace("-", " ").capitalize()
    )


# The formats jsonschema checks with the standard library alone. Its other checkers (uri, hostname,
# date-time, ...) switch on when an optional package happens to be installed (rfc3987-syntax, fqdn,
# rfc3339-validator: cyclonedx-bom's dependencies bring them into the test environment), so a finding
# would depend on what else shares the environment. A schema's other formats are annotations only.
FORMATS = ("date", "email", "idn-email", "ipv4", "ipv6", "regex", "uuid")


def format_checker() -> jsonschema.FormatChecker:
    """The format checks every document is held to, the same in every environment (FORMATS)."""
    return jsonschema.FormatChecker(formats=FORMATS)


def _validators(
    raw: dict[str, Any], registry: Registry[Any], raws: Raws
) -> tuple[jsonschema.protocols.Validator, Check | None]:
    """jsonschema (which explains) and the jsonschema-rs yes/no check, with the sibling files
    its `$ref`s name (only those: one file jsonschema-rs cannot read alike must not switch the
    quick check off for every type)."""
    formats = format_checker()
    validator = jsonschema.Draft202012Validator(raw, format_checker=formats, registry=registry)
    resources = {name: raws[name][1] for name in files_named(raw, raws)}
    return validator, compile_check(raw, formats, resources=resources)


def _check_behaviour_fields(
    found: Behaviour, declared: dict[str, Any], required: dict[str, None], rel: str
) -> None:
    for name in found.fields:
        if name not in declared or name not in required:
            raise ConfigError(
                f"{rel}: field '{name}' must stay declared and required; "
                f"the built-in rules for behaviour '{found.name}' depend on it"
            )
    for name in found.reads:
        if name not in declared:
            raise ConfigError(
                f"{rel}: field '{name}' must stay declared (it may be optional); the built-in rules read it"
            )

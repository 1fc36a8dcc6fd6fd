"""SBOMs: the AI libraries and machine-learning models they list.

One scanner reads every file named like an SBOM and tells the format by its content:

- CycloneDX JSON (`"bomFormat": "CycloneDX"`; 1.5 and 1.6 carry machine-learning models) is
  validated against the CycloneDX JSON Schema of its own `specVersion`, the strict schema
  files cyclonedx-python-lib ships, by jsonschema-rs (`_cyclonedx_schema` says why not the
  library's own validator), then read with the library's `Bom`. The library does not
  model a component's `modelCard` yet (its `Component` leaves it as a to-do), so the model card
  of each `machine-learning-model` component is read from the validated JSON itself.
- SPDX 2.3 (JSON, or tag-value) is parsed and validated with spdx-tools. SPDX 2.3's
  `primaryPackagePurpose` has no value for a model or a dataset, so it cannot mark one: packages
  are matched by their purl external references, or by name.
- SPDX 3.0 JSON-LD is read with spdx-python-model (spdx-tools only writes 3.0), whose decoding
  checks types and whose encoding checks the required properties. `ai_AIPackage` elements are
  models, `dataset_DatasetPackage` elements datasets; other packages are matched like SPDX 2.

Packages are matched against the signature table by purl (ecosystem and name) or, without one,
by name at medium confidence at most. A finding's line is where the component's `bom-ref` (or
SPDX id, or name) is written in the file, found by searching the text, since none of the
libraries keeps positions. The libraries are imported when an SBOM is met, not before: most
discovery runs meet none and need not pay for loading them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from aims_lint.ai_usage.evidence import Confidence, Kind, Unreadable, Use
from aims_lint.ai_usage.sbom_match import by_name, by_purl, position
from aims_lint.ai_usage.scanner import ScannedFile
from aims_lint.ai_usage.signatures import PackageSignature, Signatures

# Names that say "SBOM"; these must be one (an Unreadable when they are not).
SBOM_SUFFIXES = (
    ".cdx.json", ".cyclonedx.json", ".bom.json", ".sbom.json", ".spdx.json", ".spdx", ".spdx.jsonld",
    ".spdx3.json",
)
# Conventional names that are usually an SBOM; silently skipped when they are not.
SBOM_NAMES = ("bom.json", "sbom.json", "cyclonedx.json", "spdx.json")
_MAX_MESSAGE = 300


@dataclass(frozen=True)
class _Component:
    """What a reader found, before it becomes a Use: the matching and placing are shared."""

    name: str
    version: str
    ids: tuple[tuple[tuple[str, ...], str], ...]  # (keys, value) to search the text for, in order
    what: str  # "CycloneDX component", "SPDX package" ...
    purls: tuple[str, ...] = ()
    model: bool = False  # a machine-learning model
    dataset: bool = False
    detail: str = ""  # the model card's summary, an AI package's type of model ...
    provider: str = ""


def _trim(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= _MAX_MESSAGE else message[: _MAX_MESSAGE - 1] + "…"


def _without_instance(message: str, instance: object) -> str:
    """The message with the refused value named by its type unless it is a short plain scalar."""
    if isinstance(instance, bool | int | float) or instance is None:
        return message
    if isinstance(instance, str) and len(instance) <= 20:
        return message
    shown = json.dumps(instance, separators=(",", ":"), ensure_ascii=False)
    if isinstance(instance, dict):
        what = "an object"
    elif isinstance(instance, list):
        what = "an array"
    elif isinstance(instance, str):
        what = f"a string of {len(instance)} characters"
    else:
        what = "a value"
    return message.replace(shown, what)


def _cap(message: str, limit: int = 60) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"


class SbomScanner:
    name = "SBOMs (CycloneDX, SPDX 2.3, SPDX 3.0)"
    head_bytes: int | None = None  # a JSON or tag-value document is read whole

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        name = path.name.lower()
        return name.endswith(SBOM_SUFFIXES) or name in SBOM_NAMES

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        strict = file.name.lower().endswith(SBOM_SUFFIXES)
        if not file.complete:
            yield Unreadable(file.path, 1, f"SBOM of {file.size} bytes is larger than discovery reads")
            return
        text = file.text()
        if text is None:
            yield Unreadable(file.path, 1, "SBOM is not UTF-8 text")
            return
        try:
            found = _read(text)
        except _NotAnSbom as error:
            if strict:
                yield Unreadable(file.path, 1, str(error))
            return
        except _Invalid as error:
            yield Unreadable(file.path, error.line, _trim(str(error)))
            return
        except Exception as error:  # a library failing on a document it accepted: never raise
            yield Unreadable(file.path, 1, _trim(f"SBOM could not be read: {type(error).__name__}: {error}"))
            return
        for component in found:
            use = _use(file.path, text, component, signatures)
            if use is not None:
                yield use


class _NotAnSbom(ValueError):
    pass


class _Invalid(ValueError):
    """The document is an SBOM of a known format that its schema or library refuses."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


def _read(text: str) -> list[_Component]:
    stripped = text.lstrip()
    if not stripped.startswith("{"):
        if any(line.startswith("SPDXVersion:") for line in text.splitlines()[:50]):
            return _spdx2_tag_value(text)
        raise _NotAnSbom("not a CycloneDX or SPDX document (neither JSON nor SPDX tag-value)")
    try:
        data = json.loads(text)
    except ValueError as error:
        raise _Invalid(f"SBOM is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise _NotAnSbom("not a CycloneDX or SPDX document (JSON that is not an object)")
    if data.get("bomFormat") == "CycloneDX":
        return _cyclonedx(text, data)
    if isinstance(data.get("spdxVersion"), str):
        return _spdx2_json(text, data)
    if "@context" in data and "spdx" in json.dumps(data["@context"]).lower():
        return _spdx3(data)
    raise _NotAnSbom("not a CycloneDX or SPDX document (no bomFormat, spdxVersion or SPDX @context)")


def _use(path: str, text: str, c: _Component, signatures: Signatures) -> Use | None:
    signature: PackageSignature | None = None
    confidence = Confidence.HIGH
    for purl in c.purls:
        signature = by_purl(signatures, purl)
        if signature is not None:
            confidence = signature.confidence
            break
    if signature is None and not c.purls and not (c.model or c.dataset):
        named = by_name(signatures, c.name)
        if named is not None:
            signature, confidence = named
    if signature is None and not (c.model or c.dataset):
        return None
    if c.model:  # a model is AI whatever its package says
        kind_text = f"machine-learning model {c.what}"
        confidence = Confidence.HIGH
    elif c.dataset:
        kind_text = f"dataset {c.what}"
        confidence = Confidence.MEDIUM
    else:
        assert signature is not None
        kind_text = f"{c.what} ({signature.category})"
    evidence = f"{kind_text} {c.name}" + (f" {c.version}" if c.version else "")
    if c.detail:
        evidence += f"; {c.detail}"
    place = None
    for keys, value in c.ids:
        place = position(text, keys, value) if value else None
        if place is not None:
            break
    line, column = place or (1, 1)
    # A library's provider is the signature's (an id like "openai"); a model's, who supplies it.
    provider = signature.provider if signature is not None and not (c.model or c.dataset) else c.provider
    return Use(
        path=path, line=line, column=column, kind=Kind.SBOM_COMPONENT, name=c.name, evidence=_trim(evidence),
        confidence=confidence, provider=provider, version=c.version, model=c.name if c.model else "",
    )


# CycloneDX ---------------------------------------------------------------------------------


@cache
def _cyclonedx_schema(version: str) -> Any:
    """jsonschema-rs compiled from cyclonedx-python-lib's own strict schema files for `version`.

    Why not the library's `JsonStrictValidator`: it needs the library's `json-validation` extra,
    jsonschema with its format checkers, whose IRI grammar (rfc3987-syntax) costs about 1.1 s of
    CPU at the start of every aims-lint command once installed, and then checks each
    `iri-reference` at about 50 ms: some 30 s for the SBOM of a small Python environment. The
    same Draft 7 schema in jsonschema-rs takes milliseconds and explains its errors too.
    Raises ValueError for a version the library has no schema for.
    """
    import jsonschema_rs
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.schema._res import BOM_JSON_STRICT, CRYPTOGRAPHY_DEFS, JSF, SPDX_JSON

    def load(path: str | None) -> Any:
        if path is None:
            raise ValueError("no schema file for this version")
        with open(path, encoding="utf-8") as schema:
            return json.load(schema)

    base = "http://cyclonedx.org/schema/"  # where the bom schema's $refs point
    shared = {
        "spdx.SNAPSHOT": SPDX_JSON, "jsf-0.82.SNAPSHOT": JSF, "cryptography-defs.SNAPSHOT": CRYPTOGRAPHY_DEFS,
    }
    schema = load(BOM_JSON_STRICT.get(SchemaVersion.from_version(version)))
    registry = jsonschema_rs.Registry([(f"{base}{n}.schema.json", load(p)) for n, p in shared.items()])
    return jsonschema_rs.Draft7Validator(schema, validate_formats=True, registry=registry, retriever=_refuse)


def _refuse(uri: str) -> Any:
    raise ValueError(f"no schema is fetched ({uri})")


def _cyclonedx(text: str, data: dict[str, Any]) -> list[_Component]:
    from cyclonedx.model.bom import Bom
    from cyclonedx.model.component import Component, ComponentType

    version = data.get("specVersion")
    try:
        validator = _cyclonedx_schema(str(version))
    except (ValueError, KeyError):
        raise _Invalid(f"CycloneDX specVersion {version!r} is not one cyclonedx-python-lib knows") from None
    error = next(iter(validator.iter_errors(data)), None)
    if error is not None:
        raise _schema_error(text, data, version, error)
    bom = Bom.from_json(data)  # type: ignore[attr-defined]  # added by py-serializable
    cards = _model_cards(data)
    found: list[_Component] = []

    def visit(component: Component) -> None:
        ref = component.bom_ref.value or ""
        model = component.type == ComponentType.MACHINE_LEARNING_MODEL
        name = f"{component.group}/{component.name}" if component.group else component.name
        supplier = component.supplier.name if component.supplier is not None else None
        found.append(_Component(
            name=name, version=component.version or "", what="CycloneDX component",
            ids=((("bom-ref",), ref), (("name",), component.name)),
            purls=(str(component.purl),) if component.purl is not None else (), model=model,
            detail=_card_summary(cards.get(ref) or cards.get(_card_key(component.name, component.version)))
            if model
            else "",
            provider=supplier or component.publisher or "",
        ))
        for child in component.components:
            visit(child)

    if bom.metadata.component is not None:
        visit(bom.metadata.component)
    for component in bom.components:
        visit(component)
    return found


def _schema_error(text: str, data: dict[str, Any], version: object, error: Any) -> _Invalid:
    """The first schema error, at the line of the component it lies in (found by its bom-ref or
    name), or line 1 when it is outside every component."""
    path = list(getattr(error, "instance_path", ()))
    where = "/".join(str(p) for p in path) or "the document"
    # jsonschema's message starts with the offending value, which may be anything the SBOM holds
    # (a token in a property): only its first characters are shown.
    message = _cap(_without_instance(getattr(error, "message", str(error)), getattr(error, "instance", None)))
    line, node = 1, data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict):
            for key in ("bom-ref", "name"):
                if isinstance(node.get(key), str):
                    place = position(text, (key,), node[key])
                    line = place[0] if place else line
                    break
    return _Invalid(f"CycloneDX {version} document fails its JSON schema at {where}: {message}", line)


def _model_cards(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each component's `modelCard`, by bom-ref (or name and version), from the JSON (the
    library drops them)."""
    cards: dict[str, dict[str, Any]] = {}

    def visit(component: Any) -> None:
        if not isinstance(component, dict):
            return
        card = component.get("modelCard")
        if isinstance(card, dict):
            ref = component.get("bom-ref")
            # Without a bom-ref (optional in CycloneDX) the library makes one up: match by name.
            key = ref if isinstance(ref, str) else _card_key(component.get("name"), component.get("version"))
            cards[key] = card
        for child in component.get("components") or ():
            visit(child)

    metadata = data.get("metadata")
    if isinstance(metadata, dict):
        visit(metadata.get("component"))
    for component in data.get("components") or ():
        visit(component)
    return cards


def _card_key(name: object, version: object) -> str:
    return f"\0{name}\0{version or ''}"


def _card_summary(card: dict[str, Any] | None) -> str:
    """The model card's task, architecture and datasets, in a few words."""
    if not card:
        return ""
    parameters = card.get("modelParameters") or {}
    parts = ["model card"]
    approach = (parameters.get("approach") or {}).get("type")
    for label, value in (
        ("task", parameters.get("task")), ("architecture family", parameters.get("architectureFamily")),
        ("architecture", parameters.get("modelArchitecture")), ("approach", approach),
    ):
        if isinstance(value, str) and value:
            parts.append(f"{label} {value}")
    datasets = parameters.get("datasets") or []
    if datasets:
        parts.append(f"{len(datasets)} dataset{'s' if len(datasets) != 1 else ''}")
    if (card.get("considerations") or {}).get("ethicalConsiderations"):
        parts.append("ethical considerations stated")
    return ": ".join([parts[0], ", ".join(parts[1:])]) if len(parts) > 1 else parts[0]


# SPDX 2.3 ----------------------------------------------------------------------------------


def _spdx2_json(text: str, data: dict[str, Any]) -> list[_Component]:
    from spdx_tools.spdx.parser.error import SPDXParsingError
    from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import JsonLikeDictParser

    try:
        document = JsonLikeDictParser().parse(data)  # type: ignore[no-untyped-call]  # untyped upstream
    except SPDXParsingError as error:
        raise _Invalid(f"SPDX document does not parse: {'; '.join(error.messages)}") from None
    return _spdx2_packages(text, document, json_keys=True)


def _spdx2_tag_value(text: str) -> list[_Component]:
    from ply.yacc import NullLogger  # type: ignore[import-untyped]  # spdx-tools' parser generator
    from spdx_tools.spdx.parser.error import SPDXParsingError
    from spdx_tools.spdx.parser.tagvalue.parser import Parser

    try:
        # Without these, ply writes its debug file into site-packages and logs to stderr.
        parser = Parser(debug=False, write_tables=False, errorlog=NullLogger())  # type: ignore[no-untyped-call]
        document = parser.parse(text)  # type: ignore[no-untyped-call]  # untyped upstream
    except SPDXParsingError as error:
        raise _Invalid(f"SPDX tag-value document does not parse: {'; '.join(error.messages)}") from None
    return _spdx2_packages(text, document, json_keys=False)


def _spdx2_packages(text: str, document: Any, *, json_keys: bool) -> list[_Component]:
    from spdx_tools.spdx.model.package import ExternalPackageRefCategory
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    messages = validate_full_spdx_document(document)
    if messages:
        first = messages[0]
        # The line of the element the first problem is about, where its SPDX id is written.
        spdx_id = first.context.spdx_id or first.context.parent_id
        place = position(text, ("SPDXID",), spdx_id) if spdx_id else None
        raise _Invalid(
            f"SPDX document fails validation ({len(messages)} problems), first: {first.validation_message}",
            place[0] if place else 1,
        )
    found = []
    for package in document.packages:
        purls = tuple(
            ref.locator for ref in package.external_references
            if ref.category == ExternalPackageRefCategory.PACKAGE_MANAGER and ref.reference_type == "purl"
        )
        id_keys = ("SPDXID",)
        name_keys = ("name",) if json_keys else ("PackageName",)
        version = package.version if isinstance(package.version, str) else ""
        found.append(_Component(
            name=package.name, version=version, what="SPDX package",
            ids=((id_keys, package.spdx_id), (name_keys, package.name)), purls=purls,
        ))
    return found


# SPDX 3.0 ----------------------------------------------------------------------------------


def _spdx3(data: dict[str, Any]) -> list[_Component]:
    import spdx_python_model

    try:
        model, objects = spdx_python_model.load_data(data)
        model.JSONLDSerializer().serialize_data(objects)  # encoding checks required properties
    except (spdx_python_model.LoadError, TypeError, ValueError, KeyError) as error:
        raise _Invalid(f"SPDX 3 document is not valid: {type(error).__name__}: {error}") from None
    found = []
    for package in sorted(objects.foreach_type(model.software_Package), key=lambda p: str(p.get_id())):
        purls = [package.software_packageUrl] if package.software_packageUrl else []
        purls += [
            e.identifier for e in package.externalIdentifier
            if str(e.externalIdentifierType).endswith("/packageUrl")
        ]
        ai = isinstance(package, model.ai_AIPackage)
        dataset = isinstance(package, model.dataset_DatasetPackage)
        detail = ""
        if ai and package.ai_typeOfModel:
            detail = f"type of model {', '.join(sorted(package.ai_typeOfModel))}"
        elif ai and package.ai_domain:
            detail = f"domain {', '.join(sorted(package.ai_domain))}"
        spdx_id = str(package.get_id() or "")
        found.append(_Component(
            name=str(package.name or ""), version=str(package.software_packageVersion or ""),
            what="SPDX 3 AI package" if ai else "SPDX 3 package",
            ids=((("spdxId", "@id"), spdx_id), (("name",), str(package.name or ""))),
            purls=tuple(purls), model=ai, dataset=dataset, detail=detail,
        ))
    return found


SCANNERS = (SbomScanner(),)

"""The SoA as an OSCAL system security plan (JSON) for GRC tools that read OSCAL.

One implemented requirement per Annex A control, carrying the SoA decision as
properties and the justification as remarks. Every document that implements a
control is a component, of the OSCAL type its schema's `x-aims.export_as`
names (a policy, a procedure, a record as a plan, a standard, ...), and
each component links to a back-matter resource with the file's path and its
SHA-256, so a reader can verify that the file they hold is the one exported.

UUIDs are name-based (version 5) from ids and paths: exporting the same
repository twice gives the same document, and a control or document keeps its
UUID across exports, as OSCAL asks.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aims_lint.catalog import load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, qualified
from aims_lint.corpus import Corpus
from aims_lint.doctypes import EXPORT_AS, EXPORT_AS_DEFAULT
from aims_lint.document import SourceFile
from aims_lint.export.soa_rows import SoaRow
from aims_lint.model import Document, Role

OSCAL_VERSION = "1.1.3"
NS = "urn:aims-lint:oscal"  # namespace of our own properties
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, NS)
_STATES = {"implemented": "implemented", "partial": "partial", "planned": "planned"}
_COMPONENT_STATUS = {"approved": "operational", "retired": "disposition", "superseded": "disposition"}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Plan:
    """What the plan is made from, gathered by the command."""

    soa: SourceFile
    rows: list[SoaRow]
    corpus: Corpus
    root: Path
    today: date
    system_name: str
    framework: str = DEFAULT_FRAMEWORK  # the SoA's: whose Annex A the requirements are


def _key(plan: Plan, control: str) -> str:
    """A control as UUIDs name it: ISO/IEC 42001's bare (as they always were), another framework's
    qualified, so a 27001 plan's A.5.1 never shares a UUID with a 42001 plan's."""
    return qualified(plan.framework, control)


def to_oscal(plan: Plan) -> str:
    soa = plan.soa.model
    assert soa is not None  # the command refuses an SoA that is not a typed document
    documents = _implementing(plan)
    resources = {r["uuid"]: r for r in (_resource(plan.root, s, d) for s, d in [(plan.soa, soa), *documents])}
    catalog = _catalog_resource(plan.framework)
    ssp = {
        "uuid": _uuid("ssp", soa.id),
        "metadata": _metadata(plan, soa),
        "import-profile": {"href": f"#{catalog['uuid']}"},
        "system-characteristics": _characteristics(plan, soa),
        "system-implementation": _implementation(plan, documents),
        "control-implementation": {
            "description": f"How each Annex A control of {load_catalog(plan.framework).title} is decided "
            f"and implemented, from the Statement of Applicability {soa.id}.",
            "implemented-requirements": [_requirement(plan, row) for row in plan.rows],
        },
        "back-matter": {"resources": [catalog, *resources.values()]},
    }
    return json.dumps({"system-security-plan": ssp}, indent=2, ensure_ascii=False) + "\n"


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def _line(value: object) -> str:
    """A one-line OSCAL string: no newline, no leading or trailing space."""
    return " ".join(str(value).split()) or "-"


def _implementing(plan: Plan) -> list[tuple[SourceFile, Document]]:
    wanted = {doc_id for row in plan.rows for doc_id in row.implemented_by}
    found = {d.id: (s, d) for s, d in plan.corpus.typed if d.id in wanted}
    return [found[doc_id] for doc_id in sorted(found)]


def _metadata(plan: Plan, soa: Document) -> dict[str, Any]:
    roles = plan.corpus.roles
    metadata: dict[str, Any] = {
        "title": _line(f"{plan.system_name}: Statement of Applicability {soa.id}"),
        "last-modified": f"{plan.today.isoformat()}T00:00:00+00:00",
        "version": _line(soa.version or "0"),
        "oscal-version": OSCAL_VERSION,
        "links": [{"href": f"#{_uuid('resource', plan.soa.path)}", "rel": "source"}],
    }
    if roles:
        metadata["roles"] = [{"id": r.id, "title": _line(r.title)} for r in roles.values()]
        parties = {r.id: _party(r) for r in roles.values() if not r.vacant}
        if parties:
            metadata["parties"] = list({p["uuid"]: p for p in parties.values()}.values())
            metadata["responsible-parties"] = [
                {"role-id": role_id, "party-uuids": [party["uuid"]]} for role_id, party in parties.items()
            ]
    return metadata


def _party(role: Role) -> dict[str, Any]:
    holder = role.holder
    assert holder is not None and holder.name
    party: dict[str, Any] = {
        "uuid": _uuid("party", holder.email or holder.name),
        "type": "person",
        "name": _line(holder.name),
    }
    if holder.email and _EMAIL.fullmatch(holder.email):
        party["email-addresses"] = [holder.email]
    return party


def _characteristics(plan: Plan, soa: Document) -> dict[str, Any]:
    return {
        "system-ids": [{"identifier-type": "https://ietf.org/rfc/rfc4122", "id": _uuid("system", soa.id)}],
        "system-name": _line(plan.system_name),
        "description": "An AI management system (ISO/IEC 42001) kept as Markdown documents in git; "
        "its policies, procedures and records are the components of this plan.",
        "system-information": {
            "information-types": [
                {
                    "uuid": _uuid("information-type", "aims-documents"),
                    "title": "AI management system documentation",
                    "description": "Policies, procedures and records of the AI management system.",
                }
            ],
        },
        "status": {"state": "operational"},
        "authorization-boundary": {
            "description": "The scope of the AI management system as stated in its scope document; "
            f"the controls in scope are those the Statement of Applicability {soa.id} "
            "marks applicable.",
        },
    }


def _implementation(plan: Plan, documents: list[tuple[SourceFile, Document]]) -> dict[str, Any]:
    this_system = {
        "uuid": _uuid("component", "this-system"),
        "type": "this-system",
        "title": _line(plan.system_name),
        "description": "The AI management system as a whole.",
        "status": {"state": "operational"},
    }
    components = [this_system, *(_component(plan, s, d) for s, d in documents)]
    implementation: dict[str, Any] = {"components": components}
    users = [
        {"uuid": _uuid("user", r.id), "title": _line(r.title), "role-ids": [r.id]}
        for r in plan.corpus.roles.values()
    ]
    if users:
        implementation["users"] = users
    return implementation


def _component(plan: Plan, source: SourceFile, doc: Document) -> dict[str, Any]:
    component: dict[str, Any] = {
        "uuid": _uuid("component", doc.id),
        "type": component_type(source),
        "title": _line(f"{doc.id} {doc.title}"),
        "description": (doc.summary or "").strip() or _line(doc.title),
        "props": [
            p
            for p in (
                _prop("document-id", doc.id),
                _prop("document-status", doc.status),
                _prop("document-version", doc.version),
                _prop("path", source.path),
            )
            if p
        ],
        "links": [{"href": f"#{_uuid('resource', source.path)}", "rel": "reference"}],
        "status": {"state": _COMPONENT_STATUS.get(doc.status, "under-development")},
    }
    if doc.owner and doc.owner in plan.corpus.roles:
        component["responsible-roles"] = [{"role-id": doc.owner}]
    return component


def component_type(source: SourceFile) -> str:
    """The OSCAL component type of a document: its schema's `x-aims.export_as`, which
    loading the schemas checked is one (doctypes.EXPORT_AS); a schema that names none
    gets `guidance`, the type for documents that guide without being policy."""
    schema = source.schema
    return schema.export_as if schema is not None and schema.export_as in EXPORT_AS else EXPORT_AS_DEFAULT


def _requirement(plan: Plan, row: SoaRow) -> dict[str, Any]:
    props = [
        _prop("applicable", row.decision),
        _prop("implementation", row.implementation),
        *(_prop("reason", reason) for reason in row.reasons),
        _prop("same-as", row.same_as),  # the 42001 control whose implementation this one shares
    ]
    requirement: dict[str, Any] = {
        "uuid": _uuid("requirement", _key(plan, row.control)),
        "control-id": row.control,
        "props": [p for p in props if p],
    }
    by_components = _by_components(plan, row)
    if by_components:
        requirement["by-components"] = by_components
    if row.justification.strip():
        requirement["remarks"] = row.justification.strip()
    return requirement


def _by_components(plan: Plan, row: SoaRow) -> list[dict[str, Any]]:
    if row.applicable is False:
        status = {"state": "not-applicable", "remarks": row.justification.strip() or "Excluded in the SoA."}
        return [
            {
                "component-uuid": _uuid("component", "this-system"),
                "uuid": _uuid("by", _key(plan, row.control), "this-system"),
                "description": "Excluded from the AI management system by the Statement of Applicability.",
                "implementation-status": status,
            }
        ]
    known = {d.id: d for _, d in plan.corpus.typed}
    entries = []
    for doc_id in row.implemented_by:
        doc = known.get(doc_id)
        if doc is None:
            continue  # the check reports the dangling id; the plan lists what exists
        entry: dict[str, Any] = {
            "component-uuid": _uuid("component", doc.id),
            "uuid": _uuid("by", _key(plan, row.control), doc.id),
            "description": _line(f"{doc.id} {doc.title} implements {row.control} {row.title}."),
        }
        if row.implementation in _STATES:
            entry["implementation-status"] = {"state": _STATES[row.implementation]}
        entries.append(entry)
    return entries


def _prop(name: str, value: str | None) -> dict[str, str] | None:
    return {"name": name, "ns": NS, "value": _line(value)} if value and value.strip() else None


def _resource(root: Path, source: SourceFile, doc: Document) -> dict[str, Any]:
    digest = hashlib.sha256((root / source.path).read_bytes()).hexdigest()
    return {
        "uuid": _uuid("resource", source.path),
        "title": _line(f"{doc.id} {doc.title}"),
        "rlinks": [
            {
                "href": quote(source.path),
                "media-type": "text/markdown",
                "hashes": [{"algorithm": "SHA-256", "value": digest}],
            }
        ],
    }


def _catalog_resource(framework: str) -> dict[str, Any]:
    title = load_catalog(framework).title  # "ISO/IEC 42001:2023"
    return {
        # 42001's name predates other frameworks and is kept, so its UUID does not change between releases
        "uuid": _uuid("resource", "iso-iec-42001-2023-annex-a" if framework == DEFAULT_FRAMEWORK
                      else f"{framework}-annex-a"),
        "title": f"{title}, Annex A reference controls",
        "description": "The controls are identified by their Annex A numbers; the standard itself is "
        "published by ISO and IEC and is not reproduced here.",
    }

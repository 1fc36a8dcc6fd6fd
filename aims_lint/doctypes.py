"""Built-in behaviours: the one place in code that names document types and record kinds.

A document type, or a record kind, is defined by its schema in `schemas/` and
nothing else (`docs/documents.md`). Most types need no code at all: a
`standard` type gets checked, listed, published, exported and scaffolded from
its schema's `x-aims` block alone. A few carry semantics the built-in rules
rely on (the SoA's entries, the roles registry, the AI system inventory, the
nonconformities with their corrective actions). Their schemas take that
semantics by naming a behaviour here, in `x-aims.behaviour`; rules and pages
ask for a behaviour, never for a type name, so an organisation may call its
types what it likes.

Schemas written before `x-aims.behaviour` existed still work: `LEGACY` gives
the built-in type names and record kinds their old meaning and defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aims_lint.model import Document, Record, RolesRegistry, StatementOfApplicability

# The fields every document has, whatever its type: the discovery, identity and
# status rules read them.
BASE_FIELDS: tuple[str, ...] = ("id", "title", "type", "status")
# Fields the rules read when present; a schema with a behaviour must at least declare them.
OPTIONAL_FIELDS: tuple[str, ...] = (
    "approved_on",
    "last_reviewed",
    "review_cycle_months",
    "related",
    "clauses",
    "controls",
    "classification",
)
# Who answers for a controlled document, and the dates of its life in the order they happen.
_ACCOUNTABLE: tuple[str, ...] = ("version", "owner", "approver")
_DATES: tuple[str, ...] = (
    "approved_on", "effective_on", "last_reviewed", "review_cycle_months", "next_review"
)
# The usual order of the core fields in a header, the one list of it: `adopt` writes a header
# in it, and an edit (`review`) puts a missing key after the nearest earlier one the header has.
FIELD_ORDER: tuple[str, ...] = (*BASE_FIELDS, *_ACCOUNTABLE, *_DATES)
_CONTROLLED = (*BASE_FIELDS, *_ACCOUNTABLE, "next_review")


@dataclass(frozen=True)
class Behaviour:
    """Semantics a type (or a record kind) can take from the toolkit."""

    name: str
    model: type[Document]
    fields: tuple[str, ...]  # must stay declared and required in the schema
    reads: tuple[str, ...] = OPTIONAL_FIELDS  # must stay declared (may be optional)
    controlled: bool = False  # versioned and approved: version-bump and approval rules apply
    kind: bool = False  # a record kind's behaviour, on top of `record`
    # Its content is a structured list only a person can write (the SoA's entries, the
    # roles): `adopt` never makes one out of an existing file.
    structured: bool = False
    description: str = ""


BEHAVIOURS: dict[str, Behaviour] = {
    b.name: b
    for b in (
        Behaviour(
            "controlled-document",
            Document,
            _CONTROLLED,
            controlled=True,
            description="a versioned, approved and periodically reviewed document (policies, procedures)",
        ),
        Behaviour(
            "soa",
            StatementOfApplicability,
            (*_CONTROLLED, "entries"),
            controlled=True,
            structured=True,
            description="the Statement of Applicability: one entry per Annex A control",
        ),
        Behaviour(
            "roles",
            RolesRegistry,
            (*BASE_FIELDS, *_ACCOUNTABLE, "roles"),
            controlled=True,
            structured=True,
            description="the roles registry that owners and approvers resolve to",
        ),
        Behaviour(
            "record",
            Record,
            (*BASE_FIELDS, "owner", "record_kind"),
            description="evidence that the management system operates; each record has a kind",
        ),
        Behaviour(
            "ai-system",
            Record,
            (),
            ("in_scope", "risk_level", "sourcing"),
            kind=True,
            description="an entry of the AI system inventory",
        ),
        Behaviour(
            "impact-assessment",
            Record,
            (),
            ("assesses",),
            kind=True,
            description="an AI system impact assessment",
        ),
        Behaviour(
            "risk-assessment",
            Record,
            (),
            ("assesses",),
            kind=True,
            description="an AI risk assessment; its `risks` are what the risk rules read",
        ),
        Behaviour(
            "risk-treatment-plan",
            Record,
            (),
            (),
            kind=True,
            description="the AI risk treatment plan; its `risks` hold accepted residual risks",
        ),
        Behaviour(
            "supplier-assessment",
            Record,
            (),
            ("assesses",),
            kind=True,
            description="an assessment of a supplier of AI systems or components",
        ),
        Behaviour(
            "supplier",
            Record,
            (),
            ("assessments", "next_review"),
            kind=True,
            description="an entry of the supplier register: who supplies which models, with what data",
        ),
        Behaviour(
            "internal-audit",
            Record,
            (),
            ("clauses",),
            kind=True,
            description=(
                "an internal audit report; its scope_clauses and scope_controls (else its clauses "
                "and controls) are what was audited, its findings what was found"
            ),
        ),
        Behaviour(
            "audit-programme",
            Record,
            (),
            ("scope_clauses", "scope_controls"),
            kind=True,
            description="the internal audit programme; its scope_clauses and scope_controls are its plan",
        ),
        Behaviour(
            "management-review", Record, (), (), kind=True, description="the record of a management review"
        ),
        Behaviour(
            "nonconformity",
            Record,
            (),
            ("nc_status", "corrective_actions"),
            kind=True,
            description="a nonconformity with its corrective actions",
        ),
    )
}
# The record kinds whose behaviour the rules read, by behaviour name (import these, not strings).
AI_SYSTEM = "ai-system"
IMPACT_ASSESSMENT = "impact-assessment"
RISK_ASSESSMENT = "risk-assessment"
RISK_TREATMENT_PLAN = "risk-treatment-plan"
SUPPLIER_ASSESSMENT = "supplier-assessment"
SUPPLIER = "supplier"
INTERNAL_AUDIT = "internal-audit"
AUDIT_PROGRAMME = "audit-programme"
MANAGEMENT_REVIEW = "management-review"
NONCONFORMITY = "nonconformity"
SOA = "soa"
ROLES = "roles"

# Fields whose values are lists of document ids, checked like `related` (AIMS501 unknown, AIMS502
# retired): the supplier register's links and the scope document's systems. A kind's schema declares
# the field; listing it here is what makes the reference rules follow it.
REFERENCE_FIELDS: tuple[str, ...] = ("related", "suppliers", "assessments", "systems_in_scope")

# Defaults for the types the toolkit shipped before `x-aims` named them: a
# schema written for 0.1 keeps its meaning. Any key its `x-aims` block sets wins.
LEGACY: dict[str, dict[str, Any]] = {
    # In the register's order: the built-in types' groups come first, in this order.
    "policy": {"behaviour": "controlled-document", "site_section": "Policies", "export_as": "policy"},
    "soa": {"behaviour": "soa", "site_section": "Statement of Applicability", "export_as": "policy"},
    "roles": {"behaviour": "roles", "site_section": "Roles", "export_as": "policy"},
    "procedure": {
        "behaviour": "controlled-document",
        "site_section": "Procedures",
        "export_as": "process-procedure",
    },
    "record": {"behaviour": "record", "site_section": "Records", "export_as": "plan"},
}
# What `x-aims.export_as` may name: the OSCAL 1.1 component types a document can be
# ("this-system" is the management system itself, never one of its documents).
EXPORT_AS: frozenset[str] = frozenset(
    {
        "system",
        "interconnection",
        "software",
        "hardware",
        "service",
        "policy",
        "physical",
        "process-procedure",
        "plan",
        "guidance",
        "standard",
        "validation",
    }
)
EXPORT_AS_DEFAULT = "guidance"
# The register's columns for a type whose schema names none.
REGISTER_COLUMNS: tuple[str, ...] = ("id", "title", "status", "version", "owner", "next_review")
LEGACY_KINDS: frozenset[str] = frozenset(b.name for b in BEHAVIOURS.values() if b.kind)


def behaviour(name: str | None) -> Behaviour | None:
    return BEHAVIOURS.get(name) if name else None


def model_for(name: str | None) -> type[Document]:
    """The typed model for a behaviour; a type with none gets the common document model."""
    found = behaviour(name)
    return found.model if found else Document

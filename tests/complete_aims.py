"""A small but complete management system for tests: every required document, a full SoA.

Built on the rule-case base documents (roles registry ROL-001, AI policy
POL-001). Each piece of documented information the catalog expects is
provided by one short approved document, the SoA decides all 38 controls, and
the recurring evidence (assessments, audit, management review) is current on
`TODAY`. Tests change one thing and look for the one finding it must cause.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from aims_lint.audit_scope import clause_units
from aims_lint.catalog import load_catalog
from aims_lint.schemas import SchemaSet, load_schemas

TODAY = date(2026, 11, 22)
SOA_PATH = "policies/statement-of-applicability.md"
IMPACT_PROCEDURE = "procedures/impact-assessment.md"
EXCLUDED = ("A.10.2", "A.10.3", "A.10.4")  # no suppliers, no customers in this small example
# Operating for more than a year on `TODAY` (so past its first audit and review cycles, and past
# `min_operating_months`): ready for a Stage 1 audit.
OPERATING_SINCE = date(2025, 9, 1)
CONFIG = f"[tool.aims_lint]\noperating_since = {OPERATING_SINCE}\n"


PROJECT = Path(__file__).resolve().parents[1]
# One short real paragraph for each section the project's schemas require (x-aims.body).
SECTION_TEXT = {
    "Purpose": "This document says why the organisation keeps this part of its AI management "
    "system and what would go wrong without it.",
    "Steps": "1. The AIMS manager plans the work and names the roles taking part.\n"
    "2. Each named role carries out its part and writes down what it found.\n"
    "3. Top management reviews the result and approves the record within ten working days.\n"
    "4. The AIMS manager files the record and schedules the next run.",
    "Records": "Each run leaves a record of its kind in the records folder, kept for five years.",
    "Summary": "The organisation applies 35 of the 38 Annex A controls; each one applied is "
    "implemented and names the policy or procedure that carries it out.",
    "Exclusions": "A.10.2 to A.10.4 are excluded: the organisation builds every AI system "
    "itself and sells none.",
    "Authorities": "Top management approves policies and accepts residual risks; the AIMS manager "
    "runs the management system and approves records; the ML lead owns the AI systems in operation.",
    "Intended use": "The support chat assistant answers customers' questions about their orders from "
    "the help centre articles and hands over to a person when it cannot help.",
    "System description": "The support chat assistant answers order questions from help centre "
    "articles; customers use it on the website and support staff watch its hand-overs.",
    "Individuals and groups": "Customers may get a wrong answer about an order or a refund, and "
    "support staff may receive more hand-overs when the assistant is unsure.",
    "Misuse and failure": "A customer may try to make it promise a refund, or paste personal data "
    "into the chat; it may also quote an outdated article.",
    "Measures": "Refund promises are outside its topics, an input filter removes personal data, "
    "and articles are re-indexed every night.",
    "Conclusion": "The assistant may stay in operation; the assessment is repeated within a year.",
    "Scope and criteria": "The audit covered clauses 4 to 10 against ISO/IEC 42001 and the "
    "organisation's own policies and procedures, by an auditor from outside the audited teams.",
    "Findings": "No nonconformity was found; one observation asks for clearer release notes.",
    "Inputs": "The review considered the actions from the previous review, changes in context "
    "and interested parties, the monitoring results, the internal audit report, the closed "
    "nonconformity, feedback from customers and the opportunities for improvement. "
    "It concluded that the management system is suitable, adequate and effective.",
    "Decisions": "Top management kept the AI policy unchanged, approved the 2027 objectives and "
    "funded a second reviewer for releases.",
    "Finding": "A model release reached customers without the required sign-off by the clinical "
    "reviewer, which the change procedure asks for.",
    "Cause": "The release pipeline did not check for the sign-off before promotion.",
    "Corrective actions": "The ML lead added a sign-off gate to the pipeline, and the next three "
    "releases were checked and found signed.",
    "Risks": "The assistant may give a wrong answer about an order (medium) or expose personal "
    "data typed into the chat (medium); an outage of the service is a low risk.",
    # The scope document's own sections (AIMS1006, aims_lint/scope.py SCOPE_BODY).
    "Issues": "Customers expect correct answers about their orders and refunds, the EU AI Act asks "
    "for transparency towards people who talk to a chatbot, and the team of three engineers runs "
    "the assistant next to the web shop.",
    "Interested parties": "Customers want a correct answer or a person; support staff want fewer "
    "repeated questions; the data protection authority expects personal data in chats to be "
    "minimised and deleted on time.",
    "Scope": "The management system covers the design, operation and retirement of the support "
    "chat assistant (REC-010), the engineers and support staff who build, run and watch it, the "
    "office and the cloud region that host it, and the supplier of its language model. Out of "
    "scope: the spam filter of the mail service, which the organisation cannot configure; it is "
    "reviewed once a year.",
    "Treatment": "Both medium risks are treated by the topic limits and the input filter; the low "
    "risk is accepted by the AIMS manager.",
}
_INTRO = (
    "The test organisation writes this document for its small AI management system. It is "
    "short on purpose, but each part says something real about how the organisation works, "
    "who does what, and where the evidence of it is kept for an auditor to read."
)


@cache
def _schemas() -> SchemaSet:
    return load_schemas(PROJECT, "schemas")


def body(title: str, doc_type: str, kind: str | None = None, also: tuple[str, ...] = ()) -> str:
    """A body with every section the project's schema for this type (or record kind) requires,
    and the sections `also` names (a scope's, which no schema declares)."""
    schemas = _schemas()
    schema = schemas.by_type[doc_type]
    schema = schemas.kinds.get(doc_type, {}).get(kind or "", schema)
    spec = schema.body
    headings = [s.heading for s in spec.sections] if spec else []
    text = f"# {title}\n\n{_INTRO}\n\n" + "".join(
        f"## {heading}\n\n{SECTION_TEXT[heading]}\n\n" for heading in [*headings, *also]
    )
    # Distinct sentences: a repeated one counts once (aims_lint/body_sections.py).
    review = 0
    while spec is not None and len(text.split()) < spec.min_words + 20:
        review += 1
        text += f"At review {review} the owner checks that this document still describes what people do.\n\n"
    return text


def _controlled(
    doc_id: str, doc_type: str, title: str, clauses: str, extra: str = "", also: tuple[str, ...] = ()
) -> str:
    return f"""---
id: {doc_id}
title: {title}
type: {doc_type}
status: approved
version: "1.0"
owner: aims-manager
approver: top-management
approved_on: 2026-03-02
last_reviewed: 2026-03-02
next_review: 2027-03-02
classification: internal
clauses: {clauses}
{extra}---
{body(title, doc_type, also=also)}"""


def _record(doc_id: str, kind: str, title: str, clauses: str, extra: str = "", more: str = "") -> str:
    """A record of `kind` with `extra` front matter and `more` body text after the required sections."""
    event = "2026-09-15"
    return f"""---
id: {doc_id}
title: {title}
type: record
record_kind: {kind}
status: approved
owner: aims-manager
approver: top-management
approved_on: {event}
event_date: {event}
retention_years: 5
classification: internal
clauses: {clauses}
{extra}---
{body(title, "record", kind)}{more}"""


def _audited() -> tuple[str, str]:
    """The audit scope of the whole system (every clause, every applicable control) and a
    findings section that states a result for each of them, as AIMS804 and AIMS850 ask."""
    catalog = load_catalog()
    controls = [c.id for c in catalog.controls if c.id not in EXCLUDED]
    scope = f'scope_clauses: ["4", "5", "6", "7", "8", "9", "10"]\nscope_controls: [{", ".join(controls)}]\n'
    results = "".join(f"- {unit}: conforms.\n" for unit in (*clause_units(catalog), *controls))
    return scope, f"\n## Findings\n\n{results}"


def _entry(control: str) -> str:
    if control in EXCLUDED:
        return (f"  - control: {control}\n    applicable: false\n    reasons: [not-relevant]\n"
                "    justification: We build every AI system ourselves and sell none.\n")
    implementer = "POL-001" if control.startswith("A.2.") else "PRO-001"
    return (f"  - control: {control}\n    applicable: true\n    reasons: [risk-treatment]\n"
            "    justification: Selected by our AI risk treatment.\n    implementation: implemented\n"
            f"    implemented_by: [{implementer}]\n")


def soa_text() -> str:
    entries = "".join(_entry(c.id) for c in load_catalog().controls)
    return _controlled("SOA-001", "soa", "Statement of Applicability", '["6.1.3"]', "entries:\n" + entries)


def complete_files() -> dict[str, str]:
    """Files to add to the rule-case base repository (roles registry and AI policy POL-001),
    with the configuration (`operating_since`)."""
    operating = ", ".join(c.id for c in load_catalog().controls if c.id not in EXCLUDED)
    return {
        "pyproject.toml": CONFIG,
        "policies/scope.md": _controlled(
            "POL-002", "policy", "Scope of the AIMS", '["4.3"]', "systems_in_scope: [REC-010]\n",
            also=("Issues", "Interested parties", "Scope")),
        SOA_PATH: soa_text(),
        "procedures/risk-assessment.md": _controlled(
            "PRO-001", "procedure", "AI risk assessment", '["6.1.2", "8.2"]',
            "controls: [A.6.1.2]\n"),
        "procedures/risk-treatment.md": _controlled("PRO-002", "procedure", "AI risk treatment", '["6.1.3"]'),
        IMPACT_PROCEDURE: _controlled("PRO-003", "procedure", "AI system impact assessment", '["6.1.4"]'),
        "records/risk-assessment.md": _record(
            "REC-002", "risk-assessment", "Risk assessment of the chat assistant", '["6.1.1", "8.2"]',
            "assesses: [REC-010]\nrisks:\n  - {id: R-01, title: Wrong answers on billing, level: medium, "
            "treatment: treat}\n"),
        "records/risk-treatment-plan.md": _record(
            "REC-003", "risk-treatment-plan", "AI risk treatment plan", '["6.1.3", "8.3"]'),
        "records/objectives.md": _record("REC-004", "objectives-plan", "AI objectives 2026", '["6.2"]'),
        "records/training.md": _record("REC-005", "training", "AI awareness training", '["7.2"]'),
        "records/impact-assessment.md": _record(
            "REC-006", "impact-assessment", "Impact assessment of the chat assistant", '["6.1.4", "8.4"]',
            "assesses: [REC-010]\n"),
        # The record that shows every implemented control operating (AIMS871).
        "records/monitoring.md": _record(
            "REC-007", "monitoring", "AIMS performance indicators", '["9.1"]', f"controls: [{operating}]\n"),
        "records/audit-programme.md": _record(
            "REC-008", "audit-programme", "Audit programme", '["9.2.2"]', _audited()[0]),
        "records/internal-audit.md": _record(
            "REC-009", "internal-audit", "Internal audit 2026", '["4", "5", "6", "7", "8", "9.2.2", "10"]',
            *_audited()),
        "records/ai-system-chat.md": _record(
            "REC-010", "ai-system", "Support chat assistant", '["8.1"]',
            "lifecycle_stage: operation\nrisk_level: medium\nsourcing: in-house\nin_scope: true\n"),
        "records/incident.md": _record(
            "REC-001", "incident", "Chat assistant outage handled", '["8.1"]'),
        "records/management-review.md": _record(
            "REC-011", "management-review", "Management review 2026", '["9.3", "9.3.3"]',
            "inputs: [9.3.2.a, 9.3.2.b, 9.3.2.c, 9.3.2.d, 9.3.2.e]\n"
            "decisions:\n  - {id: D-1, decision: Keep the AI policy as it is., owner: top-management}\n"),
        "records/nonconformity.md": _record(
            "REC-012", "nonconformity", "Release without sign-off", '["10.2"]',
            "nc_status: closed\ngrade: minor\ncause: Nothing stopped a release without the sign-off.\n"
            "actions:\n  - id: CA-1\n    action: Add the sign-off gate.\n"
            "    owner: ml-lead\n    due: 2026-10-01\n    status: done\n    done_on: 2026-09-28\n"
            "effectiveness: {checked_on: 2026-09-30, by: aims-manager,\n"
            "  result: The next release was signed off.}\n"),
    }

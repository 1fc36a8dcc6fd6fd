"""Which artefacts an AI system's role, class and basis require under the EU AI Act, and from when.

Each `Obligation` names one artefact (`Artefact`: what must exist, the
article the duty comes from, the articles a document may cite to count as
it), the record field a finding points at, and a test of the system's
`Classification` that says why the duty applies (or None when it does not).
The day a duty applies from is never written here: it is the `applies_from`
of the article's item in the `eu-ai-act` catalog, or, for a duty of a
high-risk system, that of its basis item when later (a law applied in stages keeps its dates in
one place). docs/ai-act.md explains the table in words.

Who carries a provider's duties: the provider, and the manufacturer of a
product under Annex I legislation whose safety component the system is (the
Act treats that manufacturer as the provider).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from aims_lint.ai_act.classification import Classification
from aims_lint.catalog import Catalog, Item

CONTROLLED = "controlled-document"  # the behaviour of policies and procedures (aims_lint/doctypes.py)
IMPACT_ASSESSMENT = "impact-assessment"
FRIA_POINTS = ("5(b)", "5(c)")  # Annex III points whose deployers need a FRIA whoever they are
FRIA_EXCLUDED_AREA = "2"  # critical infrastructure: no FRIA
# The deployer categories Art. 27 names, as messages say them.
PUBLIC = {
    "public-body": "a public body",
    "public-service-provider": "a private entity providing public services",
}


@dataclass(frozen=True)
class Artefact:
    name: str  # "technical documentation"
    article: str  # the duty's article in the catalog ("Art-11"), whose applies_from dates it
    accepts: tuple[str, ...]  # the articles a document may cite in `controls` to count as the artefact
    per_system: bool  # True: the document must name the system; False: one for the organisation
    forms: tuple[str, ...] = ()  # behaviours of the documents that count; () any document
    hint: str = ""  # what would satisfy it, in a few words


@dataclass(frozen=True)
class Obligation:
    key: str  # stable name the rules ask for: "technical-documentation"
    artefact: Artefact
    field: str  # the record field that brings the duty, where findings point
    why: Callable[[Classification], str | None]  # why it applies to a system, None when it does not
    # A duty of a high-risk system: it starts no earlier than the system's basis item (an Annex I act's
    # day is later than the articles', Art. 113(c)). AI literacy and transparency do not wait for it.
    high_risk: bool = True


@dataclass(frozen=True)
class Due:
    """An obligation that applies to one system, the reason, and the day it applies from."""

    obligation: Obligation
    reason: str
    applies_from: date | None  # None: in force already (the catalog names no later day)

    def in_force(self, today: date) -> bool:
        return self.applies_from is None or self.applies_from <= today


def carries_provider_duties(c: Classification) -> bool:
    annex_i = c.basis is not None and c.basis.annex == "I"
    return c.has("provider") or (annex_i and c.has("product-manufacturer"))


def _high_risk_provider(c: Classification) -> str | None:
    if c.cls != "high-risk" or not carries_provider_duties(c):
        return None
    return "the provider of a high-risk system"


def _high_risk_deployer(c: Classification) -> str | None:
    return "the deployer of a high-risk system" if c.cls == "high-risk" and c.has("deployer") else None


def _registered(c: Classification) -> str | None:
    """Registration in the EU database: Annex III systems (Annex I products register under their own law)."""
    reason = _high_risk_provider(c)
    annex_iii = c.basis is not None and c.basis.annex == "III"
    return f"{reason} listed in Annex III ({c.basis.text})" if reason and annex_iii and c.basis else None


def fria_reason(c: Classification) -> str | None:
    """Art. 27: Annex III systems other than point 2, deployed by a public body or a private entity
    providing public services; and Annex III points 5(b) and 5(c) whoever deploys them."""
    basis = c.basis
    if c.cls != "high-risk" or not c.has("deployer") or basis is None or basis.annex != "III":
        return None
    if basis.annex_iii_point == FRIA_EXCLUDED_AREA:
        return None
    if basis.point in FRIA_POINTS:
        return f"the deployer of an Annex III point {basis.point} system"
    if c.deployer_category in PUBLIC:
        return f"{PUBLIC[c.deployer_category]} deploying an Annex III system ({basis.text})"
    return None


def _limited_risk(c: Classification) -> str | None:
    if c.cls != "limited-risk" or not (carries_provider_duties(c) or c.has("deployer")):
        return None
    return "the provider or deployer of a limited-risk system"


def _literacy(c: Classification) -> str | None:
    if carries_provider_duties(c) or c.has("deployer"):
        return "a provider or deployer of an AI system"
    return None


def _value_chain(role: str) -> Callable[[Classification], str | None]:
    def why(c: Classification) -> str | None:
        return f"the {role} of a high-risk system" if c.cls == "high-risk" and c.has(role) else None
    return why


def _artefact(name: str, article: str, *also: str, per_system: bool = True, forms: tuple[str, ...] = (),
              hint: str) -> Artefact:
    return Artefact(name, article, (article, *also), per_system, forms, hint)


OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation("technical-documentation", _artefact(
        "technical documentation", "Art-11",
        hint="a record that describes the system's design, data, testing and performance"),
        "/ai_act_class", _high_risk_provider),
    Obligation("quality-management", _artefact(
        "quality management system", "Art-17", per_system=False, forms=(CONTROLLED,),
        hint="a policy or procedure that sets out the provider's quality management system"),
        "/ai_act_class", _high_risk_provider),
    Obligation("record-keeping", _artefact(
        "logging and log keeping", "Art-12", "Art-19",
        hint="a record or procedure saying what the system logs and how long the logs are kept"),
        "/ai_act_class", _high_risk_provider),
    Obligation("post-market-monitoring", _artefact(
        "post-market monitoring", "Art-72",
        hint="a post-market monitoring plan or record for the system"),
        "/ai_act_class", _high_risk_provider),
    Obligation("serious-incident-reporting", _artefact(
        "serious incident reporting", "Art-73", per_system=False, forms=(CONTROLLED,),
        hint="a procedure for reporting serious incidents to the market surveillance authority"),
        "/ai_act_class", _high_risk_provider),
    Obligation("conformity-assessment", _artefact(
        "conformity assessment", "Art-43",
        hint="a record of the conformity assessment the system passed"),
        "/ai_act_class", _high_risk_provider),
    Obligation("declaration-of-conformity", _artefact(
        "EU declaration of conformity", "Art-47", "Art-48",
        hint="a record holding the signed EU declaration of conformity (and the CE marking)"),
        "/ai_act_class", _high_risk_provider),
    Obligation("registration", _artefact(
        "registration in the EU database", "Art-49",
        hint="a record of the system's entry in the EU database"),
        "/ai_act_basis", _registered),
    Obligation("fundamental-rights-impact-assessment", _artefact(
        "fundamental rights impact assessment", "Art-27", forms=(IMPACT_ASSESSMENT,),
        hint="an impact-assessment record that assesses the system's effect on fundamental rights"),
        "/ai_act_deployer_category", fria_reason),
    Obligation("deployer-measures", _artefact(
        "deployer's measures", "Art-26",
        hint="a record or procedure that assigns human oversight and keeps the system's logs"),
        "/ai_act_roles", _high_risk_deployer),
    Obligation("transparency", _artefact(
        "transparency measure", "Art-50",
        hint="a record of how people are told they deal with an AI system or AI-generated content"),
        "/ai_act_class", _limited_risk, high_risk=False),
    Obligation("ai-literacy", _artefact(
        "AI literacy measures", "Art-4", per_system=False,
        hint="a policy, procedure or training record on the AI literacy of staff who run AI systems"),
        "/ai_act_roles", _literacy, high_risk=False),
    Obligation("importer-verification", _artefact(
        "importer's verification", "Art-23",
        hint="a record of the checks made before placing the system on the market"),
        "/ai_act_roles", _value_chain("importer")),
    Obligation("distributor-verification", _artefact(
        "distributor's verification", "Art-24",
        hint="a record of the checks made before making the system available"),
        "/ai_act_roles", _value_chain("distributor")),
)
BY_KEY = {o.key: o for o in OBLIGATIONS}


def applies_from(catalog: Catalog, obligation: Obligation, c: Classification) -> date | None:
    """The article's day, or the basis item's when later, for a duty of a high-risk system."""
    basis = _basis_item(catalog, c) if obligation.high_risk else None
    items = (catalog.get(obligation.artefact.article), basis)
    days = [item.applies_from for item in items if item is not None and item.applies_from is not None]
    return max(days) if days else None


def _basis_item(catalog: Catalog, c: Classification) -> Item | None:
    return catalog.get(c.basis.item_id) if c.cls == "high-risk" and c.basis is not None else None


def due(catalog: Catalog, c: Classification, keys: tuple[str, ...] | None = None) -> list[Due]:
    """The obligations (all, or those named by `keys`) that apply to a system, with their days."""
    chosen = OBLIGATIONS if keys is None else tuple(BY_KEY[k] for k in keys)
    found = []
    for obligation in chosen:
        reason = obligation.why(c)
        if reason is not None:
            found.append(Due(obligation, reason, applies_from(catalog, obligation, c)))
    return found

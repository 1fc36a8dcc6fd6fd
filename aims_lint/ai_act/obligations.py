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

A high-risk system whose basis is an act of Annex I Section B (the catalog
item's `section: B`: civil aviation, vehicles, marine equipment, rail) owes
none of the duties modelled here: Art. 2(2) applies only Art. 6(1), 102-109
and 112 to it (Art. 57 as far as those acts take it up), and the Act's
requirements reach it through those acts' own conformity rules.

A high-risk system whose basis is missing or names no catalog item
(AIMS1101 and AIMS1102 report that) has its high-risk duties dated from the
earliest day any basis of that annex could give them (either annex, when
none is said): not from the article's own day, which is earlier than any
basis allows and would call duties due that cannot be due yet; not from the
latest either, which would hide them once they may be.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from aims_lint.ai_act.classification import Classification
from aims_lint.catalog import Catalog, Item

FRIA_POINTS = ("5(b)", "5(c)")  # Annex III points whose deployers need a FRIA whoever they are
FRIA_EXCLUDED_AREA = "2"  # critical infrastructure: no FRIA
SECTION_B = "B"
# The articles Art. 2(2) applies to a system under an Annex I Section B act; no modelled duty is among them.
SECTION_B_ARTICLES = frozenset({"Art-6", *(f"Art-{n}" for n in range(102, 110)), "Art-112"})
# The catalog kind of each annex's basis items, for the earliest day of a basis the catalog lacks.
BASIS_KINDS = {"I": "annex-i-act", "III": "annex-iii-point"}
# The deployer categories Art. 27 names, as messages say them.
PUBLIC = {
    "public-body": "a public body",
    "public-service-provider": "a private entity providing public services",
}
# A reason reads after the system's name: "the AI system REC-010 (TriageFlow) is high-risk and has the
# provider role" (aims_lint/ai_act/checking.py), so each says what the record declares, in its words.


@dataclass(frozen=True)
class Artefact:
    name: str  # "technical documentation"
    article: str  # the duty's article in the catalog ("Art-11"), whose applies_from dates it
    accepts: tuple[str, ...]  # the articles a document may cite in `controls` to count as the artefact
    per_system: bool  # True: the document must name the system; False: one for the organisation
    # The ids of the catalog's documented_information (or expected_evidence) entries, under the accepted
    # articles, whose document types and record kinds are the forms that count (artefacts.forms): the
    # catalog says once what provides an article, and the rules follow it. () any document.
    information: tuple[str, ...] = ()
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
    # The Act asks for the measures but no record of them (Art. 4 since 2026/1744): its rule warns that
    # written evidence is recommended rather than saying the article requires the artefact.
    recommended: bool = False


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


def has_roles(c: Classification, *roles: str) -> str:
    """`has the provider role`, `has the provider and deployer roles`: those of `roles` it has."""
    held = [r for r in roles if c.has(r)]
    return f"has the {' and '.join(held)} role{'s' if len(held) > 1 else ''}"


def _provider_role(c: Classification) -> str:
    if c.has("provider"):
        return has_roles(c, "provider")
    return "has the product-manufacturer role (the provider's duties, Art. 25(3))"


def _high_risk_provider(c: Classification) -> str | None:
    if c.cls != "high-risk" or not carries_provider_duties(c):
        return None
    return f"is high-risk and {_provider_role(c)}"


def _high_risk_deployer(c: Classification) -> str | None:
    if c.cls != "high-risk" or not c.has("deployer"):
        return None
    return f"is high-risk and {has_roles(c, 'deployer')}"


def _registered(c: Classification) -> str | None:
    """Registration in the EU database: Annex III systems (Annex I products register under their own law)."""
    annex_iii = c.basis is not None and c.basis.annex == "III"
    if _high_risk_provider(c) is None or not annex_iii or c.basis is None:
        return None
    return f"is high-risk, listed in Annex III ({c.basis.text}), and {_provider_role(c)}"


def fria_reason(c: Classification) -> str | None:
    """Art. 27: Annex III systems other than point 2, deployed by a public body or a private entity
    providing public services; and Annex III points 5(b) and 5(c) whoever deploys them."""
    basis = c.basis
    if c.cls != "high-risk" or not c.has("deployer") or basis is None or basis.annex != "III":
        return None
    if basis.annex_iii_point == FRIA_EXCLUDED_AREA:
        return None
    if basis.point in FRIA_POINTS:
        return f"is listed in Annex III point {basis.point} and {has_roles(c, 'deployer')}"
    if c.deployer_category in PUBLIC:
        return (f"is listed in Annex III ({basis.text}) and {has_roles(c, 'deployer')}, as "
                f"{PUBLIC[c.deployer_category]}")
    return None


def _limited_risk(c: Classification) -> str | None:
    if c.cls != "limited-risk" or not (carries_provider_duties(c) or c.has("deployer")):
        return None
    return f"is limited-risk and {has_roles(c, *_PROVIDER_OR_DEPLOYER)}"


_PROVIDER_OR_DEPLOYER = ("provider", "product-manufacturer", "deployer")


def _literacy(c: Classification) -> str | None:
    if carries_provider_duties(c) or c.has("deployer"):
        return has_roles(c, *_PROVIDER_OR_DEPLOYER)
    return None


def _value_chain(role: str) -> Callable[[Classification], str | None]:
    def why(c: Classification) -> str | None:
        return f"is high-risk and {has_roles(c, role)}" if c.cls == "high-risk" and c.has(role) else None
    return why


def _artefact(name: str, article: str, *also: str, per_system: bool = True, information: tuple[str, ...],
              hint: str) -> Artefact:
    return Artefact(name, article, (article, *also), per_system, information, hint)


OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation("technical-documentation", _artefact(
        "technical documentation", "Art-11",
        information=("technical-documentation",),
        hint="a record that describes the system's design, data, testing and performance"),
        "/ai_act_class", _high_risk_provider),
    Obligation("quality-management", _artefact(
        "quality management system", "Art-17", per_system=False,
        information=("quality-management-system",),
        hint="a policy or procedure that sets out the provider's quality management system"),
        "/ai_act_class", _high_risk_provider),
    Obligation("record-keeping", _artefact(
        "logging and log keeping", "Art-12", "Art-19",
        information=("logging-capability", "provider-logs"),
        hint="a record or procedure saying what the system logs and how long the logs are kept"),
        "/ai_act_class", _high_risk_provider),
    Obligation("post-market-monitoring", _artefact(
        "post-market monitoring", "Art-72",
        information=("post-market-monitoring-plan", "post-market-monitoring-records"),
        hint="a post-market monitoring plan or record for the system"),
        "/ai_act_class", _high_risk_provider),
    Obligation("serious-incident-reporting", _artefact(
        "serious incident reporting", "Art-73", per_system=False,
        information=("serious-incident-procedure",),
        hint="a procedure for reporting serious incidents to the market surveillance authority"),
        "/ai_act_class", _high_risk_provider),
    Obligation("conformity-assessment", _artefact(
        "conformity assessment", "Art-43",
        information=("conformity-assessment",),
        hint="a record of the conformity assessment the system passed"),
        "/ai_act_class", _high_risk_provider),
    Obligation("declaration-of-conformity", _artefact(
        "EU declaration of conformity", "Art-47", "Art-48",
        information=("eu-declaration-of-conformity", "ce-marking"),
        hint="a record holding the signed EU declaration of conformity (and the CE marking)"),
        "/ai_act_class", _high_risk_provider),
    Obligation("registration", _artefact(
        "registration in the EU database", "Art-49",
        information=("eu-database-registration",),
        hint="a record of the system's entry in the EU database"),
        "/ai_act_basis", _registered),
    Obligation("fundamental-rights-impact-assessment", _artefact(
        "fundamental rights impact assessment", "Art-27",
        information=("fundamental-rights-impact-assessment",),
        hint="an impact-assessment record that assesses the system's effect on fundamental rights"),
        "/ai_act_deployer_category", fria_reason),
    Obligation("deployer-measures", _artefact(
        "deployer's measures", "Art-26",
        information=("deployer-use", "deployer-logs"),
        hint="a record or procedure that assigns human oversight and keeps the system's logs"),
        "/ai_act_roles", _high_risk_deployer),
    Obligation("transparency", _artefact(
        "transparency measure", "Art-50",
        information=("transparency-measures",),
        hint="a record of how people are told they deal with an AI system or AI-generated content"),
        "/ai_act_class", _limited_risk, high_risk=False),
    Obligation("ai-literacy", _artefact(
        "AI literacy measures", "Art-4", per_system=False,
        information=("ai-literacy-measures",),
        hint="a policy, procedure or training record on the AI literacy of staff who run AI systems"),
        "/ai_act_roles", _literacy, high_risk=False, recommended=True),
    Obligation("importer-verification", _artefact(
        "importer's verification", "Art-23",
        information=("importer-verification",),
        hint="a record of the checks made before placing the system on the market"),
        "/ai_act_roles", _value_chain("importer")),
    Obligation("distributor-verification", _artefact(
        "distributor's verification", "Art-24",
        information=("distributor-verification",),
        hint="a record of the checks made before making the system available"),
        "/ai_act_roles", _value_chain("distributor")),
)
BY_KEY = {o.key: o for o in OBLIGATIONS}


def applies_from(catalog: Catalog, obligation: Obligation, c: Classification) -> date | None:
    """The article's day, or the basis's when later, for a duty of a high-risk system."""
    article = _day(catalog.get(obligation.artefact.article))
    basis = _basis_day(catalog, c) if obligation.high_risk and c.cls == "high-risk" else None
    days = [d for d in (article, basis) if d is not None]
    return max(days) if days else None


def _day(item: Item | None) -> date | None:
    return item.applies_from if item is not None else None


def _basis_day(catalog: Catalog, c: Classification) -> date | None:
    """The basis item's day; for a basis missing or unknown, the earliest of any basis of its annex."""
    item = catalog.get(c.basis.item_id) if c.basis is not None else None
    if item is not None:
        return item.applies_from
    kinds = {BASIS_KINDS[c.basis.annex]} if c.basis is not None else set(BASIS_KINDS.values())
    days = [i.applies_from for i in catalog.items if i.kind in kinds and i.applies_from is not None]
    return min(days) if days else None


def section_b(catalog: Catalog, c: Classification) -> Item | None:
    """The Annex I Section B act a high-risk system's basis names, None for any other system."""
    if c.cls != "high-risk" or c.basis is None or c.basis.annex != "I":
        return None
    item = catalog.get(c.basis.item_id)
    return item if item is not None and item.section == SECTION_B else None


def due(catalog: Catalog, c: Classification, keys: tuple[str, ...] | None = None) -> list[Due]:
    """The obligations (all, or those named by `keys`) that apply to a system, with their days."""
    chosen = OBLIGATIONS if keys is None else tuple(BY_KEY[k] for k in keys)
    exempt = section_b(catalog, c) is not None
    found = []
    for obligation in chosen:
        if exempt and obligation.artefact.article not in SECTION_B_ARTICLES:
            continue  # Art. 2(2): only Art. 6(1), 102-109 and 112 apply to it
        reason = obligation.why(c)
        if reason is not None:
            found.append(Due(obligation, reason, applies_from(catalog, obligation, c)))
    return found

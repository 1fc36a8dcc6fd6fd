"""An AI system's EU AI Act fields agree with each other and with the Act's catalog.

The obligation rules (AIMS1104-AIMS1114) decide what a system needs from its
`ai_act_roles`, `ai_act_class`, `ai_act_basis` and
`ai_act_deployer_category`; a contradiction among them would silently drop a
duty. So: a `high-risk` system names its `ai_act_basis` (why it is
high-risk); a basis names an item of the `eu-ai-act` catalog
(`annex-iii:5(b)` is `Annex-III-5(b)`, `annex-i:medical-devices` is
`Annex-I-medical-devices`), and the most precise one where the catalog
divides a point into sub-points (Art. 27 turns on 5(b) and 5(c)); a basis is
given only for a high-risk system; a deployer of a high-risk system that Art.
27 can reach (an Annex III basis, or no basis yet) says its
`ai_act_deployer_category`, and only a deployer has one. Art. 27 concerns
only Annex III systems, so for a minimal or limited-risk system, or one
high-risk under Annex I, the category decides nothing and is not asked for. Values the schema
rejects are the schema rules' findings. The rule runs only when `eu-ai-act`
is among the configured frameworks.

Passing::

    # records/ai-system-benefits.md
    ai_act_roles: [deployer]
    ai_act_class: high-risk
    ai_act_basis: annex-iii:5(a)
    ai_act_deployer_category: public-body

Failing::

    ai_act_roles: [deployer]         # no ai_act_deployer_category (Art. 27 may reach it)
    ai_act_class: high-risk          # no ai_act_basis

    ai_act_class: minimal
    ai_act_basis: annex-iii:4(a)     # a basis for a system that is not high-risk
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import configured, named
from aims_lint.ai_act.systems import System, catalog, systems
from aims_lint.catalog import Catalog
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1101", "ai-act-fields-inconsistent", Severity.ERROR,
    "An AI system's EU AI Act fields agree with each other and with the Act's catalog.",
)


def check(ctx: Context) -> Iterator[Finding]:
    if not configured(ctx):
        return
    acts = catalog()
    for system in systems(ctx.corpus):
        for pointer, message in _faults(system, acts):
            yield RULE.at(system.source, pointer, f"{named(system)}: {message}")


def _faults(system: System, acts: Catalog | None) -> Iterator[tuple[str, str]]:
    c, data = system.classification, system.source.data
    if c.cls == "high-risk" and "ai_act_basis" not in data:
        yield "/ai_act_class", ("a high-risk system needs ai_act_basis: annex-i:<legislation> or "
                                "annex-iii:<point>, the reason it is high-risk")
    if c.basis is not None and c.cls is not None and c.cls != "high-risk":
        yield "/ai_act_basis", f"ai_act_basis is for high-risk systems, and this one is {c.cls}; remove it"
    if c.basis is not None and acts is not None:
        yield from _basis_faults(c.basis.text, c.basis.item_id, acts)
    if c.has("deployer") and "ai_act_deployer_category" not in data and _art27_reaches(system):
        yield "/ai_act_roles", ("a deployer of a high-risk system needs ai_act_deployer_category "
                                "(public-body, public-service-provider or other): Art. 27 depends on it")
    if c.deployer_category is not None and c.roles and not c.has("deployer"):
        yield "/ai_act_deployer_category", ("only a deployer has an ai_act_deployer_category; "
                                            "add deployer to ai_act_roles or drop it")


def _art27_reaches(system: System) -> bool:
    """Art. 27 can apply: high-risk under Annex III, or high-risk with no basis to tell yet."""
    c = system.classification
    return c.cls == "high-risk" and (c.basis is None or c.basis.annex == "III")


def _basis_faults(text: str, item_id: str, acts: Catalog) -> Iterator[tuple[str, str]]:
    if acts.get(item_id) is None:
        known = sorted(i.id for i in acts.items if i.id.startswith(item_id.rpartition("-")[0] + "-"))
        hint = f"; the catalog has {', '.join(known[:12])}" if known else ""
        yield "/ai_act_basis", f"ai_act_basis {text} names no item of the EU AI Act catalog ({item_id}){hint}"
        return
    parts = acts.children(item_id)
    if parts:
        yield "/ai_act_basis", (f"ai_act_basis {text} is divided into {', '.join(p.id for p in parts)}; "
                                "name the one that fits (Art. 27 turns on it)")

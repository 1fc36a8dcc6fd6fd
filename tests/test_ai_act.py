"""The EU AI Act obligations model (aims_lint/ai_act/): classification, the duties it brings, their dates.

The rules' cases (tests/rules/cases/AIMS11xx.yaml) show each rule on real
repositories; these pin the model itself against the packaged catalog: every
article the table names exists, every date is the catalog's, and Art. 27's
scope is exactly the Act's.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from aims_lint.ai_act.classification import Basis, classify, parse_basis
from aims_lint.ai_act.obligations import BY_KEY, OBLIGATIONS, due, fria_reason
from aims_lint.ai_act.systems import standing
from aims_lint.catalog import load_catalog
from aims_lint.model import Record
from tests.conftest import new_repo, run_lint

ACT = load_catalog("eu-ai-act")


def system(**fields: Any) -> Record:
    header = {"id": "REC-010", "title": "A system", "type": "record", "status": "approved",
              "record_kind": "ai-system", "lifecycle_stage": "operation"}
    return Record.model_validate(header | {f"ai_act_{k}": v for k, v in fields.items()})


def test_the_fields_are_read_as_written() -> None:
    c = classify(system(roles=["provider", "deployer"], **{"class": "high-risk"}, basis="annex-iii:5(b)",
                        deployer_category="public-body"))
    assert c.roles == ("provider", "deployer") and c.cls == "high-risk"
    assert c.basis == Basis("annex-iii:5(b)", "III", "5(b)") and c.deployer_category == "public-body"
    assert c.in_use


@pytest.mark.parametrize("fields", [
    {"roles": "provider", "class": 3, "basis": "annex-iii:9", "deployer_category": ["public-body"]},
    {"roles": [None, {"a": 1}], "class": None, "basis": None, "deployer_category": "ministry"},
])
def test_values_the_schema_rejects_read_as_absent(fields: dict[str, Any]) -> None:
    c = classify(system(**fields))
    assert (c.roles, c.cls, c.basis, c.deployer_category) == ((), None, None, None)


@pytest.mark.parametrize(("text", "item"), [
    ("annex-iii:5(b)", "Annex-III-5(b)"), ("annex-iii:2", "Annex-III-2"),
    ("annex-i:medical-devices", "Annex-I-medical-devices"),
])
def test_a_basis_names_a_catalog_item(text: str, item: str) -> None:
    basis = parse_basis(text)
    assert basis is not None and basis.item_id == item and ACT.get(item) is not None


@pytest.mark.parametrize("text", ["annex-iii:medical-devices", "annex-ii:1", "Annex-III-5(b)", "annex-iii:9"])
def test_a_basis_outside_the_pattern_is_none(text: str) -> None:
    assert parse_basis(text) is None


def test_every_article_the_table_names_is_in_the_catalog() -> None:
    for obligation in OBLIGATIONS:
        for article in obligation.artefact.accepts:
            assert ACT.get(article, "article") is not None, (obligation.key, article)


def day(item_id: str) -> date | None:
    item = ACT.get(item_id)
    assert item is not None, item_id
    return item.applies_from


def test_every_date_is_the_catalogs() -> None:
    """A high-risk duty: the later of its article's day and its basis's; the others: the article's."""
    for basis in ("annex-iii:5(b)", "annex-i:machinery"):
        c = classify(system(roles=["provider", "deployer"], **{"class": "high-risk"}, basis=basis,
                            deployer_category="public-body"))
        basis_day = day(c.basis.item_id) if c.basis else None
        for found in due(ACT, c):
            article_day = day(found.obligation.artefact.article)
            assert article_day is not None and basis_day is not None
            expected = max(article_day, basis_day) if found.obligation.high_risk else article_day
            assert found.applies_from == expected, (basis, found.obligation.key)


def test_an_annex_i_product_waits_longer_than_an_annex_iii_system() -> None:
    iii = classify(system(roles=["provider"], **{"class": "high-risk"}, basis="annex-iii:4(a)"))
    i = classify(system(roles=["provider"], **{"class": "high-risk"}, basis="annex-i:machinery"))
    [iii_day] = [d.applies_from for d in due(ACT, iii, ("technical-documentation",))]
    [i_day] = [d.applies_from for d in due(ACT, i, ("technical-documentation",))]
    assert iii_day is not None and i_day is not None and iii_day < i_day
    assert iii_day >= date(2026, 8, 2)  # never before the article itself applies


def keys(**fields: Any) -> set[str]:
    return {d.obligation.key for d in due(ACT, classify(system(**fields)))}


def test_a_high_risk_provider_owes_the_provider_artefacts() -> None:
    owed = keys(roles=["provider"], **{"class": "high-risk"}, basis="annex-iii:4(a)")
    assert owed == {
        "technical-documentation", "quality-management", "record-keeping", "post-market-monitoring",
        "serious-incident-reporting", "conformity-assessment", "declaration-of-conformity", "registration",
        "ai-literacy",
    }


def test_an_annex_i_manufacturer_is_the_provider_and_registers_under_its_own_law() -> None:
    owed = keys(roles=["product-manufacturer"], **{"class": "high-risk"}, basis="annex-i:medical-devices")
    assert "technical-documentation" in owed and "registration" not in owed
    assert keys(roles=["product-manufacturer"], **{"class": "high-risk"}, basis="annex-iii:4(a)") == set()


def test_minimal_and_limited_risk() -> None:
    assert keys(roles=["deployer"], **{"class": "minimal"}, deployer_category="other") == {"ai-literacy"}
    assert keys(roles=["provider"], **{"class": "limited-risk"}) == {"transparency", "ai-literacy"}
    assert keys(roles=["distributor"], **{"class": "minimal"}) == set()
    imported = keys(roles=["importer"], **{"class": "high-risk"}, basis="annex-iii:1(a)")
    assert imported == {"importer-verification"}


@pytest.mark.parametrize(("basis", "category", "needed"), [
    ("annex-iii:5(a)", "public-body", True),
    ("annex-iii:6(a)", "public-service-provider", True),
    ("annex-iii:1(a)", "public-body", True),
    ("annex-iii:5(b)", "other", True),
    ("annex-iii:5(c)", "other", True),
    ("annex-iii:5(c)", None, True),
    ("annex-iii:2", "public-body", False),  # critical infrastructure
    ("annex-iii:4(a)", "other", False),  # a private deployer outside Art. 27
    ("annex-iii:5(a)", "other", False),
    ("annex-iii:5(d)", "other", False),
    ("annex-i:medical-devices", "public-body", False),  # Art. 27 covers Art. 6(2) systems only
])
def test_fria_is_required_exactly_where_art_27_says(basis: str, category: str | None, needed: bool) -> None:
    fields: dict[str, Any] = {"roles": ["deployer"], "class": "high-risk", "basis": basis}
    if category:
        fields["deployer_category"] = category
    assert (fria_reason(classify(system(**fields))) is not None) is needed
    assert ("fundamental-rights-impact-assessment" in keys(**fields)) is needed


def test_fria_is_for_deployers_of_high_risk_systems_only() -> None:
    provider = system(roles=["provider"], **{"class": "high-risk"}, basis="annex-iii:5(b)")
    assert fria_reason(classify(provider)) is None
    assert fria_reason(classify(system(roles=["deployer"], **{"class": "limited-risk"},
                                       deployer_category="public-body"))) is None


def test_a_duty_applies_from_its_day() -> None:
    found = due(ACT, classify(system(roles=["deployer"], **{"class": "high-risk"}, basis="annex-iii:5(b)",
                                     deployer_category="other")), ("fundamental-rights-impact-assessment",))
    assert [d.obligation for d in found] == [BY_KEY["fundamental-rights-impact-assessment"]]
    since = found[0].applies_from
    assert since is not None and since == max(d for d in (day("Art-27"), day("Annex-III-5(b)")) if d)
    assert not found[0].in_force(since - timedelta(days=1)) and found[0].in_force(since)


def test_ai_literacy_does_not_wait_for_an_annex_i_products_later_day() -> None:
    product = classify(system(roles=["provider"], **{"class": "high-risk"}, basis="annex-i:machinery"))
    days = {d.obligation.key: d.applies_from for d in due(ACT, product)}
    assert days["ai-literacy"] == day("Art-4") == date(2025, 2, 2)
    assert days["quality-management"] == day("Annex-I-machinery")


SYSTEM = """---
id: REC-010
title: Benefits triage assistant
type: record
record_kind: ai-system
status: approved
owner: aims-manager
approver: aims-manager
approved_on: 2026-01-05
event_date: 2026-01-05
retention_years: 5
classification: internal
clauses: ["8.1"]
lifecycle_stage: operation
risk_level: high
sourcing: in-house
in_scope: true
ai_act_roles: [deployer]
ai_act_class: high-risk
ai_act_basis: annex-iii:5(b)
ai_act_deployer_category: other
---
Body.
"""
FRIA = """---
id: REC-020
title: Fundamental rights impact assessment
type: record
record_kind: impact-assessment
status: approved
owner: aims-manager
approver: aims-manager
approved_on: 2026-02-01
event_date: 2026-02-01
retention_years: 5
classification: internal
clauses: ["8.1"]
controls: [EU-AI-ACT:Art-27]
assesses: [REC-010]
---
Body.
"""


def test_standing_names_the_documents_that_meet_each_duty(tmp_path: Path) -> None:
    """What readiness can ask: each duty in force, and who meets it; the rules report the unmet ones."""
    root = new_repo(tmp_path / "repo", {"records/system.md": SYSTEM, "records/fria.md": FRIA})
    corpus = run_lint(root, date(2028, 1, 1), frameworks=["iso42001", "eu-ai-act"]).corpus
    found = {s.due.obligation.key: s.documents for s in standing(corpus, date(2028, 1, 1))}
    assert found == {"fundamental-rights-impact-assessment": ("REC-020",), "deployer-measures": (),
                     "ai-literacy": ()}
    assert standing(corpus, date(2025, 1, 1)) == []  # nothing applies yet

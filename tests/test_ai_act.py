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

from aims_lint.ai_act.artefacts import Candidate, forms, meeting
from aims_lint.ai_act.classification import Basis, classify, parse_basis
from aims_lint.ai_act.obligations import BY_KEY, OBLIGATIONS, due, fria_reason
from aims_lint.ai_act.systems import duties, standing
from aims_lint.catalog import load_catalog, parsed
from aims_lint.config import load_settings
from aims_lint.model import Record
from aims_lint.readiness import build_readiness
from aims_lint.results import Severity
from aims_lint.rule import Context
from aims_lint.rules import aims1103_ai_act_prohibited_system as aims1103
from aims_lint.schemas import load_schemas
from tests.complete_aims import CONFIG
from tests.conftest import new_repo, run_lint

ACT = load_catalog("eu-ai-act")
AI_ACT_CONFIG = f'{CONFIG}frameworks = ["iso42001", "eu-ai-act"]\n'


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


# --- Annex I Section B (Art. 2(2)) -------------------------------------------------------------

SECTION_B = ("civil-aviation-security", "two-three-wheel-vehicles", "agricultural-vehicles",
             "marine-equipment", "rail-interoperability", "motor-vehicles", "vehicle-general-safety",
             "civil-aviation")


def test_each_annex_i_act_says_its_section_as_annex_i_lists_it() -> None:
    """Points 1-12 of Annex I are Section A, points 13-20 Section B (the catalog's order is the Annex's)."""
    acts = [i for i in ACT.items if i.kind == "annex-i-act"]
    assert len(acts) == 20
    assert [i.section for i in acts] == ["A"] * 12 + ["B"] * 8
    assert {i.id.removeprefix("Annex-I-") for i in acts if i.section == "B"} == set(SECTION_B)


@pytest.mark.parametrize("act", SECTION_B)
def test_a_section_b_product_owes_none_of_the_modelled_duties(act: str) -> None:
    """Art. 2(2): only Art. 6(1), 102-109 and 112 apply to it; none of the modelled duties is among them."""
    basis = f"annex-i:{act}"
    assert keys(roles=["product-manufacturer"], **{"class": "high-risk"}, basis=basis) == set()
    assert keys(roles=["provider", "deployer", "importer"], **{"class": "high-risk"}, basis=basis,
                deployer_category="public-body") == set()


def test_a_section_a_product_keeps_its_provider_duties() -> None:
    owed = keys(roles=["provider"], **{"class": "high-risk"}, basis="annex-i:medical-devices")
    assert {"technical-documentation", "quality-management", "conformity-assessment"} <= owed


def test_readiness_says_why_a_section_b_system_counts_nothing(tmp_path: Path) -> None:
    text = SYSTEM.replace("ai_act_roles: [deployer]", "ai_act_roles: [provider]").replace(
        "ai_act_basis: annex-iii:5(b)\nai_act_deployer_category: other",
        "ai_act_basis: annex-i:marine-equipment")
    root = new_repo(tmp_path / "repo", {"records/system.md": text, "pyproject.toml": AI_ACT_CONFIG})
    result = run_lint(root, date(2029, 1, 1))
    assert not [f for f in result.findings if f.rule.startswith("AIMS11")]
    entry = build_readiness(result, load_settings(root)).frameworks["eu-ai-act"]
    assert entry.items == () and entry.upcoming == ()
    assert ("the AI system REC-010 (Benefits triage assistant) is high-risk under an Annex I Section B act "
            "(Marine equipment (Directive 2014/90/EU)): under Art. 2(2) only Art. 6(1), 102-109 and 112 apply"
            ) in entry.note


# --- the day of a high-risk duty whose basis is missing or unknown -----------------------------

@pytest.mark.parametrize(("basis", "kind"), [
    (None, None), ("annex-iii:8(z)", "annex-iii-point"), ("annex-i:spaceships", "annex-i-act"),
])
def test_a_missing_or_unknown_basis_dates_duties_from_the_earliest_basis(basis: str | None,
                                                                         kind: str | None) -> None:
    """Not the article's own 2026-08-02, which no basis allows: the earliest day a basis could give."""
    fields: dict[str, Any] = {"roles": ["provider"], "class": "high-risk"}
    if basis:
        fields["basis"] = basis
    c = classify(system(**fields))
    kinds = {kind} if kind else {"annex-iii-point", "annex-i-act"}
    earliest = min(i.applies_from for i in ACT.items if i.kind in kinds and i.applies_from)
    [found] = due(ACT, c, ("technical-documentation",))
    assert found.applies_from == max(earliest, day("Art-11") or earliest)
    assert found.applies_from is not None and found.applies_from > date(2026, 8, 2)


# --- the forms an artefact accepts are the catalog's --------------------------------------------

def test_every_artefact_names_catalog_entries_under_its_own_articles() -> None:
    for obligation in OBLIGATIONS:
        artefact = obligation.artefact
        found = {d.id for d in forms(artefact)}
        assert found == set(artefact.information), obligation.key
        assert found, obligation.key  # every modelled artefact follows the catalog, none takes anything


@pytest.mark.parametrize(("key", "kind", "counts"), [
    ("technical-documentation", "other", True), ("technical-documentation", "training", False),
    ("fundamental-rights-impact-assessment", "impact-assessment", True),
    ("fundamental-rights-impact-assessment", "other", False),
    ("record-keeping", "monitoring", True), ("record-keeping", "other", False),
    ("importer-verification", "supplier-assessment", True), ("importer-verification", "other", False),
])
def test_a_record_counts_when_the_catalog_names_its_kind(key: str, kind: str, counts: bool) -> None:
    artefact = BY_KEY[key].artefact
    candidate = Candidate("REC-030", "record", kind, frozenset(artefact.accepts), frozenset({"REC-010"}))
    assert bool(meeting(artefact, system(), (candidate,))) is counts


def test_a_policy_or_procedure_counts_for_the_quality_management_system_and_a_record_does_not() -> None:
    artefact = BY_KEY["quality-management"].artefact
    pool = tuple(Candidate(f"D-{t}", t, "other" if t == "record" else None, frozenset({"Art-17"}),
                           frozenset()) for t in ("policy", "procedure", "record"))
    assert meeting(artefact, system(), pool) == ("D-policy", "D-procedure")


# --- the standing of a corpus is worked out once -----------------------------------------------

def test_duties_are_worked_out_once_per_corpus(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo", {"records/system.md": SYSTEM, "records/fria.md": FRIA})
    corpus = run_lint(root, date(2028, 1, 1), frameworks=["iso42001", "eu-ai-act"]).corpus
    first = duties(corpus)
    assert first and all(a is b for a, b in zip(first, duties(corpus), strict=True))
    assert duties(corpus, ("ai-literacy",)) == [s for s in first if s.due.obligation.key == "ai-literacy"]
    other = run_lint(root, date(2028, 1, 1), frameworks=["iso42001", "eu-ai-act"]).corpus
    again = duties(other)  # a new corpus, worked out anew: the same duties, not the same objects
    assert [s.due for s in again] == [s.due for s in first] and again[0] is not first[0]


# --- messages name the system and its role ----------------------------------------------------

def test_findings_name_the_ai_system_with_its_title_and_role(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo", {"records/system.md": SYSTEM})
    result = run_lint(root, date(2028, 1, 1), frameworks=["iso42001", "eu-ai-act"])
    messages = sorted(f.message for f in result.findings if f.rule.startswith("AIMS11"))
    named = "the AI system REC-010 (Benefits triage assistant) "
    assert messages and all(m.startswith(named) for m in messages)
    assert any("is high-risk and has the deployer role: Art. 26 requires" in m for m in messages)
    assert not any(" is the " in m for m in messages)


def test_ai_literacy_is_a_warning_that_evidence_is_recommended(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo", {"records/system.md": SYSTEM})
    result = run_lint(root, date(2028, 1, 1), frameworks=["iso42001", "eu-ai-act"])
    [literacy] = [f for f in result.findings if f.rule == "AIMS1113"]
    assert literacy.severity == Severity.WARNING
    assert "written evidence of them is recommended" in literacy.message
    assert "requires" not in literacy.message


def test_the_prohibited_rule_loads_no_catalog_unless_the_act_is_configured(tmp_path: Path) -> None:
    """AIMS1103 asks whether `eu-ai-act` is configured before it loads the Act's catalog."""
    text = SYSTEM.replace("ai_act_class: high-risk", "ai_act_class: prohibited")
    root = new_repo(tmp_path / "repo", {"records/system.md": text})
    today = date(2028, 1, 1)
    result = run_lint(root, today)  # iso42001 alone
    ctx = Context(result.corpus, load_settings(root), load_schemas(root, "schemas"), today)
    parsed.cache_clear()
    try:
        assert list(aims1103.check(ctx)) == []
        assert parsed.cache_info().currsize == 0
        configured = Context(result.corpus, load_settings(root, {"frameworks": ["iso42001", "eu-ai-act"]}),
                             ctx.schemas, today)
        assert [f.rule for f in aims1103.check(configured)] == ["AIMS1103"]
        assert parsed.cache_info().currsize == 1
    finally:
        parsed.cache_clear()


def test_the_ai_system_template_guides_every_ai_act_field() -> None:
    """Each ai_act_* field of the schema is in the template, commented out, with a value the schema takes."""
    import re

    import jsonschema
    import yaml

    project = Path(__file__).resolve().parents[1]
    schema = yaml.safe_load((project / "schemas/record-ai-system.schema.yaml").read_text(encoding="utf-8"))
    fields = sorted(f for f in schema["properties"] if f.startswith("ai_act_"))
    template = (project / "templates/record-ai-system.md").read_text(encoding="utf-8")
    assert fields == ["ai_act_basis", "ai_act_class", "ai_act_deployer_category", "ai_act_roles"]
    for field in fields:
        found = re.search(rf"^# ({field}: .*?)(?:\s+#.*)?$", template, re.MULTILINE)
        assert found is not None, field
        value = yaml.safe_load(found.group(1))[field]
        jsonschema.validate(value, schema["properties"][field])

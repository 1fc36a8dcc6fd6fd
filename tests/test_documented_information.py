"""The catalog's documented information agrees with the domain brief and with the rules that check it.

The list an auditor asks for comes from the team's domain notes,
`../shared/DOMAIN.md`, section "Documented information an auditor will ask
for" (outside the repository, so it is written out here). Each entry there
must be an item of the catalog with the types and record kinds that can
provide it, each catalog item must be an entry there (or a known addition,
with the reason), and each item must name the rules that check it, all of
them in the registry.
"""

from __future__ import annotations

import pytest

from aims_lint.catalog import DocumentedInformation, covers, load_catalog
from aims_lint.rules import REGISTRY

# DOMAIN.md, "Explicitly required as documented information": (clause, what) -> (types, record kinds)
# a catalog item at that clause (or a sub-clause) must accept.
REQUIRED: dict[tuple[str, str], tuple[set[str], set[str]]] = {
    ("4.3", "scope"): ({"policy"}, set()),
    ("5.2", "AI policy"): ({"policy"}, set()),
    ("6.1.2", "AI risk assessment process"): ({"procedure"}, set()),
    ("6.1.3", "AI risk treatment process"): ({"procedure"}, set()),
    ("6.1.3", "Statement of Applicability"): ({"soa"}, set()),
    ("6.1.3", "risk treatment plan"): ({"record"}, {"risk-treatment-plan"}),
    ("6.1.4", "results of AI system impact assessments"): ({"record"}, {"impact-assessment"}),
    ("8.4", "results of AI system impact assessments"): ({"record"}, {"impact-assessment"}),
    ("6.2", "AI objectives"): ({"record"}, {"objectives-plan"}),
    ("7.2", "evidence of competence"): ({"record"}, {"training"}),
    ("8.1", "operational records (processes carried out as planned)"): ({"record"}, {"supplier-assessment"}),
    ("8.2", "results of risk assessment"): ({"record"}, {"risk-assessment"}),
    ("8.3", "results of risk treatment"): ({"record"}, {"risk-treatment-plan"}),
    ("9.1", "monitoring and measurement results"): ({"record"}, {"monitoring"}),
    ("9.2", "audit programme"): ({"record"}, {"audit-programme"}),
    ("9.2", "audit results"): ({"record"}, {"internal-audit"}),
    ("9.3", "management review results"): ({"record"}, {"management-review"}),
    ("10.2", "nonconformities, actions and results"): ({"record"}, {"nonconformity"}),
}
# Catalog items the list does not name, and why they are there.
ADDITIONS = {
    # 6.1.1 asks for documented information on the actions taken on AI risks and opportunities.
    "risk-and-opportunity-actions",
}
# DOMAIN.md, "Auditors also expect, though the duty is less explicit": expected evidence, not
# documented information, each under the item an auditor samples it from.
EXPECTED: dict[str, tuple[str, set[str], set[str]]] = {
    "the impact assessment process": ("A.5.2", {"procedure"}, set()),
    "an inventory of AI systems": ("A.4.2", {"record"}, {"ai-system"}),
    "a supplier register with the models behind suppliers' products": ("A.10.3", {"record"}, {"supplier"}),
    "a communication plan": ("7.4", {"record"}, {"communication-plan"}),
    "a competence/training plan": ("7.2", {"record"}, {"training"}),
    "the AIMS roles": ("5.3", {"roles"}, set()),
}
# The rules that check each item: that it exists, is approved, is current, says what it must.
# AIMS876 (documented-information-missing) reports every item whose only documents are drafts.
CHECKED_BY: dict[str, tuple[str, ...]] = {
    "scope": ("AIMS875", "AIMS876", "AIMS877", "AIMS878", "AIMS1006"),
    "ai-policy": ("AIMS876", "AIMS401", "AIMS1001", "AIMS1003"),
    "risk-and-opportunity-actions": ("AIMS876", "AIMS801"),
    "risk-assessment-process": ("AIMS876", "AIMS1001", "AIMS1002", "AIMS1003"),
    "risk-treatment-process": ("AIMS876", "AIMS1001", "AIMS1002", "AIMS1003"),
    "statement-of-applicability": (
        "AIMS876", "AIMS701", "AIMS702", "AIMS703", "AIMS704", "AIMS708", "AIMS870", "AIMS871",
    ),
    "risk-treatment-plan": ("AIMS876", "AIMS860", "AIMS861", "AIMS862"),
    "impact-assessment-results": ("AIMS876", "AIMS801", "AIMS865", "AIMS1001", "AIMS1004"),
    "ai-objectives": ("AIMS876", "AIMS1005"),
    "competence-evidence": ("AIMS876",),
    "operational-records": ("AIMS876", "AIMS802"),
    "risk-assessment-results": ("AIMS876", "AIMS801", "AIMS862", "AIMS863", "AIMS864", "AIMS865"),
    "risk-treatment-results": ("AIMS876", "AIMS862"),
    "impact-assessment-records": ("AIMS876", "AIMS801", "AIMS865"),
    "monitoring-results": ("AIMS876",),
    "audit-programme": ("AIMS876", "AIMS804"),
    "audit-results": ("AIMS876", "AIMS804", "AIMS850"),
    "management-review-results": ("AIMS876", "AIMS803", "AIMS859"),
    "nonconformity-records": (
        "AIMS876", "AIMS805", "AIMS806", "AIMS854", "AIMS855", "AIMS856", "AIMS857", "AIMS858",
    ),
}
CATALOG = load_catalog()


def _accepts(item: DocumentedInformation, types: set[str], kinds: set[str]) -> bool:
    return types <= set(item.expected_types) and kinds <= set(item.expected_record_kinds)


@pytest.mark.parametrize(("entry", "accepted"), REQUIRED.items(), ids=[w for _, w in REQUIRED])
def test_every_required_item_of_the_domain_list_is_in_the_catalog(
    entry: tuple[str, str], accepted: tuple[set[str], set[str]]
) -> None:
    clause, _ = entry
    found = [i for i in CATALOG.documented_information if covers(i.clause, clause) and _accepts(i, *accepted)]
    assert found, f"no documented information at {clause} that {accepted} provide"


def test_every_catalog_item_is_on_the_domain_list_or_a_known_addition() -> None:
    listed = {
        i.id for i in CATALOG.documented_information
        for (clause, _), accepted in REQUIRED.items()
        if covers(i.clause, clause) and _accepts(i, *accepted)
    }
    assert {i.id for i in CATALOG.documented_information} - listed == ADDITIONS


def test_inventory_entries_do_not_prove_that_processes_ran() -> None:
    operational = next(i for i in CATALOG.documented_information if i.clause == "8.1")
    assert "ai-system" not in operational.expected_record_kinds


def test_6_1_4_documents_the_results_and_the_process_is_evidence_of_a_5_2() -> None:
    at_6_1_4 = [i for i in CATALOG.documented_information if i.clause == "6.1.4"]
    kinds = [(i.expected_types, i.expected_record_kinds) for i in at_6_1_4]
    assert kinds == [(("record",), ("impact-assessment",))]
    process = [i for i in CATALOG.expected_evidence if i.id == "impact-assessment-process"]
    assert [(i.clause, i.expected_types) for i in process] == [("A.5.2", ("procedure",))]


@pytest.mark.parametrize(("what", "where"), EXPECTED.items(), ids=list(EXPECTED))
def test_what_auditors_also_expect_is_expected_evidence(
    what: str, where: tuple[str, set[str], set[str]]
) -> None:
    item_id, types, kinds = where
    found = [i for i in CATALOG.expected_evidence if i.clause == item_id and _accepts(i, types, kinds)]
    assert found, f"{what}: no expected evidence under {item_id}"
    assert not [i for i in CATALOG.documented_information if i.id in {f.id for f in found}]


def test_every_item_is_checked_by_rules_in_the_registry() -> None:
    codes = {rule.RULE.code for rule in REGISTRY}
    assert set(CHECKED_BY) == {i.id for i in CATALOG.documented_information}
    for item, rules in CHECKED_BY.items():
        assert rules, f"{item} is checked by no rule"
        assert set(rules) <= codes, f"{item}: {sorted(set(rules) - codes)} are not rules"


def test_the_management_review_inputs_are_a_to_e() -> None:
    inputs = CATALOG.clause("9.3.2")
    assert inputs is not None
    assert "(e)" in inputs.description and "(f)" not in inputs.description

"""Ids that are nearly right (aims_lint/catalog/spelling.py): the finding names what is wrong with
how the id is written and suggests the catalog's id; bare and `ISO42001:` ids get the same answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aims_lint.catalog import available, load_catalog
from aims_lint.catalog.spelling import MAX_SHOWN, canonical, fold, oddities, shown
from tests.conftest import new_repo, run_lint

ALL = ["iso42001", "iso27001-2022", "nist-ai-rmf-1.0", "eu-ai-act"]
POLICY = """---
id: POL-002
title: Information security policy
type: policy
status: draft
version: "0.1"
owner: aims-manager
approver: top-management
classification: internal
last_reviewed: 2026-01-10
next_review: 2027-01-10
clauses: {clauses}
controls: {controls}
---
Body.
"""


def messages(tmp_path: Path, rule: str, controls: list[str], clauses: list[str] | None = None) -> list[str]:
    text = POLICY.format(clauses=json.dumps(clauses or ["5.2"]), controls=json.dumps(controls))
    root = new_repo(tmp_path / "repo", {"policies/security.md": text})
    result = run_lint(root, frameworks=ALL)
    return [f.message for f in result.findings if f.rule == rule and f.path == "policies/security.md"]


@pytest.mark.parametrize(("written", "message"), [
    (" A.6.2.2", "control ' A.6.2.2' is not an Annex A control; did you mean 'A.6.2.2'? "
                 "(the id starts with a space)"),
    ("A.6.2.2\u00a0", "control 'A.6.2.2\u00a0' is not an Annex A control; did you mean 'A.6.2.2'? "
                      "(the id ends with a no-break space (U+00A0))"),
    ("A\u20136.2.2", "control 'A\u20136.2.2' is not an Annex A control; did you mean 'A.6.2.2'? "
                     "(the id contains an en dash (U+2013))"),
    ("A.\uff16.2.2", "control 'A.\uff16.2.2' is not an Annex A control; did you mean 'A.6.2.2'? "
                     "(the id contains a full-width '6' (U+FF16))"),
    ("iso27001:a.5.1", "control 'iso27001:a.5.1' is not an Annex A control; did you mean 'ISO27001:A.5.1'? "
                       "(a framework prefix is written in capitals)"),
    ("govern-1.1", "control 'govern-1.1' is not an Annex A control; did you mean 'NIST-AI-RMF:GOVERN-1.1'? "
                   "(ids are matched exactly: case and separators as the catalog writes them)"),
    ("Art 27", "control 'Art 27' is not an Annex A control; did you mean 'EU-AI-ACT:Art-27'? "
               "(the id contains a space)"),
    (":A.6.2.2", "control ':A.6.2.2' is not an Annex A control; did you mean 'A.6.2.2'? "
                 "(an empty prefix is none: an id without one is ISO/IEC 42001's)"),
    # an invisible format character gets the same help as a visible space
    ("A.2.2\u200b", "control 'A.2.2\u200b' is not an Annex A control; did you mean 'A.2.2'? "
                    "(the id ends with a zero-width space (U+200B))"),
])
def test_a_near_miss_of_a_42001_field_names_the_problem_and_the_id(
        tmp_path: Path, written: str, message: str) -> None:
    assert messages(tmp_path, "AIMS602", [written]) == [message]


@pytest.mark.parametrize(("written", "meant"), [
    ("ISO27001:a.5.1", "ISO27001:A.5.1"),
    ("NIST-AI-RMF:govern-1.1", "NIST-AI-RMF:GOVERN-1.1"),
    ("NIST-AI-RMF:GOVERN 1.1", "NIST-AI-RMF:GOVERN-1.1"),
    ("EU-AI-ACT:Art 27", "EU-AI-ACT:Art-27"),
    ("EU-AI-ACT:Art-27(1)", "EU-AI-ACT:Art-27"),
    ("EU-AI-ACT:Art.27", "EU-AI-ACT:Art-27"),
    ("EU-AI-ACT:article 27", "EU-AI-ACT:Art-27"),
    ("EU-AI-ACT:Art\u201350", "EU-AI-ACT:Art-50"),
    ("ISO27001:A5.1", "ISO27001:A.5.1"),  # a dot left out
    ("ISO27001::A.5.1", "ISO27001:A.5.1"),  # a doubled colon
])
def test_a_near_miss_of_another_framework_suggests_its_catalog_id(
        tmp_path: Path, written: str, meant: str) -> None:
    found = messages(tmp_path, "AIMS613", [written])
    assert len(found) == 1 and f"did you mean '{meant}'?" in found[0]
    assert found[0].startswith(f"'{written}' is not ")


def test_the_clause_field_gets_the_same_help(tmp_path: Path) -> None:
    assert messages(tmp_path, "AIMS601", ["A.6.2.2"], [" 6.1.2", "iso27001:6.1.3"]) == [
        "clause ' 6.1.2' is not a clause of ISO/IEC 42001:2023; did you mean '6.1.2'? "
        "(the id starts with a space)",
        "clause 'iso27001:6.1.3' is not a clause of ISO/IEC 42001:2023; did you mean 'ISO27001:6.1.3'? "
        "(a framework prefix is written in capitals)",
    ]


@pytest.mark.parametrize("written", ["A.5.38", "A.6.1.1", "A.8.34", "A.11.2", "A.6.2.9"])
def test_bare_and_iso42001_qualified_ids_get_the_same_answer(tmp_path: Path, written: str) -> None:
    bare, qualified = messages(tmp_path, "AIMS602", [written, f"ISO42001:{written}"])
    assert qualified == bare.replace(f"'{written}'", f"'ISO42001:{written}'").replace(
        "did you mean 'A.", "did you mean 'ISO42001:A.")


def test_a_long_id_is_cut_in_the_message(tmp_path: Path) -> None:
    written = "A." + "9" * 80
    assert messages(tmp_path, "AIMS602", [written]) == [
        f"control '{written[:MAX_SHOWN - 1]}\u2026' is not an Annex A control (an id of 82 characters)"]
    long_other = "ISO27001:" + "B" * 70
    (found,) = messages(tmp_path / "other", "AIMS613", [long_other])
    assert long_other not in found and shown(long_other) in found


def test_oddities_names_each_character_once_with_where_it_is() -> None:
    assert oddities("A.5.1") == ""
    assert oddities(" A.5.1 ") == "starts with and ends with a space"
    assert oddities("A.5\u00a0.1") == "contains a no-break space (U+00A0)"
    assert oddities("\tA.5.1") == "starts with a tab (U+0009)"
    assert oddities("A\u20145.1") == "contains an em dash (U+2014)"


def test_canonical_answers_none_for_what_is_already_right_or_unknown() -> None:
    assert canonical("A.6.2.2", "controls") is None
    assert canonical("ISO27001:A.5.1", "controls") is None
    assert canonical("A.5.38", "controls", others=True) is None
    assert canonical("NIST:GOVERN-1.1", "controls") is None  # an unknown prefix is AIMS610's
    assert canonical("EU-AI-ACT:Art 27", "clauses") is None  # the AI Act has no clauses
    # Another framework's exact id is named by the message that says which framework has it.
    assert canonical("A.8.34", "controls", others=True) is None
    # A heading the numbering explains is not guessed (`ISO27001:A.5` is a theme; AIMS613 says so),
    # an item no field cites but no heading either is (an Annex III point, which the message names).
    assert canonical("ISO27001:a.5", "controls") is None
    assert canonical("EU-AI-ACT:Annex III 1(a)", "controls") == "EU-AI-ACT:Annex-III-1(a)"


@pytest.mark.parametrize("framework_id", available())
def test_folding_keeps_every_catalog_id_apart(framework_id: str) -> None:
    """Two ids of one catalog folding alike would make a suggestion a coin toss."""
    ids = [i.id for i in load_catalog(framework_id).items]
    assert len({fold(i) for i in ids}) == len(ids)


@pytest.mark.parametrize(("written", "message"), [
    # nothing after the prefix: no garbled explanation with an empty id in it
    ("EU-AI-ACT:", "'EU-AI-ACT:' has no id after its prefix: write an article of EU AI Act (Regulation (EU) "
                   "2024/1689) after 'EU-AI-ACT:'"),
    # a real Annex III point, cited where articles go: named as a point, with the field that takes it
    ("EU-AI-ACT:Annex-III-5(a)", "'EU-AI-ACT:Annex-III-5(a)' is an Annex III point of EU AI Act (Regulation "
                                 "(EU) 2024/1689), which documents do not cite in `controls`; an AI system's "
                                 "record names it in ai_act_basis: annex-iii:5(a)"),
    ("NIST-AI-RMF:MEASURE-2.14", "'NIST-AI-RMF:MEASURE-2.14' is not a category or subcategory of NIST AI RMF "
                                 "1.0 (MEASURE-2 stops at MEASURE-2.13); did you mean "
                                 "'NIST-AI-RMF:MEASURE-2.13'?"),
])
def test_messages_for_other_frameworks_near_misses(tmp_path: Path, written: str, message: str) -> None:
    assert messages(tmp_path, "AIMS613", [written]) == [message]


def test_an_unknown_article_is_not_said_twice(tmp_path: Path) -> None:
    [found] = messages(tmp_path, "AIMS613", ["EU-AI-ACT:Art-114"])
    assert found.count("is not an article") == 1 and len(found) < 320

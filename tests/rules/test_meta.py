"""Rules about the rules: every rule is documented, named consistently and has cases.

Adding a rule module to the registry without its docstring examples or its
case file fails here, not in review.
"""

from __future__ import annotations

import pkgutil
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import aims_lint.rules
from aims_lint.results import Severity
from aims_lint.rule import Rule, signature_errors
from aims_lint.rule_docs import describe
from aims_lint.rules import REGISTRY, RULE_MODULES
from tests.rules.test_rule_cases import load_case_files

# three digits, or four for the body rules (AIMS1001-AIMS1049) and the EU AI Act rules (AIMS1101-AIMS1149)
CODE = re.compile(r"^AIMS(?:\d{3}|1\d{3})$")
KEBAB = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
CASE_FILES = load_case_files()
RULES = [pytest.param(rule, id=rule.RULE.code) for rule in REGISTRY]


def test_codes_are_unique() -> None:
    repeated = [c for c, n in Counter(r.RULE.code for r in REGISTRY).items() if n > 1]
    assert repeated == []


def test_names_are_unique() -> None:
    repeated = [c for c, n in Counter(r.RULE.name for r in REGISTRY).items() if n > 1]
    assert repeated == []


def test_every_module_in_the_rules_package_is_registered() -> None:
    """The registry names its modules; one left out would never run, so it fails here."""
    present = sorted(m.name for m in pkgutil.iter_modules(aims_lint.rules.__path__))
    registered = [rule.__name__.rpartition(".")[2] for rule in REGISTRY]  # type: ignore[attr-defined]
    assert sorted(set(present) - set(registered)) == [], "add these to RULE_MODULES (rules/ holds rules only)"
    assert registered == list(RULE_MODULES) and len(set(registered)) == len(registered)


def test_the_body_rules_prefix_is_no_rule_code() -> None:
    """`AIMS100` selects the body rules (docs/configuration.md); as a code it would name one rule alone."""
    assert "AIMS100" not in {r.RULE.code for r in REGISTRY}


def test_the_registry_is_in_code_order() -> None:
    codes = [r.RULE.code for r in REGISTRY]
    assert codes == sorted(codes, key=lambda code: int(code[4:]))  # AIMS907 before AIMS1001


@pytest.mark.parametrize("rule", RULES)
def test_code_name_and_severity_are_well_formed(rule: Rule) -> None:
    assert CODE.fullmatch(rule.RULE.code), rule.RULE.code
    assert KEBAB.fullmatch(rule.RULE.name), rule.RULE.name
    assert isinstance(rule.RULE.severity, Severity)
    assert rule.RULE.summary.strip() and "\n" not in rule.RULE.summary


@pytest.mark.parametrize("rule", RULES)
def test_check_has_the_signature_of_the_rule_protocol(rule: Rule) -> None:
    assert signature_errors(rule) == []  # type: ignore[arg-type]  # a registered rule is a module


@pytest.mark.parametrize("rule", RULES)
def test_module_file_is_named_after_code_and_name(rule: Rule) -> None:
    info = rule.RULE
    expected = f"{info.code.lower()}_{info.name.replace('-', '_')}.py"
    assert Path(str(rule.__file__)).name == expected  # type: ignore[attr-defined]


@pytest.mark.parametrize("rule", RULES)
def test_docstring_has_summary_explanation_and_examples(rule: Rule) -> None:
    doc = (rule.__doc__ or "").strip()
    summary, _, rest = doc.partition("\n")
    assert summary.strip(), "the docstring needs a one-line summary"
    assert rest.startswith("\n"), "a blank line must follow the summary line"
    described = describe(rule)
    assert len(described.explanation.split()) >= 8, "explain what the rule checks and why"
    assert "\nPassing::\n" in doc and "\nFailing::\n" in doc
    assert doc.index("\nPassing::\n") < doc.index("\nFailing::\n"), "passing example comes first"
    assert described.passing.strip(), "the Passing:: block is empty"
    assert described.failing.strip(), "the Failing:: block is empty"
    assert described.passing != described.failing


@pytest.mark.parametrize("rule", RULES)
def test_case_file_has_passing_and_failing_cases(rule: Rule) -> None:
    code = rule.RULE.code
    assert code in CASE_FILES, f"tests/rules/cases/{code}.yaml is missing"
    cases = CASE_FILES[code]["cases"]
    kinds = Counter("pass" if case["expect"] == "pass" else "fail" for case in cases)
    assert kinds["pass"] >= 1, f"{code} has no passing case"
    assert kinds["fail"] >= 1, f"{code} has no failing case"


@pytest.mark.parametrize(("stem", "spec"), sorted(CASE_FILES.items()), ids=sorted(CASE_FILES))
def test_case_file_names_an_existing_rule(stem: str, spec: dict[str, Any]) -> None:
    codes = {r.RULE.code for r in REGISTRY}
    assert spec["rule"] == stem, f"{stem}.yaml holds cases for {spec['rule']}"
    assert stem in codes, f"{stem}.yaml has no rule in the registry (orphan case file)"


@pytest.mark.parametrize(("stem", "spec"), sorted(CASE_FILES.items()), ids=sorted(CASE_FILES))
def test_cases_are_well_formed(stem: str, spec: dict[str, Any]) -> None:
    names = [case["name"] for case in spec["cases"]]
    assert len(names) == len(set(names)), f"{stem}: case names must be unique"
    for case in spec["cases"]:
        expect = case["expect"]
        if expect == "pass":
            continue
        findings = expect["findings"]
        assert findings, f"{stem}: '{case['name']}' expects a failure but lists no findings"
        for want in findings:
            assert {"path", "line"} <= set(want), f"{stem}: '{case['name']}' needs path and line"

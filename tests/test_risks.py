"""Structured risks: their schema, the roles they name, the risk criteria, and the example's acceptance.

The rules themselves have their cases (tests/rules/cases/AIMS860-AIMS864.yaml);
this covers what lies around them: bad shapes give the schema's finding and
no traceback, `accepted_by` and the criteria are role references (AIMS301),
a misspelt level in the configuration is refused, and the starter system's
REC-004 acceptance runs out on 2027-11-18.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from aims_lint.config import ConfigError, load_settings
from aims_lint.corpus import Corpus
from aims_lint.risk_criteria import LEVELS, acceptance_roles, may_accept
from tests.complete_aims import TODAY, complete_files
from tests.conftest import PROJECT, new_repo, run_lint

RA = "records/risk-assessment.md"


def _with_risks(risks: str) -> dict[str, str]:
    files = complete_files()
    old = "risks:\n  - {id: R-01, title: Wrong answers on billing, level: medium, treatment: treat}\n"
    assert old in files[RA]
    files[RA] = files[RA].replace(old, risks)
    return files


def _found(root: Path, today: date = TODAY) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.rule) for f in run_lint(root, today).findings if f.severity == "error"]


def test_the_complete_system_needs_its_risks(tmp_path: Path) -> None:
    assert _found(new_repo(tmp_path / "ok", complete_files())) == []
    root = new_repo(tmp_path / "repo", _with_risks(""))
    assert (RA, 6, "AIMS864") in _found(root)


@pytest.mark.parametrize(
    ("risks", "line", "rule"),
    [
        ("risks: lots\n", 15, "AIMS102"),
        ("risks:\n  - {id: R-01, title: Billing, level: severe, treatment: treat}\n", 16, "AIMS103"),
        ("risks:\n  - {id: R-01, title: Billing, level: high, treatment: treat, owner: x}\n", 16, "AIMS105"),
        ("risks:\n  - {id: R-01, title: Billing, level: high}\n", 16, "AIMS101"),
        ("risks:\n  - {id: R-01, title: Billing, level: high, treatment: accept,\n"
         "     accepted_by: top-management, accepted_on: soon}\n", 17, "AIMS106"),
        ("risks:\n  - just a sentence\n", 16, "AIMS102"),
    ],
)
def test_a_malformed_risk_is_the_schemas_finding(tmp_path: Path, risks: str, line: int, rule: str) -> None:
    found = _found(new_repo(tmp_path / "repo", _with_risks(risks)))
    assert (RA, line, rule) in found, found


def test_accepted_by_and_the_criteria_are_roles_of_the_registry(tmp_path: Path) -> None:
    files = _with_risks(
        "risks:\n  - {id: R-01, title: Billing, level: medium, treatment: accept,\n"
        "     accepted_by: risk-board, accepted_on: 2026-09-15}\n"
    )
    roles = (PROJECT / "tests/rules/base/policies/roles.md").read_text(encoding="utf-8")
    files["policies/roles.md"] = roles.replace("high: top-management}", "high: the-board}")
    found = _found(new_repo(tmp_path / "repo", files))
    assert (RA, 17, "AIMS301") in found
    assert ("policies/roles.md", 18, "AIMS301") in found


def test_the_configuration_wins_where_both_name_a_level(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    settings = load_settings(root, {"risk_acceptance": {"high": "ciso"}})
    registry = run_lint(root, TODAY).corpus
    assert isinstance(registry, Corpus)
    assert acceptance_roles(registry, settings) == {"medium": "aims-manager", "high": "ciso"}
    criteria = {"medium": "aims-manager", "high": "top-management"}
    assert may_accept("medium", criteria) == ("aims-manager", "top-management")
    assert may_accept("high", criteria) == ("top-management",)
    assert may_accept("unacceptable", criteria) == ()


def test_a_misspelt_level_in_the_configuration_is_refused(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    with pytest.raises(ConfigError, match=r"risk_acceptance: .*unknown risk level hgih") as raised:
        load_settings(root, {"risk_acceptance": {"hgih": "top-management"}})
    # The configuration's list of levels is the risk criteria's (config.py cannot import it).
    assert f"the levels are {', '.join(LEVELS)}" in str(raised.value)


def _example(tmp_path: Path) -> Path:
    root = tmp_path / "example"
    for name in ("schemas", "policies", "procedures", "records", "templates"):
        shutil.copytree(PROJECT / name, root / name)
    (root / "pyproject.toml").write_text("[tool.aims_lint]\n", encoding="utf-8")
    return root


def test_the_examples_acceptance_runs_out_on_18_november_2027(tmp_path: Path) -> None:
    root = _example(tmp_path)
    plan = "records/risk-treatment-plan-2026.md"
    line = next(
        n for n, text in enumerate((root / plan).read_text(encoding="utf-8").splitlines(), 1)
        if "expires: 2027-11-18" in text
    )

    def risk_findings(today: date) -> list[tuple[str, int, str]]:
        found = run_lint(root, today).findings
        return [(f.path, f.line, f.rule) for f in found if f.rule in ("AIMS860", "AIMS861")]

    assert risk_findings(date(2026, 12, 1)) == []
    assert risk_findings(date(2027, 11, 1)) == [(plan, line, "AIMS861")]
    assert risk_findings(date(2027, 11, 18)) == [(plan, line, "AIMS861")]
    assert risk_findings(date(2027, 11, 19)) == [(plan, line, "AIMS860")]


def test_the_site_shows_an_assessments_risks_as_a_table(tmp_path: Path) -> None:
    from aims_lint.site.panel import extra_tables

    root = _example(tmp_path)
    corpus = run_lint(root, date(2026, 12, 1)).corpus
    assessment = corpus.get("REC-040")
    assert assessment is not None
    table = extra_tables(assessment)
    assert table.startswith("## Risks")
    assert "R-TF-03" in table and "Poor-quality faxes misclassified" in table and "accept" in table

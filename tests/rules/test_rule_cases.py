"""Every rule's passing and failing cases, from one YAML file per rule.

A case builds a real repository (the project's schemas, the base documents in
tests/rules/base/, and the case's files on top), lints it, and checks the
findings of that one rule: none for `pass`, and for `fail` each expected
finding at its line (and column, message fragment) where given.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from aims_lint.rules import REGISTRY
from tests.conftest import TODAY, new_repo, run_lint

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases() -> list[Any]:
    params = []
    for file in sorted(CASES_DIR.glob("*.yaml")):
        spec = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            params.append(pytest.param(spec["rule"], case, id=f"{file.stem}:{case['name']}"))
    return params


@pytest.mark.parametrize(("code", "case"), _load_cases())
def test_rule_case(code: str, case: dict[str, Any], tmp_path: Path) -> None:
    if case.get("skip_as_root") and hasattr(__import__("os"), "geteuid") and __import__("os").geteuid() == 0:
        pytest.skip("root can read any file; permission cases need an ordinary user")
    root = new_repo(tmp_path / "repo", case.get("files", {}), base=case.get("base", True))
    today = date.fromisoformat(str(case["today"])) if "today" in case else TODAY
    result = run_lint(root, today, **case.get("settings", {}))
    got = [f for f in result.findings if f.rule == code]
    if case["expect"] == "pass":
        assert got == [], f"expected no {code} findings, got {got}"
        return
    expected = case["expect"]["findings"]
    assert len(got) == len(expected), f"expected {len(expected)} {code} finding(s), got {got}"
    for finding, want in zip(got, expected, strict=True):
        assert finding.path == want["path"]
        assert finding.line == want["line"], finding
        if "column" in want:
            assert finding.column == want["column"], finding
        if "message" in want:
            assert want["message"] in finding.message

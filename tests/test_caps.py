"""One rule reports at most 20 findings per document, then one summary finding.

A 50,000-entry `related` list of unknown ids once made a 35 MB report. The
summary keeps the rule's code and severity, counts once towards the exit
code, and every reporter shows it like any other finding.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aims_lint.cli import main
from aims_lint.report import github, markdown, sarif, text
from aims_lint.results import CAP, LintResult
from tests.conftest import TODAY, new_repo, run_lint
from tests.test_report import _schema_errors

ENTRIES = 50_000
PROCEDURE = """---
id: PRO-001
title: Risk procedure
type: procedure
status: approved
version: "1.0"
owner: aims-manager
approver: top-management
approved_on: 2026-01-10
effective_on: 2026-01-15
last_reviewed: 2026-01-10
review_cycle_months: 12
next_review: 2027-01-10
clauses: ["6.1"]
related: [{}]
---

# Risk
"""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    related = ", ".join(f"REC-{n:05d}" for n in range(1, ENTRIES + 1))
    return new_repo(tmp_path_factory.mktemp("caps") / "repo",
                    {"procedures/risk.md": PROCEDURE.replace("{}", related)})


@pytest.fixture(scope="module")
def result(root: Path) -> LintResult:
    return run_lint(root)


def test_one_rule_lists_twenty_findings_and_one_summary(result: LintResult) -> None:
    found = [f for f in result.findings if f.path == "procedures/risk.md" and f.rule == "AIMS501"]
    assert len(found) == CAP + 1 == 21
    listed, summary = found[:CAP], found[CAP]
    assert all(f.omitted == 0 and "does not exist" in f.message for f in listed)
    assert summary.omitted == ENTRIES - CAP
    assert summary.message.startswith("and 49,980 more AIMS501")
    assert (summary.severity, summary.name) == (listed[0].severity, listed[0].name)
    # It stands where the first finding left out stood: the 21st entry of the list.
    assert (summary.line, summary.column) == (15, 11 + CAP * len("REC-00001, "))


def test_the_summary_counts_once_towards_errors_and_the_exit_code(result: LintResult) -> None:
    others = [f for f in result.findings if f.rule != "AIMS501" and f.counts]
    assert result.errors == CAP + 1 + sum(1 for f in others if f.severity.value == "error")
    assert result.exit_code() == 1


def test_json_states_the_cap_and_the_omitted_count(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json"])
    output = capsys.readouterr().out
    assert code == 1
    report = json.loads(output)
    assert report["cap"] == 20
    summaries = [f for f in report["findings"] if "omitted" in f]
    assert [(f["rule"], f["omitted"]) for f in summaries] == [("AIMS501", 49_980)]
    assert len(output) < 50_000  # the 35 MB report this replaces


def test_every_reporter_shows_the_summary(result: LintResult) -> None:
    assert "and 49,980 more AIMS501" in text.render(result)
    assert "and 49,980 more AIMS501" in markdown.render(result)
    annotations = github.render(result).splitlines()
    assert sum("AIMS501" in a for a in annotations) == CAP + 1
    log = json.loads(sarif.render(result))
    assert _schema_errors(log) == []
    [summary] = [r for r in log["runs"][0]["results"] if r.get("properties", {}).get("omitted")]
    assert summary["properties"]["omitted"] == 49_980 and summary["ruleId"] == "AIMS501"

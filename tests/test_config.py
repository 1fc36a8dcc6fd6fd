"""Configuration: command line over `[tool.aims_lint]` (or `aims-lint.toml`) over defaults,
severity overrides, and suppressions that need a written reason.

The base documents are judged on 2026-12-20, when the AI policy's review
(2027-01-10) is 21 days away: one AIMS402 warning under the default 30-day
window. A procedure owned by a person instead of a role adds one AIMS301 error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aims_lint.cli import main
from aims_lint.config import ConfigError, load_settings
from tests.conftest import new_repo, write_files

# The document rules of the linter: parsing, schemas, identity, owners, reviews, references.
# Later families (catalog, SoA, evidence, git history) judge a complete management system in a
# git repository; the small test repositories here are neither, so their configuration selects
# these families only.
DOCUMENT_RULES = ("AIMS0", "AIMS1", "AIMS2", "AIMS3", "AIMS4", "AIMS5")
DAY = "2026-12-20"
REASON = "Owner moves to the new risk role in January; tracked in the AIMS backlog."
PROCEDURE = """---
id: PRO-001
title: Risk assessment procedure
type: procedure
status: draft
version: "0.1"
owner: jane.doe
approver: top-management
classification: internal
last_reviewed: 2026-01-10
next_review: 2027-01-10
clauses: ["6.1.2"]
---
Body.
"""

Check = Callable[..., tuple[int, dict[str, Any], str]]


@pytest.fixture(autouse=True)
def _outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = new_repo(tmp_path / "repo", {"procedures/risk.md": PROCEDURE})
    configure(root)
    return root


@pytest.fixture
def check(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Check:
    """`aims-lint check --today DAY --format json ARGS` in `cwd`: exit code, report, stderr."""

    def invoke(cwd: Path, *args: str) -> tuple[int, dict[str, Any], str]:
        monkeypatch.chdir(cwd)
        code = main(["check", "--today", DAY, "--format", "json", *args])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err
        report: dict[str, Any] = json.loads(captured.out) if captured.out else {}
        return code, report, captured.err

    return invoke


def rules(report: dict[str, Any]) -> list[str]:
    return [f["rule"] for f in report["findings"]]


def configure(
    root: Path, body: str = "", file: str = "pyproject.toml", select: tuple[str, ...] = DOCUMENT_RULES
) -> None:
    """Write `body` after a `select` list (by default: the document rules)."""
    text = f"select = {json.dumps(list(select))}\n{body}"
    write_files(root, {file: text if file == "aims-lint.toml" else "[tool.aims_lint]\n" + text})


def document_rules(report: dict[str, Any]) -> list[str]:
    return [rule for rule in rules(report) if rule.startswith(DOCUMENT_RULES)]


# --- precedence ----------------------------------------------------------------------------


def test_defaults_apply_without_configuration(repo: Path, check: Check) -> None:
    write_files(repo, {"pyproject.toml": "[tool.aims_lint]\n"})
    code, report, _ = check(repo)
    assert (code, document_rules(report)) == (1, ["AIMS402", "AIMS301"])  # 30-day window
    assert load_settings(repo).due_soon_days == 30


def test_the_pyproject_table_overrides_the_defaults(repo: Path, check: Check) -> None:
    configure(repo, "due_soon_days = 5\n")
    assert rules(check(repo)[1]) == ["AIMS301"]


def test_the_command_line_overrides_the_pyproject_table(repo: Path, check: Check) -> None:
    configure(repo, 'ignore = ["AIMS402"]\n', select=("AIMS3", "AIMS4"))
    assert rules(check(repo)[1]) == ["AIMS301"]
    assert rules(check(repo, "--ignore", "unknown-role")[1]) == ["AIMS402"]
    assert rules(check(repo, "--select", "AIMS4")[1]) == []  # config's ignore still applies


def test_load_settings_layers_overrides_file_and_defaults(repo: Path) -> None:
    configure(repo, "due_soon_days = 5\n", select=("AIMS3",))
    settings = load_settings(repo, {"select": ("AIMS4",), "ignore": None})
    assert settings.select == ("AIMS4",)  # command line
    assert settings.due_soon_days == 5  # file
    assert settings.max_file_bytes == 1_048_576  # default
    assert settings.root == repo


def test_aims_lint_toml_is_an_alternative_to_pyproject(repo: Path, check: Check) -> None:
    (repo / "pyproject.toml").unlink()
    assert "AIMS402" in rules(check(repo)[1])  # no configuration at all: the 30-day default
    configure(repo, "due_soon_days = 5\n", file="aims-lint.toml")
    assert rules(check(repo)[1]) == ["AIMS301"]
    assert rules(check(repo / "procedures")[1]) == ["AIMS301"]  # found from a subfolder too


def test_aims_lint_toml_wins_over_pyproject(repo: Path, check: Check) -> None:
    configure(repo, "due_soon_days = 5\n")
    configure(repo, "due_soon_days = 30\n", file="aims-lint.toml")
    assert rules(check(repo)[1]) == ["AIMS402", "AIMS301"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('ignroe = ["AIMS402"]\n', "ignroe: unknown key"),
        ("root = '/etc'\n", "root: unknown key"),
        ("due_soon_days = -1\n", "due_soon_days: Input should be greater than or equal to 0"),
        ("[tool.aims_lint.site]\ntheme = 'dark'\n", "site.theme: unknown key"),
        ('severity = {AIMS402 = "fatal"}\n',
         "severity.AIMS402: Input should be 'error', 'warning' or 'note'"),
        ('severity = {AIMS999 = "error"}\n', "unknown rule 'AIMS999'"),
        ('ignore = ["nope"]\n', "unknown rule 'nope'"),
        ("[oops\n", "cannot read configuration"),
        ("operating_since = 2026\n", "operating_since: Value error, must be a date such as 2026-12-01"),
        ("operating_since = 'soon'\n", "operating_since: Input should be a valid date"),
    ],
)
def test_bad_configuration_exits_2_with_a_clear_message(
    repo: Path, check: Check, body: str, message: str
) -> None:
    configure(repo, body)
    code, report, err = check(repo)
    assert (code, report) == (2, {})
    assert err.startswith("aims-lint: configuration error: ")
    assert message in err


@pytest.mark.parametrize("table", ["aims-lint", "aimslint"])
def test_a_misspelt_pyproject_table_is_a_configuration_error_naming_the_right_one(
    repo: Path, check: Check, table: str
) -> None:
    # The typo would otherwise be skipped whole, `paths` included: its folders would go unchecked.
    write_files(repo, {"pyproject.toml": f'[tool.{table}]\npaths = ["governance"]\n'})
    code, report, err = check(repo)
    assert (code, report) == (2, {})
    assert f"[tool.{table}] is not read: the table is [tool.aims_lint]" in err
    code, report, err = check(repo / "procedures")  # found from a subfolder as well
    assert code == 2 and "[tool.aims_lint]" in err


def test_a_misspelt_configuration_file_is_a_configuration_error_naming_the_right_one(
    repo: Path, check: Check
) -> None:
    (repo / "pyproject.toml").unlink()
    write_files(repo, {"aims_lint.toml": 'paths = ["governance"]\n'})
    code, report, err = check(repo)
    assert (code, report) == (2, {})
    assert "aims_lint.toml is not read: the configuration file is named aims-lint.toml" in err
    configure(repo, file="aims-lint.toml")  # the right one beside it does not make the typo harmless
    assert check(repo)[0] == 2


def test_a_tool_aims_lint_that_is_not_a_table_is_a_configuration_error(repo: Path) -> None:
    write_files(repo, {"pyproject.toml": "tool = {aims_lint = 5}\n"})
    with pytest.raises(ConfigError, match=r"\[tool.aims_lint\] must be a table"):
        load_settings(repo)


# --- severity overrides --------------------------------------------------------------------


def test_a_severity_override_turns_a_warning_into_an_error(repo: Path, check: Check) -> None:
    configure(repo, '[tool.aims_lint.severity]\nreview-due-soon = "error"\nAIMS301 = "warning"\n')
    code, report, _ = check(repo)
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [
        ("AIMS402", "error"),
        ("AIMS301", "warning"),
    ]
    assert code == 1


def test_a_severity_override_by_prefix_can_make_a_run_pass(repo: Path, check: Check) -> None:
    configure(repo, '[tool.aims_lint.severity]\nAIMS3 = "warning"\n')
    code, report, _ = check(repo)
    assert report["summary"]["errors"] == 0
    assert code == 0
    assert check(repo, "--strict")[0] == 1


# --- suppression ---------------------------------------------------------------------------


def suppression(rule: str, path: str | None = None, reason: str | None = REASON) -> str:
    lines = ["[[tool.aims_lint.suppress]]", f'rule = "{rule}"']
    lines += [f'path = "{path}"'] if path is not None else []
    lines += [f'reason = "{reason}"'] if reason is not None else []
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("reason", [None, "", "ok", "  accepted  ", "          "])
def test_a_suppression_needs_a_written_reason(repo: Path, check: Check, reason: str | None) -> None:
    configure(repo, suppression("AIMS301", reason=reason))
    code, _, err = check(repo)
    assert code == 2
    assert "suppress.0.reason: a suppression needs a written reason of at least 10 characters" in err


def test_a_suppression_of_an_unknown_rule_is_refused(repo: Path, check: Check) -> None:
    configure(repo, suppression("unknown-roles"))
    code, _, err = check(repo)
    assert code == 2
    assert "unknown rule 'unknown-roles'" in err


def test_suppressed_findings_do_not_fail_the_run_but_stay_in_json(repo: Path, check: Check) -> None:
    configure(repo, suppression("unknown-role", path="procedures/*"))
    code, report, _ = check(repo)
    assert code == 0
    owner = next(f for f in report["findings"] if f["rule"] == "AIMS301")
    assert owner["suppressed"] == REASON
    assert report["summary"] == {"documents": 3, "errors": 0, "warnings": 1, "suppressed": 1}


def test_suppressed_findings_stay_in_sarif(repo: Path, check: Check) -> None:
    configure(repo, suppression("AIMS3"))
    check(repo)  # the JSON run; now the same configuration in SARIF
    code = main(["check", "--today", DAY, "--format", "sarif", "--output", "report.sarif"])
    assert code == 0
    results = json.loads((repo / "report.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    owner = next(r for r in results if r["ruleId"] == "AIMS301")
    assert owner["suppressions"] == [{"kind": "external", "status": "accepted", "justification": REASON}]


def test_a_suppression_applies_only_to_the_paths_it_names(repo: Path, check: Check) -> None:
    configure(repo, suppression("AIMS301", path="policies/*"))
    code, report, _ = check(repo)
    assert code == 1
    assert [f["suppressed"] for f in report["findings"]] == [None, None]


def test_suppressed_warnings_do_not_fail_a_strict_run(repo: Path, check: Check) -> None:
    configure(repo, suppression("AIMS402") + suppression("AIMS301"))
    code, report, _ = check(repo, "--strict")
    assert code == 0
    assert [f["suppressed"] for f in report["findings"]] == [REASON, REASON]


# --- code prefixes ---------------------------------------------------------------------------


def _codes(**keys: tuple[str, ...]) -> list[str]:
    from aims_lint.config import Settings
    from aims_lint.engine import selected_rules

    return [r.RULE.code for r in selected_rules(Settings(**keys))]


def test_a_prefix_selects_the_codes_of_its_own_length_only() -> None:
    # `AIMS1` and `AIMS10` are prefixes of the file rules; they once caught the body rules too.
    file_rules = _codes(select=("AIMS1",))
    assert file_rules and all(len(c) == 7 and c.startswith("AIMS1") for c in file_rules)
    assert _codes(select=("AIMS10",)) == file_rules  # AIMS101-AIMS108 today
    body = _codes(select=("AIMS100",))
    assert body and all(c.startswith("AIMS100") and len(c) == 8 for c in body)
    assert "AIMS1001" in body and "AIMS101" not in body
    assert _codes(select=("AIMS101",)) == ["AIMS101"]  # a code is never a prefix of AIMS1010-AIMS1019
    assert _codes(select=("AIMS1001",)) == ["AIMS1001"]
    ignored = _codes(ignore=("AIMS1",))
    assert "AIMS1001" in ignored and "AIMS101" not in ignored


def test_a_suppression_or_severity_by_prefix_reaches_its_own_family_only() -> None:
    from aims_lint.config import Settings, Suppression
    from aims_lint.engine import apply_settings
    from aims_lint.results import Finding, Severity

    body = Finding("procedures/p.md", 20, 1, "AIMS1002", "placeholder-text", Severity.ERROR, "TBD")
    settings = Settings(
        severity={"AIMS1": Severity.WARNING},
        suppress=(Suppression(rule="AIMS10", reason="the file rules are accepted here"),),
    )
    assert apply_settings(body, settings) == body
    assert apply_settings(body, settings).counts
    settings = Settings(severity={"AIMS100": Severity.WARNING})
    assert apply_settings(body, settings).severity is Severity.WARNING


def test_check_refuses_a_select_of_discovery_rules_only(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # `check --select AIMS1220` once ran nothing and said "0 errors": a false gate.
    monkeypatch.chdir(repo)
    code = main(["check", "--select", "AIMS1220", "--today", "2026-12-02"])
    err = capsys.readouterr().err
    assert code == 2 and "discovery rules only" in err and "aims-lint discover" in err

"""The readiness verdict: coverage read from findings, Stage 1 prerequisites as blockers, the exit code.

Each test starts from the small complete system (tests/complete_aims.py), which
is ready for a Stage 1 audit, changes one thing in a real repository and looks
for the blocker or reason that one change must cause.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aims_lint.cli import main
from aims_lint.commands.readiness import render_markdown, render_text
from aims_lint.config import load_settings
from aims_lint.readiness import WITHHELD_BLOCKER, Readiness, build_readiness, readiness_json, withhold
from aims_lint.rules import aims804_audit_coverage_incomplete
from aims_lint.stage1 import AUDIT_COVERAGE_RULE
from tests.complete_aims import SOA_PATH, TODAY, complete_files
from tests.conftest import new_repo, run_lint

SCOPE = "policies/scope.md"
AUDIT = "records/internal-audit.md"
REVIEW = "records/management-review.md"
NONCONFORMITY = "records/nonconformity.md"
MONITORING = "records/monitoring.md"
RISK_PROCEDURE = "procedures/risk-assessment.md"
# A young system: operating long enough for Stage 1 (3 months), but inside its first audit and
# review cycles, so AIMS803 and AIMS804 only warn.
Capsys = pytest.CaptureFixture[str]
YOUNG = "[tool.aims_lint]\noperating_since = 2026-03-01\n"


def _repo(tmp_path: Path, **changes: str | None) -> Path:
    """The complete system with files replaced (a text) or deleted (None)."""
    files: dict[str, str] = complete_files()
    for rel, text in changes.items():
        if text is None:
            files.pop(rel)
        else:
            files[rel] = text
    return new_repo(tmp_path / "repo", files)


def _without_operating_records() -> str:
    """The monitoring record without its `controls`: then no record shows a control operating."""
    lines = complete_files()[MONITORING].splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("controls: "))


def _edit(rel: str, old: str, new: str) -> str:
    text = complete_files()[rel]
    assert old in text, f"{old!r} not in {rel}"
    return text.replace(old, new)


def _run(root: Path, capsys: Capsys, *extra: str) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["readiness", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)


def _build(root: Path) -> Readiness:
    return build_readiness(run_lint(root, TODAY), load_settings(root))


def _blockers(report: dict[str, Any]) -> list[tuple[str, str, int]]:
    return [(b["code"], b["path"], b["line"]) for b in report["blockers"]]


def _line(root: Path, rel: str, starts: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.startswith(starts))


def _by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def test_the_complete_system_is_ready_and_exits_0(tmp_path: Path, capsys: Capsys) -> None:
    code, report = _run(_repo(tmp_path), capsys)
    assert (code, report["ready"], report["blockers"]) == (0, True, [])
    # ISO/IEC 42001 alone is configured: one entry, as ready as the report
    assert list(report["frameworks"]) == ["iso42001"]
    entry = report["frameworks"]["iso42001"]
    assert (entry["ready"], entry["blockers"]) == (True, [])


def test_the_exit_code_is_the_verdict_with_output_too(tmp_path: Path, capsys: Capsys) -> None:
    root = _repo(tmp_path)
    for fmt in ("json", "text", "markdown"):
        out = tmp_path / f"ready.{fmt}"
        assert main(["readiness", "--root", str(root), "--today", TODAY.isoformat(), "--format", fmt,
                     "-o", str(out)]) == 0
    (root / "pyproject.toml").write_text("[tool.aims_lint]\n", encoding="utf-8")  # operating_since unset
    for fmt in ("json", "text", "markdown"):
        out = tmp_path / f"not-ready.{fmt}"
        assert main(["readiness", "--root", str(root), "--today", TODAY.isoformat(), "--format", fmt,
                     "-o", str(out)]) == 1
    assert json.loads((tmp_path / "not-ready.json").read_text(encoding="utf-8"))["ready"] is False
    assert "NOT READY for a Stage 1 audit: 1 blocker(s)" in (tmp_path / "not-ready.text").read_text("utf-8")
    assert capsys.readouterr().out == ""


def test_a_clause_whose_only_document_has_errors_is_not_covered(
    tmp_path: Path, capsys: Capsys
) -> None:
    scope = _edit(SCOPE, "owner: aims-manager", "owner: nobody").replace(
        "approver: top-management", "approver: nobody")
    code, report = _run(_repo(tmp_path, **{SCOPE: scope}), capsys)
    assert code == 1
    clause = _by_id(report["clauses"])["4.3"]
    assert (clause["covered"], clause["documents"]) == (False, ["POL-002"])  # approved, but with errors
    assert clause["reason"] == "POL-002 has 2 errors (AIMS301)"
    assert clause["errored"] == [{"id": "POL-002", "errors": 2, "codes": ["AIMS301"]}]
    item = _by_id(report["documented_information"])["scope"]
    assert (item["present"], item["state"]) == (False, "errors")
    assert item["reason"] == "POL-002 has 2 errors (AIMS301)"
    assert report["summary"]["documented_information"]["present"] == 18
    status = _line(tmp_path / "repo", SCOPE, "status:")
    assert ("stage1-scope-not-approved", SCOPE, status) in _blockers(report)
    assert {b[0] for b in _blockers(report)} == {"AIMS301", "stage1-scope-not-approved"}


def test_a_control_whose_implementer_has_errors_is_not_covered(
    tmp_path: Path, capsys: Capsys
) -> None:
    procedure = _edit(RISK_PROCEDURE, "owner: aims-manager", "owner: nobody")
    changes = {RISK_PROCEDURE: procedure, MONITORING: _without_operating_records()}
    _, report = _run(_repo(tmp_path, **changes), capsys)
    control = _by_id(report["controls"])["A.6.1.2"]
    # its only implementer has an error, so nothing carries it out yet (not even in part)
    assert (control["covered"], control["counted_as"]) == (False, "not-implemented")
    assert control["unsupported"] == [{"id": "PRO-001", "problem": "has 1 error (AIMS301)"}]
    assert control["reason"] == (
        "PRO-001 has 1 error (AIMS301); counted as not-implemented: the SoA says implemented, but no "
        "document in implemented_by is approved, in force and free of errors: PRO-001 has 1 error (AIMS301)")
    assert _by_id(report["controls"])["A.2.2"]["covered"] is True  # implemented by POL-001, no errors
    # the A.2 controls POL-001 implements, and A.3.2 the roles registry lists
    assert report["summary"]["controls"]["covered"] == 4


def test_an_implemented_control_counts_as_implemented_only_with_a_record_showing_it_operating(
    tmp_path: Path, capsys: Capsys
) -> None:
    monitoring = _without_operating_records().replace(
        'clauses: ["9.1"]\n', 'clauses: ["9.1"]\ncontrols: [A.6.1.2]\n')
    _, report = _run(_repo(tmp_path, **{MONITORING: monitoring}), capsys)
    controls = _by_id(report["controls"])
    assert controls["A.6.1.2"]["operating"] == ["REC-007"]
    assert (controls["A.6.1.2"]["counted_as"], controls["A.6.1.2"]["reason"]) == ("implemented", "")
    assert controls["A.6.2.2"]["counted_as"] == "partial"
    assert controls["A.6.2.2"]["implementation"] == "implemented"  # what the SoA says stays as it says
    summary = report["summary"]["controls"]
    assert (summary["implemented"], summary["partial"]) == (1, 34)
    markdown = render_markdown(_build(tmp_path / "repo"))
    assert "implemented &#40;counted as partial&#41;" in markdown


def test_a_draft_soa_is_shown_as_draft_not_missing(tmp_path: Path, capsys: Capsys) -> None:
    soa = _edit(SOA_PATH, "status: approved", "status: draft")
    root = _repo(tmp_path, **{SOA_PATH: soa})
    code, report = _run(root, capsys)
    assert code == 1
    item = _by_id(report["documented_information"])["statement-of-applicability"]
    assert (item["state"], item["drafts"], item["reason"]) == ("draft", ["SOA-001"], "only drafts: SOA-001")
    status = _line(root, SOA_PATH, "status:")
    # AIMS876 reports the draft that stands for the missing SoA; the prerequisite is unmet
    assert _blockers(report) == [("AIMS876", SOA_PATH, status), ("stage1-soa-not-approved", SOA_PATH, status)]
    text = render_text(_build(root))
    assert "[ ] 6.1.3  Statement of Applicability: DRAFT: only drafts: SOA-001" in text
    assert "Statement of Applicability: MISSING" not in text
    assert f"{SOA_PATH}:5: stage1-soa-not-approved: " in text
    assert "| **draft** | 6.1.3 | Statement of Applicability |" in render_markdown(_build(root))


def test_a_draft_ai_policy_blocks(tmp_path: Path, capsys: Capsys) -> None:
    root = _repo(tmp_path)
    policy = root / "policies" / "ai-policy.md"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("status: approved", "status: draft"), encoding="utf-8")
    code, report = _run(root, capsys)
    assert code == 1
    assert ("stage1-ai-policy-not-approved", "policies/ai-policy.md") in [b[:2] for b in _blockers(report)]
    assert _by_id(report["documented_information"])["ai-policy"]["state"] == "draft"


def test_no_scope_document_blocks_on_the_repository(tmp_path: Path, capsys: Capsys) -> None:
    code, report = _run(_repo(tmp_path, **{SCOPE: None}), capsys)
    assert code == 1
    assert ("stage1-scope-not-approved", ".", 1) in _blockers(report)
    item = _by_id(report["documented_information"])["scope"]
    assert item["state"] == "missing"
    assert item["reason"] == "no document provides it (expected: policy citing 4.3)"


def test_audits_short_of_a_full_cycle_block_even_while_the_rule_only_warns(
    tmp_path: Path, capsys: Capsys
) -> None:
    audit = _edit(
        AUDIT, 'scope_clauses: ["4", "5", "6", "7", "8", "9", "10"]',
        'scope_clauses: ["4", "5", "6", "7", "9"]')
    root = _repo(tmp_path, **{AUDIT: audit, "pyproject.toml": YOUNG})
    result = run_lint(root, TODAY)
    assert result.errors == 0  # in its first cycle AIMS804 is a warning
    code, report = _run(root, capsys)
    assert code == 1
    assert _blockers(report) == [("stage1-no-audit-cycle", AUDIT, _line(root, AUDIT, "scope_clauses:"))]
    assert "clause(s) 8, 10" in report["blockers"][0]["message"]


def test_no_internal_audit_blocks(tmp_path: Path, capsys: Capsys) -> None:
    code, report = _run(_repo(tmp_path, **{AUDIT: None, "pyproject.toml": YOUNG}), capsys)
    assert code == 1
    # no audit: no full cycle, and no internal audit results (on the repository: nothing to point at)
    assert [b[:2] for b in _blockers(report)] == [
        ("stage1-documented-information-missing", "."),
        ("stage1-no-audit-cycle", "records/audit-programme.md"),
    ]


def test_the_audit_cycle_code_is_the_rules(tmp_path: Path) -> None:
    assert aims804_audit_coverage_incomplete.RULE.code == AUDIT_COVERAGE_RULE


def test_no_management_review_blocks(tmp_path: Path, capsys: Capsys) -> None:
    root = _repo(tmp_path, **{REVIEW: None, "pyproject.toml": YOUNG})
    assert run_lint(root, TODAY).errors == 0  # AIMS803 only warns before the first review is due
    code, report = _run(root, capsys)
    assert code == 1
    # no review recorded, and so no management review results (9.3.3)
    assert [b[0] for b in _blockers(report)] == ["stage1-documented-information-missing",
                                                  "stage1-no-management-review"]
    item = _by_id(report["documented_information"])["management-review-results"]
    assert item["present"] is False


def test_an_open_major_nonconformity_blocks_and_a_minor_one_does_not(
    tmp_path: Path, capsys: Capsys
) -> None:
    major = _edit(NONCONFORMITY, "nc_status: closed\ngrade: minor", "nc_status: open\ngrade: major")
    root = _repo(tmp_path, **{NONCONFORMITY: major})
    _, report = _run(root, capsys)
    grade = _line(root, NONCONFORMITY, "grade:")
    assert ("stage1-open-major-nonconformity", NONCONFORMITY, grade) in _blockers(report)
    minor = _edit(NONCONFORMITY, "nc_status: closed", "nc_status: open")
    _, report = _run(_repo(tmp_path / "minor", **{NONCONFORMITY: minor}), capsys)
    assert "stage1-open-major-nonconformity" not in [b[0] for b in _blockers(report)]


def test_without_operating_since_a_blocker_says_to_set_it(tmp_path: Path, capsys: Capsys) -> None:
    code, report = _run(_repo(tmp_path, **{"pyproject.toml": "[tool.aims_lint]\n"}), capsys)
    assert code == 1
    assert _blockers(report) == [("stage1-operating-since-unset", "pyproject.toml", 1)]
    assert "the earliest approved record is dated 2026-09-15" in report["blockers"][0]["message"]


def test_a_short_operating_period_blocks_on_the_setting(tmp_path: Path, capsys: Capsys) -> None:
    config = "[tool.aims_lint]\ndue_soon_days = 30\noperating_since = 2026-10-01\n"
    code, report = _run(_repo(tmp_path, **{"pyproject.toml": config}), capsys)
    assert code == 1
    assert _blockers(report) == [("stage1-operating-period-too-short", "pyproject.toml", 3)]
    assert "the period is complete on 2027-01-01" in report["blockers"][0]["message"]
    config = config.replace("2026-10-01", "2026-08-22")  # three months to the day
    code, report = _run(_repo(tmp_path / "three", **{"pyproject.toml": config}), capsys)
    assert (code, report["blockers"]) == (0, [])


def test_a_reader_who_may_not_see_a_document_sees_the_verdict_but_not_the_blocker_on_it(
    tmp_path: Path,
) -> None:
    scope = _edit(SCOPE, "owner: aims-manager", "owner: nobody")
    whole = _build(_repo(tmp_path, **{SCOPE: scope}))
    shown = withhold(whole, lambda ref: ref in ("POL-002", SCOPE))
    assert (shown.ready, len(shown.blockers)) == (False, len(whole.blockers))
    assert {(b.code, b.message, b.path, b.line) for b in shown.blockers} == {
        ("AIMS301", WITHHELD_BLOCKER, "", 0), ("stage1-scope-not-approved", WITHHELD_BLOCKER, "", 0),
    }
    data = json.dumps(readiness_json(shown))
    assert "POL-002" not in data and SCOPE not in data and "nobody" not in data
    clause = next(c for c in shown.clauses if c.id == "4.3")
    assert not clause.covered
    assert clause.reason == "1 document(s) not published for this audience have errors"


def test_withheld_blockers_that_look_alike_are_all_counted(tmp_path: Path) -> None:
    scope = _edit(SCOPE, "owner: aims-manager", "owner: nobody")
    procedure = _edit(RISK_PROCEDURE, "owner: aims-manager", "owner: nobody")
    whole = _build(_repo(tmp_path, **{SCOPE: scope, RISK_PROCEDURE: procedure}))
    shown = withhold(whole, lambda ref: ref in ("POL-002", SCOPE, "PRO-001", RISK_PROCEDURE))
    assert len(shown.blockers) == len(whole.blockers)
    assert [b.code for b in shown.blockers].count("AIMS301") == 2
    assert {b.path for b in shown.blockers} == {""}


def _tbd_procedure() -> str:
    """The risk assessment procedure reduced to a heading and "TBD", re-approved as is."""
    text = complete_files()[RISK_PROCEDURE]
    return text[: text.index("# AI risk assessment")] + "# AI risk assessment\n\n## Purpose\n\nTBD\n"


def test_ignoring_rules_blocks_on_the_configuration_line_and_names_every_rule_left_out(
    tmp_path: Path, capsys: Capsys
) -> None:
    # The reviewer's reproduction: `ignore = ["AIMS1"]` once also switched the body rules off, and
    # readiness said READY over a procedure reduced to "TBD".
    config = (
        '[tool.ruff]\nignore = ["E501"]\n\n'
        '[tool.aims_lint]\noperating_since = 2025-09-01\nignore = ["AIMS1"]\n'
    )
    root = _repo(tmp_path, **{"pyproject.toml": config, RISK_PROCEDURE: _tbd_procedure()})
    code, report = _run(root, capsys)
    assert code == 1
    codes = {b[0] for b in _blockers(report)}
    assert "AIMS1002" in codes or "AIMS1001" in codes, report["blockers"]  # the body rules still ran
    deselected = [b for b in report["blockers"] if b["code"] == "stage1-rules-deselected"]
    assert [(b["path"], b["line"]) for b in deselected] == [("pyproject.toml", 6)]  # not ruff's line 2
    listed = deselected[0]["message"].split(": ", 1)[1].split(";", 1)[0].split(", ")
    assert listed[0] == "AIMS101" and all(c.startswith("AIMS1") and len(c) == 7 for c in listed)


def test_selecting_rules_blocks_even_when_nothing_is_found(tmp_path: Path, capsys: Capsys) -> None:
    config = '[tool.aims_lint]\nselect = ["AIMS3"]\noperating_since = 2025-09-01\n'
    code, report = _run(_repo(tmp_path, **{"pyproject.toml": config}), capsys)
    assert (code, _blockers(report)) == (1, [("stage1-rules-deselected", "pyproject.toml", 2)])
    assert "AIMS1001" in report["blockers"][0]["message"]
    assert "AIMS301," not in report["blockers"][0]["message"]


def test_a_suppressed_error_blocks_and_the_blocker_lists_it(tmp_path: Path, capsys: Capsys) -> None:
    config = (
        "[tool.aims_lint]\noperating_since = 2025-09-01\n\n[[tool.aims_lint.suppress]]\n"
        'rule = "AIMS100"\nreason = "the procedure is being rewritten this month"\n'
    )
    root = _repo(tmp_path, **{"pyproject.toml": config, RISK_PROCEDURE: _tbd_procedure()})
    code, report = _run(root, capsys)
    assert code == 1
    assert _blockers(report) == [("stage1-errors-suppressed", "pyproject.toml", 4)]
    message = report["blockers"][0]["message"]
    assert f"AIMS1001 in {RISK_PROCEDURE}; AIMS1002 in {RISK_PROCEDURE}" in message, message
    # A suppressed warning hides nothing an auditor needs: it does not block.
    warning = config.replace('"AIMS100"', '"AIMS803"')
    code, report = _run(_repo(tmp_path / "warning", **{"pyproject.toml": warning}), capsys)
    assert (code, report["blockers"]) == (0, [])


def test_an_error_lowered_by_severity_blocks_and_the_blocker_lists_it(tmp_path: Path, capsys: Capsys) -> None:
    config = (
        '[tool.aims_lint]\noperating_since = 2025-09-01\n\n[tool.aims_lint.severity]\nAIMS100 = "warning"\n'
    )
    root = _repo(tmp_path, **{"pyproject.toml": config, RISK_PROCEDURE: _tbd_procedure()})
    code, report = _run(root, capsys)
    assert code == 1
    assert _blockers(report) == [("stage1-errors-downgraded", "pyproject.toml", 4)]
    message = report["blockers"][0]["message"]
    assert f"AIMS1001 in {RISK_PROCEDURE}; AIMS1002 in {RISK_PROCEDURE}" in message, message
    # Raising a warning to an error, or lowering a rule that finds nothing, hides nothing.
    raised = config.replace('AIMS100 = "warning"', 'AIMS803 = "error"')
    code, report = _run(_repo(tmp_path / "raised", **{"pyproject.toml": raised}), capsys)
    assert (code, report["blockers"]) == (0, [])

"""`aims-lint readiness`: the gap assessment, on real repositories built from small documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aims_lint.cli import main
from aims_lint.commands.readiness import render_markdown, render_text
from aims_lint.config import load_settings
from aims_lint.readiness import Readiness, build_readiness, readiness_json
from tests.complete_aims import IMPACT_PROCEDURE, SOA_PATH, TODAY, complete_files
from tests.conftest import new_repo, run_lint


def _build(root: Path) -> Readiness:
    return build_readiness(run_lint(root, TODAY), load_settings(root))


def _report(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    code = main(["readiness", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json", *extra])
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert code == (0 if data["ready"] else 1)  # the exit code is the verdict
    return data


def _by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def test_complete_documented_information_is_all_present(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _report(new_repo(tmp_path / "repo", complete_files()), capsys)
    information = report["documented_information"]
    assert len(information) == 19
    assert [i["id"] for i in information if not i["present"]] == []
    assert report["summary"]["documented_information"] == {"total": 19, "present": 19, "percent": 100.0}
    assert _by_id(information)["impact-assessment-results"]["evidence"] == ["REC-006"]
    assert _by_id(information)["operational-records"]["evidence"] == ["REC-001"]  # not the inventory
    assert _by_id(information)["scope"]["evidence"] == ["POL-002"]
    assert _by_id(information)["statement-of-applicability"]["evidence"] == ["SOA-001"]
    assert report["findings"]["errors"] == 0


def test_a_policy_citing_4_3_without_naming_systems_is_not_the_scope(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = complete_files()
    files["policies/scope.md"] = files["policies/scope.md"].replace("systems_in_scope: [REC-010]\n", "")
    report = _report(new_repo(tmp_path / "repo", files), capsys)
    missing = [i["id"] for i in report["documented_information"] if not i["present"]]
    assert missing == ["scope"]
    clause = _by_id(report["clauses"])["4.3"]
    assert clause["missing"] == ["scope"]
    assert clause["documents"] == ["POL-002"]  # it still cites 4.3, so the clause is addressed
    assert report["summary"]["documented_information"] == {"total": 19, "present": 18, "percent": 94.7}
    assert report["ready"] is False
    # the rule's error on the policy, and the unmet Stage 1 prerequisite it causes
    assert sorted(b["code"] for b in report["blockers"]) == ["AIMS875", "stage1-scope-not-approved"]


def test_the_impact_assessment_results_not_the_procedure_are_6_1_4s_documented_information(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_repo(tmp_path / "repo", complete_files())
    (root / IMPACT_PROCEDURE).unlink()
    report = _report(root, capsys)
    assert [i["id"] for i in report["documented_information"] if not i["present"]] == []
    assert _by_id(report["documented_information"])["impact-assessment-results"]["evidence"] == ["REC-006"]
    assert _by_id(report["clauses"])["6.1.4"]["missing"] == []


def test_json_is_stable_and_sorted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_repo(tmp_path / "repo", complete_files())
    first = main(["readiness", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json"])
    one = capsys.readouterr().out
    second = main(["readiness", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json"])
    assert (first, second) == (0, 0)
    assert one == capsys.readouterr().out
    data = json.loads(one)
    assert one == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert [c["id"] for c in data["clauses"]][:3] == ["4", "4.1", "4.2"]  # catalog order
    for row in data["clauses"]:
        for key in ("documents", "records", "drafts", "missing"):
            assert row[key] == sorted(row[key])
    assert data["today"] == TODAY.isoformat() and data["soa"] == SOA_PATH


def test_controls_show_decision_status_and_implementing_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = complete_files()
    soa = files[SOA_PATH]
    start = soa.index("  - control: A.5.2\n")
    files[SOA_PATH] = soa[:start] + soa[soa.index("  - control: A.5.3\n"):]
    controls = _by_id(_report(new_repo(tmp_path / "repo", files), capsys)["controls"])
    assert len(controls) == 38
    assert controls["A.2.2"] == {
        "id": "A.2.2", "title": "AI policy", "objective": "A.2", "decision": "included",
        "reasons": ["risk-treatment"], "implementation": "implemented", "implemented_by": ["POL-001"],
        "documents": ["POL-001", "REC-007"], "operating": ["REC-007"], "counted_as": "implemented",
        "covered": True, "errored": [], "drafts": [], "reason": "", "unsupported": [],
    }
    assert controls["A.10.3"]["decision"] == "excluded"
    assert controls["A.10.3"]["implementation"] is None
    assert controls["A.5.2"]["decision"] == "not-listed"
    assert controls["A.3.2"]["documents"] == ["REC-007", "ROL-001"]


def test_summary_counts(tmp_path: Path) -> None:
    files = complete_files()
    files[SOA_PATH] = files[SOA_PATH].replace(
        "  - control: A.9.4\n    applicable: true", "  - control: A.9.4\n    applicable: null"
    )
    report = _build(new_repo(tmp_path / "repo", files))
    controls = report.summary["controls"]
    assert (controls["included"], controls["excluded"], controls["undecided"]) == (34, 3, 1)
    assert controls["decided_percent"] == round(100 * 37 / 38, 1)
    # the small system's monitoring record (REC-007) shows every implemented control operating
    assert (controls["implemented"], controls["partial"], controls["implemented_percent"]) == (34, 0, 100.0)
    assert report.findings["by_rule"]["AIMS704"] == 1


def test_clause_coverage_counts_approved_documents_and_sub_clauses(tmp_path: Path) -> None:
    draft = complete_files()["policies/scope.md"].replace("status: approved", "status: draft")
    files = {**complete_files(), "policies/communication.md": draft.replace("POL-002", "POL-003").replace(
        'clauses: ["4.3"]', 'clauses: ["7.4"]')}
    report = _build(new_repo(tmp_path / "repo", files))
    clauses = {c.id: c for c in report.clauses}
    assert clauses["6"].documents == ("PRO-001", "PRO-002", "PRO-003", "SOA-001")  # via 6.1.x
    assert clauses["9.2"].records == ("REC-008", "REC-009")  # via 9.2.2
    assert not clauses["7.4"].covered and clauses["7.4"].drafts == ("POL-003",)
    assert clauses["7"].drafts == ("POL-003",) and clauses["7"].records == ("REC-005", "REC-009")
    assert not clauses["9.2.1"].covered


def test_a_draft_or_a_record_of_the_wrong_kind_is_not_evidence(tmp_path: Path) -> None:
    files = complete_files()
    files["policies/scope.md"] = files["policies/scope.md"].replace("status: approved", "status: draft")
    files["records/management-review.md"] = files["records/management-review.md"].replace(
        "record_kind: management-review", "record_kind: other")
    report = readiness_json(_build(new_repo(tmp_path / "repo", files)))
    missing = [i["id"] for i in report["documented_information"] if not i["present"]]
    assert missing == ["scope", "management-review-results"]


def test_without_an_soa_every_control_is_not_listed(tmp_path: Path) -> None:
    report = _build(new_repo(tmp_path / "repo"))
    assert report.soa is None
    assert {c.decision for c in report.controls} == {"not-listed"}
    assert report.summary["controls"]["not_listed"] == 38


def test_text_and_markdown_show_the_gaps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_repo(tmp_path / "repo", complete_files())
    (root / "records/monitoring.md").unlink()
    report = _build(root)
    text = render_text(report)
    assert "Documented information present: 18 of 19 (94.7%)" in text
    assert "[ ] 9.1    Monitoring and measurement results: MISSING" in text
    markdown = render_markdown(report)
    markdown_gap = [line for line in markdown.splitlines() if line.startswith("| **missing** | 9.1 |")]
    assert markdown_gap and "Monitoring and measurement results" in markdown_gap[0], markdown_gap
    assert "| A.10.2 | Allocating responsibilities | excluded | - | - | - |" in markdown
    out = tmp_path / "out" / "readiness.md"
    assert main(["readiness", "--root", str(root), "--today", TODAY.isoformat(), "--format", "markdown",
                 "-o", str(out)]) == 1  # not ready: required documented information is missing
    assert out.read_text(encoding="utf-8") == markdown
    assert capsys.readouterr().out == ""


def test_an_error_finding_blocks_readiness_and_the_exit_code_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_repo(tmp_path / "repo", complete_files())
    assert _report(root, capsys)["ready"] is True
    path = root / IMPACT_PROCEDURE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("owner: aims-manager", "owner: nobody"), encoding="utf-8")
    report = _report(root, capsys)
    assert report["ready"] is False
    assert [(b["code"], b["path"]) for b in report["blockers"]] == [("AIMS301", IMPACT_PROCEDURE)]
    # only ISO/IEC 42001 is configured: its entry carries the same verdict and blockers
    assert list(report["frameworks"]) == ["iso42001"]
    assert report["frameworks"]["iso42001"]["ready"] is False
    assert report["frameworks"]["iso42001"]["blockers"] == report["blockers"]

"""One SoA per certifiable framework: the skeleton, and a 27001 SoA beside the 42001 one."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from aims_lint.catalog import load_catalog
from aims_lint.cli import main
from aims_lint.export.soa_skeleton import skeleton, skeleton_path
from aims_lint.results import Finding
from tests.complete_aims import TODAY, _controlled, complete_files
from tests.conftest import PROJECT, new_repo, run_lint


def test_the_42001_skeleton_is_the_one_init_writes() -> None:
    packaged = PROJECT / "aims_lint" / "data" / "init" / "policies" / "statement-of-applicability.md"
    assert skeleton("iso42001") == packaged.read_text(encoding="utf-8")


def test_the_skeleton_lists_each_control_once_under_its_heading() -> None:
    text = skeleton("iso42001")
    assert text.count("  - control: ") == 38
    assert "  # A.6 AI system life cycle\n  - control: A.6.1.2  #" in text
    assert "same_as" not in text and "framework:" not in text


# --- a 27001 SoA beside the 42001 one (the catalog: aims_lint/catalog/iso27001-2022.yaml) --------

FW = "iso27001-2022"
SOA_27001 = skeleton_path(FW)  # where init writes it: policies/statement-of-applicability-iso27001.md
BOTH = {"frameworks": ["iso42001", FW]}
CONTROLS_27001 = [c.id for c in load_catalog(FW).controls]
SOA_CODES = {"AIMS620", "AIMS621", "AIMS622", "AIMS623", "AIMS624", "AIMS625", "AIMS626", "AIMS701",
             "AIMS702", "AIMS703", "AIMS704", "AIMS705", "AIMS706", "AIMS707", "AIMS708", "AIMS870",
             "AIMS871"}
# Own implementation, evidenced by the monitoring record; two that share a 42001 control's (pairs the
# crosswalk maps, so AIMS626 is quiet).
OWN, SHARED = "A.5.1", {"A.5.34": "A.7.2", "A.8.16": "A.6.2.6"}


def _entry_27001(control: str) -> str:
    if control == OWN:
        return (f"  - control: {control}\n    applicable: true\n    reasons: [risk-treatment]\n"
                "    justification: One security policy set covers the whole company.\n"
                "    implementation: implemented\n    implemented_by: [POL-001]\n")
    if control in SHARED:
        return (f"  - control: {control}\n    applicable: true\n    reasons: [risk-treatment]\n"
                "    justification: The AI management system carries this control out already.\n"
                f"    same_as: {SHARED[control]}\n")
    return (f"  - control: {control}\n    applicable: false\n    reasons: [not-relevant]\n"
            "    justification: The test organisation decided this control for the test only.\n")


def soa_27001() -> str:
    entries = "".join(_entry_27001(c) for c in CONTROLS_27001)
    return _controlled(
        "SOA-002", "soa", "Statement of Applicability (ISO/IEC 27001)", '["ISO27001:6.1.3"]',
        f"framework: {FW}\nentries:\n{entries}",
    )


def _system(tmp_path: Path, soa: str | None = None) -> Path:
    files = complete_files()
    files["records/monitoring.md"] = files["records/monitoring.md"].replace(
        "controls: [", f"controls: [ISO27001:{OWN}, ", 1)
    if soa is not None:
        files[SOA_27001] = soa
    return new_repo(tmp_path / "repo", files)


def _findings(root: Path, **settings: Any) -> list[Finding]:
    return run_lint(root, TODAY, **settings).findings


def test_a_complete_27001_soa_raises_nothing(tmp_path: Path) -> None:
    findings = _findings(_system(tmp_path, soa_27001()), **BOTH)
    assert [f for f in findings if f.path == SOA_27001 or f.rule in SOA_CODES] == []


def test_without_the_27001_soa_aims708_names_the_framework(tmp_path: Path) -> None:
    findings = [f for f in _findings(_system(tmp_path), **BOTH) if f.rule in SOA_CODES]
    assert [(f.rule, f.path, f.line) for f in findings] == [("AIMS708", "schemas/soa.schema.yaml", 1)]
    assert "for ISO/IEC 27001:2022" in findings[0].message and "93 Annex A controls" in findings[0].message


def test_a_27001_soa_when_27001_is_not_configured_is_one_warning(tmp_path: Path) -> None:
    findings = [f for f in _findings(_system(tmp_path, soa_27001())) if f.rule in SOA_CODES]
    assert [(f.rule, f.severity.value, f.path) for f in findings] == [("AIMS624", "warning", SOA_27001)]


def test_removing_a_27001_control_is_caught_like_the_42001_case(tmp_path: Path) -> None:
    text = soa_27001().replace(_entry_27001("A.5.7"), "")
    findings = [f for f in _findings(_system(tmp_path, text), **BOTH) if f.rule in SOA_CODES]
    assert [(f.rule, f.path) for f in findings] == [("AIMS701", SOA_27001)]
    assert findings[0].message.startswith("ISO/IEC 27001:2022 control A.5.7 (Threat intelligence) is missing")


def test_excluding_a_27001_control_without_justification_is_caught(tmp_path: Path) -> None:
    entry = _entry_27001("A.5.7")
    text = soa_27001().replace(entry, entry.replace(
        "    justification: The test organisation decided this control for the test only.\n",
        "    justification: null\n"))
    findings = [f for f in _findings(_system(tmp_path, text), **BOTH) if f.rule in SOA_CODES]
    assert [(f.rule, f.line) for f in findings] == [("AIMS703", _line(text, "control: A.5.7") + 3)]
    assert "excluded ISO/IEC 27001:2022 control A.5.7 has no justification" in findings[0].message


def test_a_shared_control_follows_its_42001_entry(tmp_path: Path) -> None:
    """Excluding the 42001 control an applicable 27001 entry shares is an error on its same_as, and
    the only finding on the 27001 SoA: its implementation is not checked twice."""
    files = complete_files()
    soa42 = files["policies/statement-of-applicability.md"]
    start = soa42.index("  - control: A.6.2.6\n")
    end = soa42.index("  - control:", start + 1)
    excluded = ("  - control: A.6.2.6\n    applicable: false\n    reasons: [not-relevant]\n"
                "    justification: We run no AI system in operation at the moment, so nothing to monitor.\n")
    root = _system(tmp_path, soa_27001())
    (root / "policies/statement-of-applicability.md").write_text(soa42[:start] + excluded + soa42[end:])
    findings = [f for f in _findings(root, **BOTH) if f.path == SOA_27001]
    assert [(f.rule, f.line) for f in findings] == [("AIMS622", _line(soa_27001(), "same_as: A.6.2.6"))]


def test_csv_export_of_the_27001_soa(tmp_path: Path) -> None:
    root = _system(tmp_path, soa_27001())
    out = tmp_path / "soa.csv"
    assert main(["soa", "export", "--framework", FW, "--format", "csv", "--out", str(out),
                 "--today", TODAY.isoformat(), "--root", str(root)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8"), newline="")))[1:]
    assert [r[0] for r in rows] == CONTROLS_27001
    by_id = {r[0]: r for r in rows}
    assert by_id["A.5.7"][1:3] == ["Threat intelligence", "no"]
    # The shared control carries the implementation of the 42001 entry it names.
    assert by_id["A.5.34"][2:] == [
        "yes", "risk-treatment", "The AI management system carries this control out already.",
        "implemented", "PRO-001", "ISO42001:A.7.2",
    ]
    assert by_id[OWN][-1] == "" and by_id["A.5.7"][-1] == ""  # same_as only where the entry names one


def test_xlsx_export_of_the_27001_soa_has_the_same_as_column(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    root = _system(tmp_path, soa_27001())
    out = tmp_path / "soa.xlsx"
    assert main(["soa", "export", "--framework", FW, "--format", "xlsx", "--out", str(out),
                 "--today", TODAY.isoformat(), "--root", str(root)]) == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "same_as"
    shared = {r[0]: r[-1] for r in rows[1:] if r[-1]}
    assert shared == {control: f"ISO42001:{same}" for control, same in SHARED.items()}


def test_oscal_export_of_the_27001_soa_validates(tmp_path: Path) -> None:
    from trestle.core.duplicates_validator import DuplicatesValidator
    from trestle.oscal.ssp import SystemSecurityPlan

    root = _system(tmp_path, soa_27001())
    out = tmp_path / "ssp.json"
    assert main(["soa", "export", "--framework", FW, "--format", "oscal", "--out", str(out),
                 "--today", TODAY.isoformat(), "--root", str(root)]) == 0
    plan = SystemSecurityPlan.oscal_read(out)
    assert isinstance(plan, SystemSecurityPlan)
    requirements = plan.control_implementation.implemented_requirements
    assert [r.control_id for r in requirements] == CONTROLS_27001
    assert "ISO/IEC 27001:2022" in plan.control_implementation.description
    assert DuplicatesValidator().model_is_valid(plan, True, None)
    ssp = json.loads(out.read_text(encoding="utf-8"))["system-security-plan"]
    assert "ISO/IEC 27001:2022, Annex A" in ssp["back-matter"]["resources"][0]["title"]
    same_as = {r["control-id"]: [p["value"] for p in r["props"] if p["name"] == "same-as"]
               for r in ssp["control-implementation"]["implemented-requirements"]}
    assert {c: v for c, v in same_as.items() if v} == {c: [f"ISO42001:{s}"] for c, s in SHARED.items()}


def test_export_of_a_missing_27001_soa_says_which(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _system(tmp_path)
    assert main(["soa", "export", "--framework", FW, "--format", "csv", "--root", str(root)]) == 1
    assert "no Statement of Applicability for ISO/IEC 27001:2022" in capsys.readouterr().err


def test_the_27001_skeleton_is_93_undecided_controls_and_nothing_else(tmp_path: Path) -> None:
    text = skeleton(FW).replace("{{ today }}", "2026-11-01").replace("{{ next_review }}", "2027-11-01")
    text = text.replace("{{ organisation }}", "Test organisation")
    assert text.count("  - control: ") == 93 and "  # A.8 Technological controls\n" in text
    found = [f for f in _findings(_system(tmp_path, text), **BOTH) if f.path == SOA_27001]
    # a draft SoA is a proposal: until it is approved, the 27001 SoA item is missing (AIMS876)
    assert {(f.rule, f.severity.value) for f in found} == {("AIMS704", "warning"), ("AIMS876", "error")}
    assert [f.message.split(": ")[0] for f in found if f.rule == "AIMS876"] == [
        "SOA-002 is draft, and no approved document provides what it stands for in ISO/IEC 27001:2022"]
    findings = [f for f in found if f.rule == "AIMS704"]
    assert len(findings) - 1 + findings[-1].omitted == 93  # 20 listed, then one summary of the rest


def _line(text: str, marker: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if marker in line)

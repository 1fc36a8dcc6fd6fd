"""Readiness with ISO/IEC 27001:2022 configured: a second certifiable framework beside ISO/IEC 42001.

The small complete system (tests/complete_aims.py) is made a complete ISMS too:
each document also cites the 27001 clauses it serves (`ISO27001:<clause>`),
an information security policy and a 27001 SoA (`framework: iso27001-2022`)
are added, the monitoring record shows the 27001 controls operating, the
audits cover 27001's clauses and controls, and the management review has
27001's two extra inputs. Tests then take one piece away, in a real
repository, and read the verdict and the 27001 entry.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from aims_lint.audit_scope import clause_units
from aims_lint.catalog import load_catalog
from aims_lint.cli import main
from aims_lint.config import load_settings
from aims_lint.readiness import Readiness, build_readiness, readiness_json, withhold
from aims_lint.stage1 import NO_AUDIT_CYCLE, SOA_NOT_APPROVED
from tests.complete_aims import CONFIG, TODAY, _controlled, complete_files
from tests.conftest import new_repo, run_lint

Capsys = pytest.CaptureFixture[str]
FW = "iso27001-2022"
SOA_27001 = "policies/soa-27001.md"
EXCLUDED_27001 = ("A.7.5", "A.7.11", "A.8.22")  # made-up exclusions of a small software company
AUDIT = "records/internal-audit.md"
PROGRAMME = "records/audit-programme.md"
REVIEW = "records/management-review.md"
MONITORING = "records/monitoring.md"


def _catalog_ids() -> tuple[list[str], list[str]]:
    catalog = load_catalog(FW)
    return [c.id for c in catalog.clauses], [c.id for c in catalog.controls]


def _mirrored(text: str) -> str:
    """A document that also cites each 27001 clause of the same number as its 42001 clauses."""
    clauses, _ = _catalog_ids()

    def more(match: re.Match[str]) -> str:
        listed = json.loads(match.group(1))
        extra = [f"ISO27001:{c}" for c in listed if c in clauses]
        return "clauses: " + json.dumps([*listed, *extra])

    return re.sub(r"^clauses: (\[.*\])$", more, text, count=1, flags=re.MULTILINE)


def _soa() -> str:
    _, controls = _catalog_ids()
    entries = ""
    for control in controls:
        if control in EXCLUDED_27001:
            entries += (f"  - control: {control}\n    applicable: false\n    reasons: [not-relevant]\n"
                        "    justification: Not relevant to how this small company works.\n")
        else:
            entries += (f"  - control: {control}\n    applicable: true\n    reasons: [risk-treatment]\n"
                        "    justification: Selected by our information security risk treatment.\n"
                        "    implementation: implemented\n    implemented_by: [POL-020]\n")
    text = _controlled("SOA-002", "soa", "Statement of Applicability (ISO/IEC 27001)",
                       '["ISO27001:6.1.3"]', "entries:\n" + entries)
    return text.replace("type: soa\n", f"type: soa\nframework: {FW}\n", 1)


def _applicable() -> list[str]:
    return [f"ISO27001:{c}" for c in _catalog_ids()[1] if c not in EXCLUDED_27001]


def _audited(text: str) -> str:
    """An audit record or programme that also claims 27001's clauses and applicable controls (and,
    for a report, states a result for each)."""
    clauses = ", ".join(f'"ISO27001:{c}"' for c in ("4", "5", "6", "7", "8", "9", "10"))
    text = text.replace('scope_clauses: ["4", "5", "6", "7", "8", "9", "10"]',
                        f'scope_clauses: ["4", "5", "6", "7", "8", "9", "10", {clauses}]')
    text = re.sub(r"^scope_controls: \[(.*)\]$",
                  lambda m: f"scope_controls: [{m.group(1)}, {', '.join(_applicable())}]", text,
                  count=1, flags=re.MULTILINE)
    if "\n## Findings\n" in text:
        units = [f"ISO27001:{u}" for u in clause_units(load_catalog(FW))]
        text += "".join(f"- {unit}: conforms.\n" for unit in (*units, *_applicable()))
    return text


def _isms_files(**changes: str | None) -> dict[str, str]:
    files = {rel: _mirrored(text) for rel, text in complete_files().items()}
    files["pyproject.toml"] = f'{CONFIG}frameworks = ["iso42001", "{FW}"]\n'
    files["policies/information-security.md"] = _controlled(
        "POL-020", "policy", "Information security policy", '["ISO27001:5.2", "ISO27001:7.5.1"]')
    files[SOA_27001] = _soa()
    files[MONITORING] = re.sub(r"^controls: \[(.*)\]$",
                               lambda m: f"controls: [{m.group(1)}, {', '.join(_applicable())}]",
                               files[MONITORING], count=1, flags=re.MULTILINE)
    files[AUDIT] = _audited(files[AUDIT])
    files[PROGRAMME] = _audited(files[PROGRAMME])
    files[REVIEW] = files[REVIEW].replace("9.3.2.e]", "9.3.2.e, ISO27001:9.3.2.e, ISO27001:9.3.2.f]")
    for rel, text in changes.items():
        if text is None:
            files.pop(rel)
        else:
            files[rel] = text
    return files


def _build(root: Path) -> Readiness:
    return build_readiness(run_lint(root, TODAY), load_settings(root))


def _entry(report: Readiness) -> dict[str, Any]:
    entry: dict[str, Any] = readiness_json(report)["frameworks"][FW]
    return entry


def test_a_complete_isms_is_ready_with_its_own_figures(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo", _isms_files())
    report = _build(root)
    assert (report.ready, report.blockers) == (True, ()), report.blockers
    entry = _entry(report)
    assert list(readiness_json(report)["frameworks"]) == ["iso42001", FW]
    assert (entry["standard"], entry["certifiable"], entry["ready"], entry["soa"]) == (
        "ISO/IEC 27001:2022", True, True, SOA_27001)
    summary = entry["summary"]
    assert summary["documented_information"] == {"total": 17, "present": 17, "percent": 100.0}
    assert summary["controls"] == {
        "total": 93, "included": 90, "covered": 90, "excluded": 3, "undecided": 0, "not_listed": 0,
        "decided_percent": 100.0, "implemented": 90, "partial": 0, "planned": 0, "not_implemented": 0,
        "implemented_percent": 100.0,
    }
    items = {(i["kind"], i["id"]): i for i in entry["items"]}
    # the SoA item is the 27001 SoA's, not the 42001 one's
    assert items[("documented-information", "isms-statement-of-applicability")]["documents"] == ["SOA-002"]
    assert items[("clause", "5.2")]["documents"] == ["POL-020"]
    # 6.1.3 is cited by the 27001 SoA and by the documents mirroring their 42001 citations
    assert "SOA-002" in items[("clause", "6.1.3")]["documents"]
    control = items[("control", "A.5.1")]
    assert (control["decision"], control["implementation"], control["counted_as"], control["documents"]) == (
        "included", "implemented", "implemented", ["POL-020", "REC-007"])
    assert control["operating"] == ["REC-007"]
    assert items[("control", "A.7.5")]["reason"] == "excluded in the SoA"
    covered = sum(1 for i in entry["items"] if i["kind"] == "clause" and i["covered"])
    assert summary["clauses"] == {"total": 41, "covered": covered, "percent": round(100 * covered / 41, 1)}


def test_without_a_27001_soa_the_system_is_not_ready(tmp_path: Path, capsys: Capsys) -> None:
    root = new_repo(tmp_path / "repo", _isms_files(**{SOA_27001: None}))
    report = _build(root)
    entry = _entry(report)
    assert (entry["soa"], entry["ready"], report.ready) == (None, False, False)
    soa_blockers = [b for b in entry["blockers"] if b["code"] == SOA_NOT_APPROVED]
    assert [(b["path"], b["line"]) for b in soa_blockers] == [(".", 1)]
    assert soa_blockers[0]["message"].startswith(
        "ISO/IEC 27001:2022: Statement of Applicability against ISO/IEC 27001:2022 Annex A "
        "(ISO27001:6.1.3) is not approved and free of errors: no document provides it")
    # the verdict counts the 27001 blocker; ISO/IEC 42001's entry has only the shared ones (here the
    # error finding that a configured certifiable framework lacks its SoA), not 27001's own
    assert soa_blockers[0]["message"] in {b.message for b in report.blockers}
    own_42001 = readiness_json(report)["frameworks"]["iso42001"]["blockers"]
    assert soa_blockers[0] not in own_42001
    assert {b["code"] for b in own_42001} <= {f.rule for f in run_lint(root, TODAY).findings}
    assert {i["decision"] for i in entry["items"] if i["kind"] == "control"} == {"not-listed"}
    capsys.readouterr()
    assert main(["readiness", "--root", str(root), "--today", TODAY.isoformat()]) == 1
    text = capsys.readouterr().out
    assert "\nISO/IEC 27001:2022 (iso27001-2022)\n" in text and "  SoA: none" in text
    day = ["--root", str(root), "--today", TODAY.isoformat()]
    # the missing SoA is also an error finding (AIMS708), which blocks every certifiable framework
    assert main(["readiness", *day, "--framework", "iso42001"]) == 1
    capsys.readouterr()
    assert main(["readiness", *day, "--framework", FW]) == 1


def test_a_draft_27001_soa_blocks_on_its_status_line(tmp_path: Path) -> None:
    draft = _soa().replace("status: approved", "status: draft")
    root = new_repo(tmp_path / "repo", _isms_files(**{SOA_27001: draft}))
    entry = _entry(_build(root))
    soa_blockers = [b for b in entry["blockers"] if b["code"] == SOA_NOT_APPROVED]
    assert [(b["path"], b["line"]) for b in soa_blockers] == [(SOA_27001, 6)]
    assert soa_blockers[0]["message"].endswith("only drafts: SOA-002")


def test_audits_that_skip_27001_block_through_the_audit_cycle(tmp_path: Path) -> None:
    # the audits of the complete 42001 system, without their 27001 claims
    files = _isms_files()
    plain = _mirrored(complete_files()[AUDIT])
    root = new_repo(tmp_path / "repo", {**files, AUDIT: plain})
    report = _build(root)
    cycle = [b for b in report.blockers if b.code == NO_AUDIT_CYCLE]
    assert len(cycle) == 1 and "ISO/IEC 27001:2022" in cycle[0].message
    assert not report.ready


def test_an_unconfigured_27001_never_blocks(tmp_path: Path) -> None:
    files = _isms_files(**{SOA_27001: None})
    files["pyproject.toml"] = CONFIG
    report = _build(new_repo(tmp_path / "repo", files))
    assert list(report.frameworks) == ["iso42001"] and report.ready, report.blockers


def test_a_shared_control_reads_its_implementation_from_the_42001_soa(tmp_path: Path) -> None:
    # A.5.34 (privacy) shares 42001's A.7.4: no implementation of its own, and no record lists
    # ISO27001:A.5.34; the 42001 entry's implementation and its operating record count
    soa = _soa()
    own = ("  - control: A.5.34\n    applicable: true\n    reasons: [risk-treatment]\n"
           "    justification: Selected by our information security risk treatment.\n"
           "    implementation: implemented\n    implemented_by: [POL-020]\n")
    shared = ("  - control: A.5.34\n    applicable: true\n    reasons: [legal-requirement]\n"
              "    justification: The AI management system protects personal data already.\n"
              "    same_as: A.7.4\n")
    assert own in soa
    files = _isms_files(**{SOA_27001: soa.replace(own, shared)})
    assert ", ISO27001:A.5.34," in files[MONITORING]
    files[MONITORING] = files[MONITORING].replace(", ISO27001:A.5.34,", ",")
    report = _build(new_repo(tmp_path / "repo", files))
    item = next(i for i in _entry(report)["items"] if i["kind"] == "control" and i["id"] == "A.5.34")
    assert (item["implementation"], item["counted_as"], item["covered"]) == (
        "implemented", "implemented", True)
    assert item["documents"] == ["PRO-001"]  # the 42001 SoA's implementing document for A.7.4
    assert item["operating"] == ["REC-007"]  # which lists A.7.4
    assert report.ready, report.blockers


def _implemented_by(soa: str, control: str, implementers: str) -> str:
    old = (f"  - control: {control}\n    applicable: true\n    reasons: [risk-treatment]\n"
           "    justification: Selected by our information security risk treatment.\n"
           "    implementation: implemented\n    implemented_by: [POL-020]\n")
    assert old in soa
    return soa.replace(old, old.replace("[POL-020]", f"[{implementers}]"))


def test_a_control_counts_as_implemented_only_when_its_implementers_are_approved_and_free_of_errors(
    tmp_path: Path,
) -> None:
    # The monitoring record shows every control operating, so before implementers were judged a
    # control whose only implementer was a draft counted as implemented.
    draft = _controlled("POL-021", "policy", "Access control policy", '["ISO27001:7.5.1"]').replace(
        "status: approved", "status: draft")
    erroring = _controlled("POL-022", "policy", "Supplier security policy", '["ISO27001:7.5.1"]').replace(
        "owner: aims-manager", "owner: nobody")
    soa = _implemented_by(_soa(), "A.5.15", "POL-021")
    soa = _implemented_by(soa, "A.5.19", "POL-022")
    soa = _implemented_by(soa, "A.5.23", "POL-020, POL-021")
    files = _isms_files(**{SOA_27001: soa, "policies/access.md": draft, "policies/suppliers.md": erroring})
    report = _build(new_repo(tmp_path / "repo", files))
    entry = _entry(report)
    items = {i["id"]: i for i in entry["items"] if i["kind"] == "control"}
    only_draft, only_erroring, mixed = items["A.5.15"], items["A.5.19"], items["A.5.23"]
    assert (only_draft["counted_as"], only_draft["unsupported"]) == (
        "not-implemented", [{"id": "POL-021", "problem": "is not approved (status: draft)"}])
    assert ("counted as not-implemented: the SoA says implemented, but no document in implemented_by is "
            "approved, in force and free of errors: POL-021 is not approved (status: draft)"
            ) in only_draft["reason"]
    assert only_erroring["counted_as"] == "not-implemented"
    assert [u["id"] for u in only_erroring["unsupported"]] == ["POL-022"]
    assert only_erroring["unsupported"][0]["problem"].startswith("has ")
    assert "(AIMS301)" in only_erroring["unsupported"][0]["problem"]
    assert "POL-022 has" in only_erroring["reason"]
    assert (mixed["counted_as"], [u["id"] for u in mixed["unsupported"]]) == ("partial", ["POL-021"])
    assert "counted as partial: the SoA says implemented, but not every document" in mixed["reason"]
    assert items["A.5.1"]["counted_as"] == "implemented" and items["A.5.1"]["unsupported"] == []
    controls = entry["summary"]["controls"]
    assert (controls["implemented"], controls["partial"], controls["not_implemented"]) == (87, 1, 2)
    # AIMS705 reports the draft implementers on the SoA, so the verdict agrees
    assert {f.rule for f in run_lint(new_repo(tmp_path / "again", files), TODAY).findings
            if f.path == SOA_27001} >= {"AIMS705"}
    assert not report.ready
    # a reader who may not see the draft learns that a document falls short, not which
    shown = withhold(report, lambda i: i == "POL-021")
    seen = {i.id: i for i in shown.frameworks[FW].items if i.kind == "control"}
    assert seen["A.5.15"].unsupported == () and "POL-021" not in seen["A.5.15"].reason
    assert "1 document(s) not published for this audience are not approved" in seen["A.5.15"].reason
    assert seen["A.5.15"].counted_as == "not-implemented"
    assert "POL-021" not in seen["A.5.23"].reason and "counted as partial" in seen["A.5.23"].reason


def test_the_27001_documented_information_table_shows_each_clause_and_title(
    tmp_path: Path, capsys: Capsys
) -> None:
    root = new_repo(tmp_path / "repo", _isms_files())
    capsys.readouterr()
    assert main(["readiness", "--root", str(root), "--today", TODAY.isoformat(), "--framework", FW]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("  Documented information") + 1
    table = lines[start:lines.index("", start)]
    expected = load_catalog(FW).documented_information
    assert [line[:15] for line in table] == [f"    [x] {i.clause:<6} " for i in expected]
    assert [line[15:].rpartition(": ")[0] for line in table] == [i.title for i in expected]
    assert "    [x] 4.3    Scope of the ISMS: POL-002" in table
    assert not any(i.id in line for i in expected for line in table)

"""Readiness per framework: the `frameworks` object, coverage of non-certifiable frameworks, --framework.

Each test starts from the small complete system (tests/complete_aims.py), ready
for a Stage 1 audit against ISO/IEC 42001, configures further frameworks in a
real repository and reads what the report says about each.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aims_lint.catalog import load_catalog
from aims_lint.cli import main
from aims_lint.config import load_settings
from aims_lint.readiness import Readiness, build_readiness, readiness_json, withhold
from tests.complete_aims import CONFIG, TODAY, complete_files
from tests.conftest import new_repo, run_lint

Capsys = pytest.CaptureFixture[str]
NIST = "nist-ai-rmf-1.0"
AI_ACT = "eu-ai-act"
RISK_PROCEDURE = "procedures/risk-assessment.md"
ENTRY_KEYS = {"standard", "certifiable", "ready", "soa", "summary", "items", "blockers"}
ITEM_KEYS = {"id", "title", "covered", "reason", "documents", "kind", "drafts", "errored", "decision",
             "implementation", "counted_as", "operating", "applies_from", "counted"}


def _config(*frameworks: str) -> str:
    listed = ", ".join(f'"{f}"' for f in ("iso42001", *frameworks))
    return f"{CONFIG}frameworks = [{listed}]\n"


def _cite(rel: str, *ids: str) -> str:
    """`rel` of the complete system with `ids` added to its `controls` (a line of its own if it has none)."""
    text = complete_files()[rel]
    head, sep, rest = text.partition("\ncontrols: [")
    if sep:
        return f"{head}{sep}{', '.join(ids)}, {rest}"
    return _with_controls(text, ids)


def _with_controls(text: str, ids: tuple[str, ...]) -> str:
    line = f"\nclassification: internal\ncontrols: [{', '.join(ids)}]\n"
    return text.replace("\nclassification: internal\n", line, 1)


def _draft(doc_id: str, *ids: str) -> str:
    """A draft procedure citing `ids`: work in progress, not evidence."""
    text = complete_files()["procedures/risk-treatment.md"]
    text = text.replace("id: PRO-002", f"id: {doc_id}").replace("status: approved", "status: draft")
    return _with_controls(text, ids)


def _repo(tmp_path: Path, **changes: str) -> Path:
    files = complete_files()
    files.update(changes)
    return new_repo(tmp_path / "repo", files)


def _build(root: Path, today: date = TODAY) -> Readiness:
    return build_readiness(run_lint(root, today), load_settings(root))


def _run(root: Path, capsys: Capsys, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["readiness", "--root", str(root), "--today", TODAY.isoformat(), *extra])
    return code, capsys.readouterr().out


def _get(item: dict[str, Any], *keys: str) -> tuple[Any, ...]:
    return tuple(item[k] for k in keys)


def _items(entry: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in entry["items"]}


def _nist_repo(tmp_path: Path) -> Path:
    return _repo(
        tmp_path,
        **{
            "pyproject.toml": _config(NIST),
            # two subcategories covered by an approved procedure; a category covers none of its own
            RISK_PROCEDURE: _cite(RISK_PROCEDURE, "NIST-AI-RMF:GOVERN-1.1", "NIST-AI-RMF:MAP-1.1",
                                  "NIST-AI-RMF:MANAGE-1"),
            "procedures/measurement.md": _draft("PRO-009", "NIST-AI-RMF:MEASURE-1.1"),
        },
    )


def test_nist_coverage_counts_subcategories_cited_by_approved_documents(tmp_path: Path) -> None:
    report = _build(_nist_repo(tmp_path))
    data = readiness_json(report)
    assert list(data["frameworks"]) == ["iso42001", NIST]
    nist = data["frameworks"][NIST]
    assert set(nist) == ENTRY_KEYS
    assert (nist["standard"], nist["certifiable"], nist["soa"], nist["blockers"]) == (
        load_catalog(NIST).title, False, None, [])
    assert nist["summary"] == {"items": {"total": 72, "covered": 2, "percent": 2.8, "not_yet_applicable": 0}}
    items = _items(nist)
    assert len(items) == 72 and {i["kind"] for i in nist["items"]} == {"subcategory"}
    assert all(set(i) == ITEM_KEYS for i in nist["items"])
    assert _get(items["GOVERN-1.1"], "covered", "documents", "reason") == (True, ["PRO-001"], "")
    assert items["MAP-1.1"]["covered"] is True
    # citing the category MANAGE-1 says nothing about which of its outcomes the document serves
    assert items["MANAGE-1.1"]["covered"] is False
    assert items["MANAGE-1.1"]["reason"] == "no document cites it (as NIST-AI-RMF:MANAGE-1.1 in controls)"
    assert _get(items["MEASURE-1.1"], "covered", "drafts", "reason") == (
        False, ["PRO-009"], "only drafts: PRO-009")
    # coverage is not a Stage 1 verdict: the framework is not covered, the system still ready
    assert (nist["ready"], data["ready"], data["blockers"]) == (False, True, [])


def test_an_approved_document_with_errors_does_not_cover(tmp_path: Path) -> None:
    root = _repo(tmp_path, **{
        "pyproject.toml": _config(NIST),
        RISK_PROCEDURE: _cite(RISK_PROCEDURE, "NIST-AI-RMF:GOVERN-1.1").replace(
            "owner: aims-manager", "owner: nobody"),
    })
    item = _items(readiness_json(_build(root))["frameworks"][NIST])["GOVERN-1.1"]
    assert (item["covered"], item["documents"], item["errored"]) == (
        False, ["PRO-001"], [{"id": "PRO-001", "errors": 1, "codes": ["AIMS301"]}])
    assert item["reason"] == "PRO-001 has 1 error (AIMS301)"


def test_ai_act_coverage_counts_the_obligations_the_catalog_models_from_their_day(tmp_path: Path) -> None:
    root = _repo(tmp_path, **{
        "pyproject.toml": _config(AI_ACT),
        RISK_PROCEDURE: _cite(RISK_PROCEDURE, "EU-AI-ACT:Art-4", "EU-AI-ACT:Art-9"),
    })
    catalog = load_catalog(AI_ACT)
    modelled = [i.id for i in catalog.of_kind("article") if i.documented_information or i.expected_evidence]
    entry = readiness_json(_build(root))["frameworks"][AI_ACT]
    assert [i["id"] for i in entry["items"]] == modelled and "Art-1" not in modelled  # not the definitions
    assert entry["summary"]["items"] == {
        "total": len(modelled), "covered": 2, "percent": round(200 / len(modelled), 1),
        "not_yet_applicable": 0,
    }
    # before the high-risk articles apply, only what already applies is counted
    art4 = catalog.get("Art-4")
    art9 = catalog.get("Art-9")
    assert art4 is not None and art9 is not None and art4.applies_from and art9.applies_from
    early = art9.applies_from.replace(day=1)
    assert art4.applies_from < early
    entry = readiness_json(_build(root, early))["frameworks"][AI_ACT]
    counted = [i["id"] for i in entry["items"] if i["counted"]]
    assert "Art-4" in counted and "Art-9" not in counted
    assert entry["summary"]["items"]["total"] == len(counted)
    assert entry["summary"]["items"]["not_yet_applicable"] == len(modelled) - len(counted)
    art9_item = _items(entry)["Art-9"]
    assert art9_item["covered"] is True and art9_item["applies_from"] == art9.applies_from.isoformat()
    art10 = _items(entry)["Art-10"]
    assert art10["reason"].startswith(f"applies from {art10['applies_from']}, not counted before; no doc")


def test_framework_option_reports_one_framework(tmp_path: Path, capsys: Capsys) -> None:
    root = _nist_repo(tmp_path)
    code, out = _run(root, capsys, "--framework", NIST, "--format", "json")
    data = json.loads(out)
    assert code == 1  # not every subcategory is covered
    assert set(data) == {*ENTRY_KEYS, "framework", "today", "findings"}
    assert (data["framework"], data["today"]) == (NIST, TODAY.isoformat())
    assert data["summary"]["items"]["covered"] == 2
    code, text = _run(root, capsys, "--framework", NIST)
    assert code == 1
    assert text.startswith(f"Readiness against {load_catalog(NIST).title}, as of {TODAY}\n")
    assert "NOT COVERED: 2 of 72 item(s) addressed (2.8%)" in text
    assert "    [x] GOVERN-1.1" in text and "ISO/IEC 42001" not in text
    code, markdown = _run(root, capsys, "--framework", NIST, "--format", "markdown")
    assert code == 1 and "| **no** | MANAGE-1.1 |" in markdown
    # ISO/IEC 42001 alone: its own report, ready, without the NIST section
    code, text = _run(root, capsys, "--framework", "iso42001")
    assert code == 0 and "READY for a Stage 1 audit" in text and "NIST" not in text
    code, out = _run(root, capsys, "--framework", "iso42001", "--format", "json")
    assert code == 0 and json.loads(out)["certifiable"] is True
    # the default report: 42001's, then a section per further framework
    code, text = _run(root, capsys)
    assert code == 0 and f"\n{load_catalog(NIST).title} ({NIST})\n" in text


def test_an_unknown_or_unconfigured_framework_is_a_usage_error(tmp_path: Path, capsys: Capsys) -> None:
    root = _repo(tmp_path, **{"pyproject.toml": _config(NIST)})
    capsys.readouterr()
    assert main(["readiness", "--root", str(root), "--framework", AI_ACT]) == 2
    err = capsys.readouterr().err
    assert f"--framework {AI_ACT} is not configured" in err and f"iso42001, {NIST}" in err
    assert main(["readiness", "--root", str(root), "--framework", "nist"]) == 2
    err = capsys.readouterr().err
    assert "--framework nist: unknown framework" in err and f"iso42001, {NIST}" in err


def test_an_unconfigured_framework_is_not_reported(tmp_path: Path) -> None:
    # a document may cite NIST without the framework configured: nothing to report on, nothing blocks
    root = _repo(tmp_path, **{RISK_PROCEDURE: _cite(RISK_PROCEDURE, "NIST-AI-RMF:GOVERN-1.1")})
    report = _build(root)
    assert list(report.frameworks) == ["iso42001"] and report.ready


def test_withheld_documents_leave_the_framework_items(tmp_path: Path) -> None:
    report = _build(_nist_repo(tmp_path))
    shown = withhold(report, lambda name: name in {"PRO-001", "PRO-009"})
    items = {i.id: i for i in shown.frameworks[NIST].items}
    # still covered (counted for the whole system), but the reader does not see by what
    assert (items["GOVERN-1.1"].covered, items["GOVERN-1.1"].documents) == (True, ())
    assert (items["MEASURE-1.1"].drafts, items["MEASURE-1.1"].reason) == (
        (), "only drafts: 1 not published for this audience")
    assert shown.frameworks[NIST].summary == report.frameworks[NIST].summary

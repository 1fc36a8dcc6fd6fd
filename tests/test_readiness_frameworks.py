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
ENTRY_KEYS = {"standard", "certifiable", "ready", "soa", "summary", "items", "blockers", "upcoming", "cited",
              "note"}
ITEM_KEYS = {"id", "title", "covered", "reason", "documents", "kind", "drafts", "errored", "decision",
             "implementation", "counted_as", "operating", "applies_from", "counted", "article", "systems",
             "unsupported", "clause", "recommended"}


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


SYSTEM = "records/ai-system-chat.md"
IMPACT = "records/impact-assessment.md"
TRAINING = "records/training.md"
LIMITED_PROVIDER = ("ai_act_roles: [provider]", "ai_act_class: limited-risk")


def _classified(*fields: str, text: str | None = None) -> str:
    """The chat assistant's inventory record (REC-010, in operation) with AI Act `fields` added."""
    text = complete_files()[SYSTEM] if text is None else text
    return text.replace("lifecycle_stage: operation\n", "lifecycle_stage: operation\n" + "".join(
        f"{f}\n" for f in fields), 1)


def _ai_act_repo(tmp_path: Path, **changes: str) -> Path:
    """A limited-risk system's provider: AI literacy met by the training record, Art. 9 cited by
    the risk procedure; the transparency measure (Art. 50) only where `changes` add it."""
    return _repo(tmp_path, **{
        "pyproject.toml": _config(AI_ACT),
        SYSTEM: _classified(*LIMITED_PROVIDER),
        TRAINING: _cite(TRAINING, "EU-AI-ACT:Art-4"),
        RISK_PROCEDURE: _cite(RISK_PROCEDURE, "EU-AI-ACT:Art-9"),
        **changes,
    })


def test_ai_act_counts_the_duties_that_apply_to_the_systems(tmp_path: Path) -> None:
    data = readiness_json(_build(_ai_act_repo(tmp_path)))
    entry = data["frameworks"][AI_ACT]
    assert set(entry) == ENTRY_KEYS and all(set(i) == ITEM_KEYS for i in entry["items"])
    # a provider of a limited-risk system owes AI literacy and its transparency measure, nothing else:
    # no importer's or deployer's duty, no high-risk requirement
    items = _items(entry)
    assert list(items) == ["Art-4", "Art-50/REC-010"]
    # AI literacy is listed but not counted: its rule (AIMS1113) only recommends evidence
    assert _get(items["Art-4"], "kind", "article", "systems", "covered", "documents", "counted",
                "recommended") == ("obligation", "Art-4", ["REC-010"], True, ["REC-005"], False, True)
    art50 = items["Art-50/REC-010"]
    article = load_catalog(AI_ACT).get("Art-50")
    assert article is not None and article.applies_from is not None
    assert _get(art50, "article", "systems", "covered", "documents", "applies_from") == (
        "Art-50", ["REC-010"], False, [], article.applies_from.isoformat())
    assert art50["title"] == ("Art. 50 transparency measure: the AI system REC-010 (Support chat assistant) "
                              "is limited-risk and has the provider role")
    assert art50["reason"] == (
        "no approved procedure or record of kind communication-plan, impact-assessment or other in force "
        "cites EU-AI-ACT:Art-50 and names REC-010 (assesses or related)")
    assert entry["summary"] == {
        "items": {"total": 1, "covered": 0, "percent": 0.0, "not_yet_applicable": 0, "recommended": 1},
        "systems": {"inventory": 1, "classified": 1, "in_use": 1},
    }
    # an article cited that brings this organisation no duty is shown, not counted
    assert [_get(i, "id", "kind", "covered", "documents", "counted") for i in entry["cited"]] == [
        ("Art-9", "article", True, ["PRO-001"], False)]
    assert (entry["upcoming"], entry["note"], entry["ready"]) == ([], "", False)
    # the rule that owns the duty reports the same gap, and its error blocks the system as any error does
    assert [b["code"] for b in data["blockers"]] == ["AIMS1112"]


@pytest.mark.parametrize(("change", "covered", "reason"), [
    ("", True, ""),
    ("status: approved\n", False, "only drafts: REC-006"),
    ("owner: aims-manager\n", False, "REC-006 has 1 error (AIMS301)"),
])
def test_the_transparency_measure_counts_when_approved_and_free_of_errors(
    tmp_path: Path, change: str, covered: bool, reason: str
) -> None:
    # the system's impact assessment (it assesses REC-010) says how people are told they talk to an AI
    record = _cite(IMPACT, "EU-AI-ACT:Art-50")
    if change:
        record = record.replace(change, {"status: approved\n": "status: draft\n",
                                         "owner: aims-manager\n": "owner: nobody\n"}[change], 1)
    entry = readiness_json(_build(_ai_act_repo(tmp_path, **{IMPACT: record})))["frameworks"][AI_ACT]
    art50 = _items(entry)["Art-50/REC-010"]
    assert (art50["covered"], art50["reason"]) == (covered, reason)
    assert entry["ready"] is covered and entry["summary"]["items"]["covered"] == covered
    assert "Art-50" not in [i["id"] for i in entry["cited"]]


def test_a_duty_not_yet_in_force_is_listed_as_upcoming(tmp_path: Path) -> None:
    # a second system, high-risk under Annex III: its provider's duties apply from the point's day
    screening = _classified("ai_act_roles: [provider]", "ai_act_class: high-risk",
                            "ai_act_basis: annex-iii:4(a)", text=complete_files()[SYSTEM].replace(
                                "REC-010", "REC-013").replace("Support chat assistant", "CV screening"))
    root = _ai_act_repo(tmp_path, **{"records/ai-system-screening.md": screening})
    point = load_catalog(AI_ACT).get("Annex-III-4(a)")
    assert point is not None and point.applies_from is not None and point.applies_from > TODAY
    day = point.applies_from
    entry = readiness_json(_build(root))["frameworks"][AI_ACT]
    assert list(_items(entry)) == ["Art-4", "Art-50/REC-010"]
    assert _items(entry)["Art-4"]["systems"] == ["REC-010", "REC-013"]
    upcoming = {i["id"]: i for i in entry["upcoming"]}
    assert list(upcoming) == ["Art-11/REC-013", "Art-12/REC-013", "Art-17", "Art-43/REC-013",
                              "Art-47/REC-013", "Art-49/REC-013", "Art-72/REC-013", "Art-73"]
    assert {(i["applies_from"], i["counted"]) for i in entry["upcoming"]} == {(day.isoformat(), False)}
    assert upcoming["Art-17"]["systems"] == ["REC-013"]
    assert upcoming["Art-17"]["reason"] == (f"applies from {day}, not counted before; no approved policy "
                                            "or procedure in force cites EU-AI-ACT:Art-17")
    assert entry["summary"]["items"] == {"total": 1, "covered": 0, "percent": 0.0, "not_yet_applicable": 8,
                                         "recommended": 1}
    # from that day on they are counted
    later = readiness_json(_build(root, day))["frameworks"][AI_ACT]
    assert set(upcoming) < set(_items(later)) and later["upcoming"] == []


def test_ai_literacy_is_recommended_so_it_never_blocks_coverage(tmp_path: Path, capsys: Capsys) -> None:
    # lint only warns (AIMS1113) when no document shows the AI literacy measures, so readiness lists
    # the duty, marked recommended, and the entry is covered by the one duty that is required
    root = _ai_act_repo(tmp_path, **{TRAINING: complete_files()[TRAINING],
                                     IMPACT: _cite(IMPACT, "EU-AI-ACT:Art-50")})
    data = readiness_json(_build(root))
    entry = data["frameworks"][AI_ACT]
    art4 = _items(entry)["Art-4"]
    assert _get(art4, "covered", "counted", "recommended") == (False, False, True)
    assert entry["ready"] is True and entry["summary"]["items"]["total"] == 1
    assert "AIMS1113" in data["findings"]["by_rule"] and not data["blockers"]
    code, text = _run(root, capsys, "--framework", AI_ACT)
    assert code == 0 and "    [ ] Art-4" in text and "RECOMMENDED (not counted): no approved" in text


def test_an_upcoming_duty_reads_upcoming_not_not_covered(tmp_path: Path, capsys: Capsys) -> None:
    screening = _classified("ai_act_roles: [provider]", "ai_act_class: high-risk",
                            "ai_act_basis: annex-iii:4(a)", text=complete_files()[SYSTEM].replace(
                                "REC-010", "REC-013").replace("Support chat assistant", "CV screening"))
    root = _ai_act_repo(tmp_path, **{"records/ai-system-screening.md": screening})
    point = load_catalog(AI_ACT).get("Annex-III-4(a)")
    assert point is not None and point.applies_from is not None
    code, text = _run(root, capsys, "--framework", AI_ACT)
    assert code == 1  # Art-50 is due and not met
    assert f"UPCOMING (applies from {point.applies_from}): no approved policy or procedure in force " \
           "cites EU-AI-ACT:Art-17" in text
    assert "NOT COVERED: applies from" not in text
    # the JSON keeps its reason as it was
    code, out = _run(root, capsys, "--framework", AI_ACT, "--format", "json")
    assert code == 1
    assert {i["id"]: i["reason"] for i in json.loads(out)["upcoming"]}["Art-17"].startswith(
        f"applies from {point.applies_from}, not counted before; ")


def test_no_ai_system_with_ai_act_fields_counts_nothing_and_says_so(tmp_path: Path, capsys: Capsys) -> None:
    root = _repo(tmp_path, **{"pyproject.toml": _config(AI_ACT),
                              RISK_PROCEDURE: _cite(RISK_PROCEDURE, "EU-AI-ACT:Art-9")})
    data = readiness_json(_build(root))
    entry = data["frameworks"][AI_ACT]
    assert (entry["items"], entry["upcoming"], entry["ready"], data["ready"]) == ([], [], False, True)
    assert entry["summary"] == {
        "items": {"total": 0, "covered": 0, "percent": 0.0, "not_yet_applicable": 0, "recommended": 0},
        "systems": {"inventory": 1, "classified": 0, "in_use": 0},
    }
    assert entry["note"].startswith("no AI system declares its ai_act_roles and ai_act_class (AIMS1102)")
    assert [i["id"] for i in entry["cited"]] == ["Art-9"]
    code, text = _run(root, capsys, "--framework", AI_ACT)
    assert code == 1 and "  NOT COVERED: no item counted\n" in text
    assert "  Note: no AI system declares" in text and "    (none)" in text and "    [x] Art-9" in text
    code, markdown = _run(root, capsys, "--framework", AI_ACT, "--format", "markdown")
    assert code == 1 and "- Note&#58; no AI system declares" in markdown


def test_a_withheld_system_leaves_its_duties(tmp_path: Path) -> None:
    report = _build(_ai_act_repo(tmp_path))
    shown = {i.id: i for i in withhold(report, lambda name: name == "REC-010").frameworks[AI_ACT].items}
    assert list(shown) == ["Art-4", "Art-50/withheld"]
    art50 = shown["Art-50/withheld"]
    assert (art50.title, art50.systems, art50.article) == (
        "Art. 50 transparency measure: an AI system not published for this audience", (), "Art-50")
    assert "REC-010" not in art50.reason and shown["Art-4"].systems == ()


def test_the_example_counts_only_the_duties_fennwick_has() -> None:
    root = Path(__file__).resolve().parents[1]
    day = date(2026, 12, 2)
    entry = build_readiness(run_lint(root, day), load_settings(root)).frameworks[AI_ACT]
    # a provider and deployer of a limited-risk assistant and a deployer of a minimal one: AI literacy
    # and one transparency measure; no importer, distributor or high-risk deployer duty
    assert [(i.id, i.covered) for i in entry.items] == [("Art-4", True), ("Art-50/REC-022", True)]
    assert entry.ready
    # the medical-device classifier's provider duties wait for the Annex I day
    assert entry.upcoming and {i.systems for i in entry.upcoming} == {("REC-020",)}
    assert "REC-021 not in use yet" in entry.note


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
    assert "--framework nist: unknown framework 'nist'; did you mean 'nist-ai-rmf-1.0'? known: " in err


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

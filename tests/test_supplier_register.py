"""The supplier register (`record_kind: supplier`) and the AI systems' `suppliers` links to it.

Real repositories built from the project's schemas; every date-dependent check
runs with a fixed `today`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from tests.conftest import new_repo, run_lint

PROJECT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 12, 2)


def _supplier(doc_id: str = "REC-060", status: str = "approved", **fields: str) -> str:
    values = {
        "next_review": "2027-06-01",
        "models": '[{id: chatco-large, version: "3.1"}]',
        "assessments": "[REC-050]",
        "data_shared": "customer questions from the help portal",
        **fields,
    }
    extra = "".join(f"{k}: {v}\n" for k, v in values.items() if v != "")
    return f"""---
id: {doc_id}
title: "Supplier register: Chatco Ltd"
type: record
record_kind: supplier
status: {status}
owner: aims-manager
approver: aims-manager
approved_on: 2026-05-01
event_date: 2026-05-01
retention_years: 5
classification: internal
clauses: ["8.1"]
supplier: Chatco Ltd
supplies: a hosted chat model
{extra}---
Halden AI hosts the chat model behind the support assistant. The entry says which models it
supplies, which data leaves Fennwick for it, and which assessments judged it, so that the
procurement lead can see at a glance what depends on this supplier and when to look again.
"""


ASSESSMENT = """---
id: REC-050
title: Supplier assessment of Chatco
type: record
record_kind: supplier-assessment
status: approved
owner: aims-manager
approver: aims-manager
approved_on: 2026-05-01
event_date: 2026-05-01
retention_years: 5
classification: internal
clauses: ["8.1"]
---
Body.
"""


def _findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, int, str]]:
    """The findings on the files given (the base repository has no SoA or history: not this test's)."""
    root = tmp_path / f"repo{len(list(tmp_path.iterdir()))}"  # a test may build more than one
    result = run_lint(new_repo(root, {"records/assessment.md": ASSESSMENT, **files}), TODAY)
    return [(f.rule, f.path, f.line, f.message) for f in result.findings if f.path in files]


def test_a_complete_supplier_entry_passes(tmp_path: Path) -> None:
    assert _findings(tmp_path, {"records/supplier.md": _supplier()}) == []


def test_every_field_is_required(tmp_path: Path) -> None:
    found = _findings(tmp_path, {"records/supplier.md": _supplier(data_shared="", assessments="")})
    missing = sorted(message for rule, _, _, message in found if rule == "AIMS101")
    assert len(missing) == 2
    assert "assessments" in missing[0] and "data_shared" in missing[1]


def test_a_model_without_a_version_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    found = _findings(tmp_path, {"records/supplier.md": _supplier(models="[{id: chatco-large}]")})
    assert [(rule, line) for rule, _, line, _ in found] == [("AIMS101", 17)]
    found = _findings(tmp_path, {"records/supplier.md": _supplier(models="chatco-large 3.1")})
    assert [rule for rule, _, _, _ in found] == ["AIMS102"]


def test_a_passed_next_review_is_overdue(tmp_path: Path) -> None:
    found = _findings(tmp_path, {"records/supplier.md": _supplier(next_review="2026-11-01")})
    assert [(rule, line) for rule, _, line, _ in found] == [("AIMS401", 16)]
    assert "31 days overdue" in found[0][3]


def test_a_system_naming_a_superseded_supplier_entry_is_a_retired_reference(tmp_path: Path) -> None:
    system = (PROJECT / "records/ai-system-support-assistant.md").read_text(encoding="utf-8")
    system = system.replace("related: [POL-008, POL-010, REC-032, REC-042, REC-050]", "related: [REC-050]")
    found = _findings(tmp_path, {
        "records/supplier.md": _supplier(status="superseded"),
        "records/ai-system-support.md": system,
    })
    retired = [(rule, path, message) for rule, path, _, message in found if rule == "AIMS502"]
    assert retired == [("AIMS502", "records/ai-system-support.md",
                        "suppliers entry REC-060 is superseded; cite its successor instead")]


def _front(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    data: dict[str, object] = yaml.safe_load(text.split("---\n")[1])
    return data


def test_the_examples_supplied_systems_name_their_register_entries_and_those_their_assessments() -> None:
    docs = {d["id"]: d for d in (_front(p) for p in sorted((PROJECT / "records").glob("*.md")))}
    supplied = [d for d in docs.values() if d.get("record_kind") == "ai-system"
                and d.get("sourcing") in ("supplier", "hybrid") and d.get("in_scope") is True]
    assert supplied
    for system in supplied:
        entries = system.get("suppliers")
        assert isinstance(entries, list) and entries, system["id"]
        for entry in entries:
            supplier = docs[entry]
            assert supplier["record_kind"] == "supplier"
            assert supplier["supplier"] == system["supplier"]  # the free text agrees with the register
            assessments = supplier["assessments"]
            assert isinstance(assessments, list)
            assesses = [docs[a].get("assesses") for a in assessments]
            assert any(isinstance(v, list) and system["id"] in v for v in assesses), (system["id"], entry)

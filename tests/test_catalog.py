"""The packaged ISO/IEC 42001 catalog, and the checks built on it, end to end through the CLI.

The second half proves issue 3's "done when" on a complete repository: removing
a control from the SoA, duplicating one, citing A.6.1.1 or A.11.2, or deleting
an excluded control's justification each fails `aims-lint check` with a
finding on the right file and line.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from aims_lint.catalog import covers, load_catalog, suggest
from aims_lint.cli import main
from aims_lint.schemas import load_schemas
from tests.complete_aims import EXCLUDED, SOA_PATH, TODAY, complete_files
from tests.conftest import PROJECT, new_repo

OBJECTIVES = [f"A.{n}" for n in range(2, 11)]
CONTROLS_PER_OBJECTIVE = {
    "A.2": 3, "A.3": 2, "A.4": 5, "A.5": 4, "A.6.1": 2, "A.6.2": 7, "A.7": 5, "A.8": 4, "A.9": 3, "A.10": 3,
}
CLAUSES = [
    "4", "4.1", "4.2", "4.3", "4.4", "5", "5.1", "5.2", "5.3",
    "6", "6.1", "6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.2", "6.3",
    "7", "7.1", "7.2", "7.3", "7.4", "7.5", "7.5.1", "7.5.2", "7.5.3",
    "8", "8.1", "8.2", "8.3", "8.4",
    "9", "9.1", "9.2", "9.2.1", "9.2.2", "9.3", "9.3.1", "9.3.2", "9.3.3",
    "10", "10.1", "10.2",
]


# --- the catalog -------------------------------------------------------------------------------

def test_exactly_38_controls_all_in_objectives_a2_to_a10() -> None:
    controls = load_catalog().controls
    assert len(controls) == 38
    assert len({c.id for c in controls}) == 38
    for control in controls:
        top = ".".join(control.id.split(".")[:2])
        assert top in OBJECTIVES, control.id
        assert control.parent is not None and control.id.startswith(control.parent + "."), control.id
        assert control.id.rsplit(".", 1)[1] != "1", f"{control.id}: x.1 is an objective statement"
    assert Counter(c.parent for c in controls) == CONTROLS_PER_OBJECTIVE


def test_objectives_are_a2_to_a10_with_a6_sub_objectives() -> None:
    catalog = load_catalog()
    assert [o.id for o in catalog.objectives if o.parent is None] == OBJECTIVES
    assert [(o.id, o.parent) for o in catalog.objectives if o.parent] == [("A.6.1", "A.6"), ("A.6.2", "A.6")]


def test_every_clause_of_4_to_10_is_listed_once_in_order() -> None:
    catalog = load_catalog()
    assert [c.id for c in catalog.clauses] == CLAUSES
    assert [c.id for c in catalog.top_clauses] == ["4", "5", "6", "7", "8", "9", "10"]
    for clause in catalog.clauses:
        assert clause.title and clause.description, clause.id
        assert clause.parent is None or catalog.clause(clause.parent) is not None, clause.id


@pytest.mark.parametrize("wrong", ["A.1", "A.1.2", "A.11", "A.11.2", "A.6.1.1", "A.2.1", "A.6.1", "3", "11"])
def test_ids_that_do_not_exist(wrong: str) -> None:
    catalog = load_catalog()
    assert catalog.control(wrong) is None
    assert catalog.clause(wrong) is None


def test_documented_information_refers_to_real_types_and_record_kinds() -> None:
    # Every kind there is: the common schema's enum (which lists the kinds that have
    # a schema of their own too, once loaded) and the kinds' own files.
    schemas = load_schemas(PROJECT, "schemas")
    kinds = set(schemas.by_type["record"].field_schema("record_kind")["enum"]) | set(schemas.kinds["record"])
    items = load_catalog().documented_information
    assert len(items) == len({i.id for i in items}) == 19
    for item in items:
        assert set(item.expected_types) <= {"policy", "procedure", "record", "soa", "roles"}, item.id
        assert set(item.expected_record_kinds) <= kinds, item.id
        assert not item.expected_record_kinds or "record" in item.expected_types, item.id
    required = {i.clause for i in items}
    assert {"4.3", "5.2", "6.1.2", "6.1.3", "6.1.4", "6.2", "7.2", "8.1", "8.2", "8.3", "8.4",
            "9.1", "9.2.2", "9.3.3", "10.2"} <= required


@pytest.mark.parametrize(("wrong", "meant"), [
    ("A.6.1.1", "A.6.1.2"), ("A.2.1", "A.2.2"), ("A.10.1", "A.10.2"), ("A.6.1", "A.6.1.2"),
    ("A.6.5", "A.6.2.5"), ("A.7.7", "A.7.6"), ("A.11.2", None), ("A.1.2", None), ("A.6", None),
    ("6.1.5", "6.1.4"), ("4.3.1", "4.3"), ("9.2.3", "9.2.2"), ("11", "10"), ("nonsense", None),
])
def test_did_you_mean(wrong: str, meant: str | None) -> None:
    assert suggest(wrong) == meant


def test_sub_clauses_cover_their_parents_only() -> None:
    assert covers("9.2.2", "9") and covers("9.2.2", "9.2") and covers("9.2.2", "9.2.2")
    assert not covers("9", "9.2.2") and not covers("10.1", "1") and not covers("6.1", "6.1.2")


def test_catalog_is_parsed_once_and_not_at_import() -> None:
    assert load_catalog() is load_catalog()
    code = (
        "import aims_lint.cli, aims_lint.rules, aims_lint.engine\n"
        "from aims_lint.catalog import parsed\n"
        "print(parsed.cache_info().currsize)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT, check=True
    )
    assert run.stdout.strip() == "0"


# --- done when: the checks fail on the right file and line ---------------------------------------

def _run(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]]]:
    code = main(["check", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["findings"]


def _check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]]]:
    code, findings = _run(root, capsys)
    return code, [f for f in findings if f["severity"] == "error"]


def _line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if fragment in line)


def _at(findings: list[dict[str, Any]], rule: str) -> list[tuple[str, int]]:
    return [(f["path"], f["line"]) for f in findings if f["rule"] == rule]


def test_complete_repository_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, errors = _check(new_repo(tmp_path / "repo", complete_files()), capsys)
    assert (code, errors) == (0, [])


def test_removing_a_control_from_the_soa_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = complete_files()
    soa = files[SOA_PATH]
    start = soa.index("  - control: A.5.2\n")
    files[SOA_PATH] = soa[:start] + soa[soa.index("  - control: A.5.3\n"):]
    code, errors = _check(new_repo(tmp_path / "repo", files), capsys)
    assert code == 1
    assert _at(errors, "AIMS701") == [(SOA_PATH, _line_of(soa, "entries:"))]
    assert "A.5.2" in errors[0]["message"]


def test_duplicating_a_control_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = complete_files()
    soa = files[SOA_PATH]
    files[SOA_PATH] = soa.replace("  - control: A.7.5\n", "  - control: A.7.4\n")
    code, errors = _check(new_repo(tmp_path / "repo", files), capsys)
    assert code == 1
    assert _at(errors, "AIMS702") == [(SOA_PATH, _line_of(soa, "control: A.7.5"))]


@pytest.mark.parametrize("wrong", ["A.6.1.1", "A.11.2"])
def test_citing_a_control_that_does_not_exist_fails(
    wrong: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = complete_files()
    path = "procedures/risk-assessment.md"
    files[path] = files[path].replace("controls: [A.6.1.2]", f"controls: [A.6.1.2, {wrong}]")
    code, errors = _check(new_repo(tmp_path / "repo", files), capsys)
    assert code == 1
    assert _at(errors, "AIMS602") == [(path, _line_of(files[path], "controls:"))]


def test_citing_a_wrong_control_in_the_soa_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = complete_files()
    files[SOA_PATH] = files[SOA_PATH].replace("control: A.6.1.2\n", "control: A.6.1.1\n")
    code, errors = _check(new_repo(tmp_path / "repo", files), capsys)
    assert code == 1
    line = _line_of(files[SOA_PATH], "control: A.6.1.1")
    assert _at(errors, "AIMS602") == [(SOA_PATH, line)]
    assert "did you mean 'A.6.1.2'" in next(f["message"] for f in errors if f["rule"] == "AIMS602")


def test_citing_a_clause_that_does_not_exist_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = complete_files()
    path = "procedures/risk-treatment.md"
    files[path] = files[path].replace('clauses: ["6.1.3"]', 'clauses: ["6.1.3", "6.1.5"]')
    code, errors = _check(new_repo(tmp_path / "repo", files), capsys)
    assert code == 1
    assert _at(errors, "AIMS601") == [(path, _line_of(files[path], "clauses:"))]


def test_deleting_an_excluded_controls_justification_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = complete_files()
    soa = files[SOA_PATH]
    control = EXCLUDED[1]
    entry = soa.index(f"  - control: {control}\n")
    cut = soa.index("    justification:", entry)
    files[SOA_PATH] = soa[:cut] + soa[soa.index("\n", cut) + 1:]
    code, errors = _check(new_repo(tmp_path / "repo", files), capsys)
    assert code == 1
    assert _at(errors, "AIMS703") == [(SOA_PATH, _line_of(soa, f"control: {control}"))]


def _entry_text(soa: str, control: str) -> str:
    """The lines of one SoA entry, from its `- control:` line to the next entry."""
    head = f"  - control: {control}\n"
    return head + soa.partition(head)[2].partition("  - control:")[0]


def test_undecided_and_planned_controls_only_warn_in_a_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = complete_files()
    soa = files[SOA_PATH].replace("status: approved", "status: draft", 1)
    undecided, planned = _entry_text(soa, "A.9.4"), _entry_text(soa, "A.9.3")
    soa = soa.replace(undecided, undecided.replace("applicable: true", "applicable: null"))
    soa = soa.replace(planned, planned.replace("implemented\n", "planned\n").replace("[PRO-001]", "[]"))
    files[SOA_PATH] = soa
    # Nothing addresses the planned control: not even the record of it operating.
    files["records/monitoring.md"] = files["records/monitoring.md"].replace("A.9.3, ", "")
    code, findings = _run(new_repo(tmp_path / "draft", files), capsys)
    # the one error: a draft is not yet the SoA the standard requires (AIMS876)
    assert code == 1
    assert [(f["rule"], f["path"]) for f in findings if f["severity"] == "error"] == [("AIMS876", SOA_PATH)]
    wanted = {"AIMS704", "AIMS707"}
    soa_rules = [(f["rule"], f["severity"], f["line"]) for f in findings if f["rule"] in wanted]
    assert soa_rules == [
        ("AIMS707", "warning", _line_of(soa, "control: A.9.3")),
        ("AIMS704", "warning", _line_of(soa, "control: A.9.4") + 1),
    ]
    files[SOA_PATH] = soa.replace("status: draft", "status: approved", 1)
    code, findings = _run(new_repo(tmp_path / "approved", files), capsys)
    assert code == 1
    assert [f["severity"] for f in findings if f["rule"] == "AIMS704"] == ["error"]


MALFORMED = {
    SOA_PATH: """---
id: SOA-001
title: Statement of Applicability
type: soa
status: [approved]
version: "1.0"
owner: aims-manager
approver: top-management
classification: internal
last_reviewed: 2026-03-02
next_review: 2027-03-02
clauses: 6.1.3
controls: {A.2.2: yes}
entries:
  - A.2.2
  - control: 7
    applicable: "yes"
    reasons: risk-treatment
    justification: [x]
    implementation: 3
    implemented_by: POL-001
  - {control: A.2.3, applicable: true, implemented_by: [7, null], implementation: implemented}
---
""",
    "records/ai-system.md": """---
id: REC-010
title: Broken inventory entry
type: record
record_kind: ai-system
status: approved
owner: aims-manager
event_date: not-a-date
retention_years: 5
classification: internal
clauses: ["8.1", 8]
lifecycle_stage: operation
risk_level: [high]
sourcing: {supplier: x}
in_scope: "true"
assesses: REC-010
---
""",
    "records/nc.md": """---
id: REC-012
title: Broken nonconformity
type: record
record_kind: nonconformity
status: approved
owner: aims-manager
event_date: 2026-01-01
retention_years: 5
classification: internal
clauses: ["10.2"]
nc_status: open
corrective_actions: [just text, {owner: [x], due: 2026-13-45}, {due: 20260101}]
---
""",
    "records/nc-closed.md": """---
id: REC-013
title: Broken closed nonconformity
type: record
record_kind: nonconformity
status: approved
owner: aims-manager
event_date: 2026-01-01
retention_years: 5
classification: internal
clauses: ["10.2"]
nc_status: closed
grade: [major]
cause: {why: unknown}
actions: [text, {id: [1], owner: {a: b}, due: 2099-02-30, status: maybe}, {due: 2099-01-01}]
effectiveness: [checked]
---
""",
    "records/review.md": """---
id: REC-014
title: Broken management review
type: record
record_kind: management-review
status: approved
owner: aims-manager
event_date: 2026-01-01
retention_years: 5
classification: internal
clauses: ["9.3"]
inputs: 9.3.2.a
decisions: [text, {decision: [x]}, {id: D-1}]
---
""",
}


def test_malformed_documents_give_findings_not_crashes(tmp_path: Path) -> None:
    from aims_lint.config import load_settings
    from aims_lint.readiness import build_readiness, readiness_json
    from tests.conftest import run_lint

    root = new_repo(tmp_path / "repo", MALFORMED)
    result = run_lint(root, TODAY)
    assert [f for f in result.findings if f.rule == "AIMS000"] == []
    assert {"AIMS102", "AIMS805", "AIMS854", "AIMS855", "AIMS856", "AIMS857", "AIMS859"} <= {
        f.rule for f in result.findings
    }
    assert len(readiness_json(build_readiness(result, load_settings(root)))["controls"]) == 38
